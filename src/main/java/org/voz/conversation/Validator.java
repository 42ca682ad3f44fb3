package org.voz.conversation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks every file of conversations/; what {@code voz validate} runs. */
public final class Validator {

  private Validator() {}

  public static ValidationReport validate(Path dir) {
    return validate(ConversationLoader.load(dir));
  }

  /** With the kinds of survey question the flows may use ({@link QuestionKind#builtIn()}, and more). */
  public static ValidationReport validate(Path dir, List<QuestionKind> questionKinds) {
    return validate(ConversationLoader.load(dir, questionKinds));
  }

  static ValidationReport validate(ConversationLoader.Loaded loaded) {
    List<Finding> findings = new ArrayList<>(loaded.findings());
    findings.addAll(SystemChecks.check(loaded));
    findings.addAll(FlowChecks.check(loaded));
    findings.addAll(GraphChecks.check(loaded));
    findings.addAll(SurveyChecks.check(loaded));
    return new ValidationReport(findings);
  }

  /** Prints the report; the exit code is 1 when there is any error, else 0. */
  public static int run(Path dir, PrintStream out) {
    return run(dir, out, java.util.Map.of());
  }

  /**
   * As {@link #run(Path, PrintStream)}, and every consent code the configuration names ({@code recipients:}, by kind)
   * must have its label in the catalogue ({@code labels:} in system.yaml).
   */
  public static int run(Path dir, PrintStream out, java.util.Map<String, java.util.Set<String>> configuredCodes) {
    ValidationReport report = validate(dir, configuredCodes);
    report.print(out);
    return report.hasErrors() ? 1 : 0;
  }

  /** {@link #validate(Path)}, and a label for every code of {@code configuredCodes} (kind -> codes, with where). */
  public static ValidationReport validate(Path dir, java.util.Map<String, java.util.Set<String>> configuredCodes) {
    ConversationLoader.Loaded loaded = ConversationLoader.load(dir);
    List<Finding> findings = new ArrayList<>(validate(loaded).findings());
    configuredCodes.forEach((kind, codes) -> codes.stream().sorted()
        .filter(code -> !loaded.system().labels().getOrDefault(kind, java.util.Map.of()).containsKey(code))
        .forEach(code -> findings.add(Finding.error(loaded.system().source(), "system.yaml has no label " + kind + "."
            + code + " (the configuration's recipients: names it)"))));
    return new ValidationReport(findings);
  }
}
