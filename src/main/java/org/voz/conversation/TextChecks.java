package org.voz.conversation;

import java.util.List;
import java.util.Set;

/** Checks one text: a translation in every language, known variables, and its SMS cost. */
final class TextChecks {

  /** More segments than this in one text is worth a warning: the survivor pays for each. */
  static final int SEGMENT_BUDGET = 3;

  private final List<String> languages;
  private final List<Finding> findings;

  TextChecks(List<String> languages, List<Finding> findings) {
    this.languages = languages;
    this.findings = findings;
  }

  void check(Text text, Set<String> variables) {
    translations(text);
    variables(text, variables);
    for (String language : languages) {
      if (text.values().containsKey(language)) {
        cost(text.name(), text.sourceOf(language), language, text.values().get(language));
      }
    }
  }

  void checkChoice(String where, Step step, Set<String> variables) {
    translations(step.text());
    variables(step.text(), variables);
    step.options().forEach(o -> {
      translations(o.label());
      variables(o.label(), Set.of());
    });
    for (String language : languages) {
      List<String> labels = step.options().stream().map(o -> o.label().in(language, "")).toList();
      String prompt = Prompts.choice(step.text().in(language, ""), labels);
      cost(where, step.text().sourceOf(language), language, prompt);
    }
  }

  void translations(Text text) {
    for (String language : languages) {
      String value = text.values().get(language);
      if (value == null || value.isBlank()) {
        findings.add(Finding.error(text.source(), "missing translation [" + language + "] of " + text.name()));
      }
    }
    text.values().keySet().stream().filter(l -> !languages.contains(l)).forEach(l ->
        findings.add(Finding.warning(text.sourceOf(l), text.name() + " has a text in unlisted language [" + l + "]")));
  }

  private void variables(Text text, Set<String> known) {
    for (String name : text.variables()) {
      if (!known.contains(name)) {
        findings.add(Finding.error(text.source(), text.name() + " uses unknown variable {" + name + "}"));
      }
    }
  }

  private void cost(String name, Source at, String language, String text) {
    int segments = SmsSegments.segments(text);
    String encoding = SmsSegments.encoding(text).toString();
    String line = name + " [" + language + "] " + segments + (segments == 1 ? " segment " : " segments ") + encoding;
    findings.add(Finding.info(at, line));
    if (segments > SEGMENT_BUDGET) {
      findings.add(Finding.warning(at, line + ": over the budget of " + SEGMENT_BUDGET));
    }
  }
}
