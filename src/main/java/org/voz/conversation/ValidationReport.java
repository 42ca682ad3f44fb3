package org.voz.conversation;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

/** Everything the validator found, sorted by file and line. */
public record ValidationReport(List<Finding> findings) {

  public ValidationReport {
    findings = findings.stream()
        .sorted(Comparator.comparing(Finding::file).thenComparingInt(Finding::line))
        .toList();
  }

  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }

  public List<Finding> errors() {
    return only(Finding.Severity.ERROR);
  }

  public List<Finding> warnings() {
    return only(Finding.Severity.WARNING);
  }

  public List<Finding> only(Finding.Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).toList();
  }

  public void print(PrintStream out) {
    findings.forEach(out::println);
    out.println(errors().size() + " error(s), " + warnings().size() + " warning(s)");
  }
}
