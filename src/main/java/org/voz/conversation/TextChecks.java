package org.voz.conversation;

import java.util.List;
import java.util.Set;

/** Checks one text: a translation in every language, known variables, and its SMS cost. */
final class TextChecks {

  /** More segments than this in one text is worth a warning: the survivor pays for each. */
  static final int SEGMENT_BUDGET = 3;

  private final List<String> languages;
  private final List<Finding> findings;
  private final java.util.Map<String, java.util.Map<String, String>> samples;

  TextChecks(List<String> languages, List<Finding> findings) {
    this(languages, findings, java.util.Map.of());
  }

  /**
   * @param samples language to engine variable to a long sample value (e.g. a full page of consents),
   *                so that the counted cost is what a survivor pays, not the cost of the template
   */
  TextChecks(List<String> languages, List<Finding> findings, java.util.Map<String, java.util.Map<String, String>> samples) {
    this.languages = languages;
    this.findings = findings;
    this.samples = samples;
  }

  /** Fills the variables there is a sample of; leaves the others as written. */
  private String sample(String language, String template) {
    java.util.Map<String, String> values = samples.getOrDefault(language, java.util.Map.of());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*)}").matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  void check(Text text, Set<String> variables) {
    translations(text);
    variables(text, variables);
    for (String language : languages) {
      if (text.values().containsKey(language)) {
        cost(text.name(), text.sourceOf(language), language, sample(language, text.values().get(language)));
      }
      String youth = language + Text.YOUTH;
      if (text.values().containsKey(youth)) {
        cost(text.name(), text.sourceOf(youth), youth, sample(language, text.values().get(youth)));
      }
    }
  }

  /** A choice (or choice question): its text and the numbered lines of its options. */
  void checkChoice(String where, Text text, List<Option> options, Set<String> variables) {
    translations(text);
    variables(text, variables);
    options.forEach(o -> {
      translations(o.label());
      variables(o.label(), Set.of());
    });
    for (String language : languages) {
      List<String> labels = options.stream().map(o -> o.label().in(language, "")).toList();
      String prompt = Prompts.choice(sample(language, text.in(language, "")), labels);
      cost(where, text.sourceOf(language), language, prompt);
      String youth = language + Text.YOUTH;
      if (text.values().containsKey(youth)) {
        cost(where, text.sourceOf(youth), youth, Prompts.choice(sample(language, text.values().get(youth)), labels));
      }
    }
  }

  void translations(Text text) {
    for (String language : languages) {
      String value = text.values().get(language);
      if (value == null || value.isBlank()) {
        findings.add(Finding.error(text.source(), "missing translation [" + language + "] of " + text.name()));
      }
    }
    text.values().keySet().stream().filter(l -> !languages.contains(l) && !youthOfListed(l)).forEach(l ->
        findings.add(Finding.warning(text.sourceOf(l), text.name() + " has a text in unlisted language [" + l + "]")));
    text.values().forEach((variant, value) -> {
      if (youthOfListed(variant) && value.isBlank()) {
        findings.add(Finding.error(text.sourceOf(variant), "empty youth variant [" + variant + "] of " + text.name()));
      }
    });
  }

  /** Whether {@code key} is the youth variant ({@code es-youth}) of a listed language. */
  private boolean youthOfListed(String key) {
    return key.endsWith(Text.YOUTH) && languages.contains(key.substring(0, key.length() - Text.YOUTH.length()));
  }

  /**
   * A consent_pick step: how many consents with the longest labels a page holds within the budget
   * (the engine shows up to three, fewer when they would not fit); a warning when not even one fits.
   */
  void checkPage(String where, ConsentPickStep step, Set<String> variables, SystemTexts system) {
    translations(step.text());
    variables(step.text(), variables);
    for (String language : languages) {
      String template = step.text().values().get(language);
      if (template == null) {
        continue;
      }
      java.util.Map<String, String> values = new java.util.HashMap<>(samples.getOrDefault(language, java.util.Map.of()));
      String text = "";
      int size = ConsentList.PAGE_SIZE;
      for (; size >= 1; size--) {
        values.put("consents", Samples.page(system, values, language, size));
        text = Text.fill(template, values);
        if (SmsSegments.segments(text) <= SEGMENT_BUDGET) {
          break;
        }
      }
      int segments = SmsSegments.segments(text);
      String line = where + " [" + language + "] " + Math.max(size, 1) + " consent(s) a page with the longest labels, "
          + segments + (segments == 1 ? " segment " : " segments ") + SmsSegments.encoding(text);
      findings.add(Finding.info(step.text().sourceOf(language), line));
      if (size < 1) {
        findings.add(Finding.warning(step.text().sourceOf(language), line + ": over the budget of " + SEGMENT_BUDGET));
      }
    }
  }

  void variables(Text text, Set<String> known) {
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
