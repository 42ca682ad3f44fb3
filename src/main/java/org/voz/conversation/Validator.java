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
    ValidationReport report = validate(dir);
    report.print(out);
    return report.hasErrors() ? 1 : 0;
  }
}
