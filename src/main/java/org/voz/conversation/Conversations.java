package org.voz.conversation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every flow of conversations/, loaded and checked, with the system texts and reserved words. */
public final class Conversations {

  /** The flow every conversation starts with: the PIN, then the main menu. */
  public static final String MAIN = "main";
  /** The flow the language word opens. */
  public static final String LANGUAGE = "language";
  /**
   * Where a voice note or a picture leads, after the {@code media} text, when the flows have it: the offer to
   * talk to a person ({@code person.media}).
   */
  public static final StepRef MEDIA_OFFER = new StepRef("person", "media");

  private final Map<String, Flow> flows;
  private final SystemTexts system;
  private final ReservedWords reserved;

  private Conversations(Map<String, Flow> flows, SystemTexts system) {
    this.flows = Map.copyOf(flows);
    this.system = system;
    this.reserved = new ReservedWords(system.reserved());
  }

  /** Loads every *.yaml in {@code dir} (not tests/); throws {@link IllegalArgumentException} on errors. */
  public static Conversations load(Path dir) {
    return load(dir, QuestionKind.builtIn());
  }

  /** As {@link #load(Path)}, with the kinds of survey question the flows may use (the built-in ones, and more). */
  public static Conversations load(Path dir, List<QuestionKind> questionKinds) {
    ConversationLoader.Loaded loaded = ConversationLoader.load(dir, questionKinds);
    ValidationReport report = Validator.validate(loaded);
    if (report.hasErrors()) {
      throw new IllegalArgumentException("conversations in " + dir + " have errors:\n"
          + report.errors().stream().map(Finding::toString).collect(Collectors.joining("\n")));
    }
    return new Conversations(loaded.flows(), loaded.system());
  }

  /** Supported language codes, default first (es, en, pt, fr, ...). */
  public List<String> languages() {
    return system.languages();
  }

  public String defaultLanguage() {
    return system.defaultLanguage();
  }

  /** The {@code version:} of a flow, for ledger events; empty if there is no such flow. */
  public String flowVersion(String flowId) {
    Flow flow = flows.get(flowId);
    return flow == null ? "" : flow.version();
  }

  /** The {@code version:} of a flow as a number (0 when it is none). */
  public int flowVersionNumber(String flowId) {
    try {
      return Integer.parseInt(flowVersion(flowId).strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public Flow flow(String id) {
    return flows.get(id);
  }

  /** The flow of survey {@code surveyId} ({@code survey:} in its file), or null. */
  public Flow surveyFlow(String surveyId) {
    return flows.values().stream().filter(f -> surveyId.equals(f.survey())).findFirst().orElse(null);
  }

  /** The surveys the survey flows define: their question steps, in file order. */
  public List<org.voz.feedback.Survey> surveys() {
    return flows.values().stream().filter(f -> f.survey() != null).map(SurveyModels::of)
        .sorted(java.util.Comparator.comparing(org.voz.feedback.Survey::id)).toList();
  }

  /** Whether {@code ref} names a step of the loaded flows. */
  public boolean has(StepRef ref) {
    Flow flow = flows.get(ref.flow());
    return flow != null && flow.step(ref.step()) != null;
  }

  public Step step(StepRef ref) {
    Flow flow = flows.get(ref.flow());
    return flow == null ? null : flow.step(ref.step());
  }

  public StepRef start(String flowId) {
    Flow flow = flows.get(flowId);
    return new StepRef(flowId, flow.start());
  }

  public StepRef resolve(String fromFlow, String next) {
    return StepRef.resolve(flows, fromFlow, next);
  }

  public ReservedWords reservedWords() {
    return reserved;
  }

  /** A system text (see system.yaml {@code texts:}) in {@code language}, falling back to the default. */
  public String systemText(String key, String language) {
    Text text = system.text(key);
    return text == null ? "" : text.in(language, defaultLanguage());
  }

  /**
   * The words of one consent as a survivor reads them in their list ({@code data}, {@code recipient}, {@code purpose},
   * {@code until}, {@code status}), to fill a system text such as {@code rep_consent}.
   */
  public java.util.Map<String, String> consentWords(org.voz.consent.ConsentView consent, String language) {
    return java.util.Map.copyOf(new ConsentList(this).fields(consent, language));
  }

  /** The word for a consent status in {@code language}; the status itself if there is none. */
  public String statusWord(String status, String language) {
    Text text = system.statuses().get(status);
    return text == null ? status : text.in(language, defaultLanguage());
  }

  /**
   * The plain words for a consent code of {@code kind} ({@code data}, {@code recipient}, {@code purpose})
   * in {@code language}: from {@code labels:} in system.yaml, else the code itself ("-" when blank).
   */
  public String label(String kind, String code, String language) {
    if (code == null || code.isBlank()) {
      return "-";
    }
    Text text = system.labels().getOrDefault(kind, Map.of()).get(code);
    String value = text == null ? "" : text.in(language, defaultLanguage());
    return value.isBlank() ? code : value;
  }

  /** The kinds of code a consent item carries, each shown to survivors and staff by its label, never as the code. */
  public static final List<String> CONSENT_CODE_KINDS = List.of("data", "recipient", "purpose");

  /**
   * Whether a consent code of {@code kind} has its label in every language ({@code labels:} in system.yaml, the
   * catalogue): a code without one would be shown to survivors as it is written, a slug.
   */
  public boolean labelled(String kind, String code) {
    Text text = code == null ? null : system.labels().getOrDefault(kind, Map.of()).get(code);
    return text != null && languages().stream().allMatch(l -> {
      String value = text.values().get(l);
      return value != null && !value.isBlank();
    });
  }

  /**
   * The catalogue of consent codes: for each kind ({@link #CONSENT_CODE_KINDS}), each code with its label in each
   * language, codes sorted.
   */
  public Map<String, Map<String, Map<String, String>>> consentLabels() {
    Map<String, Map<String, Map<String, String>>> catalogue = new java.util.LinkedHashMap<>();
    for (String kind : CONSENT_CODE_KINDS) {
      Map<String, Map<String, String>> codes = new java.util.TreeMap<>();
      system.labels().getOrDefault(kind, Map.of()).forEach((code, text) -> {
        Map<String, String> byLanguage = new java.util.LinkedHashMap<>();
        languages().forEach(l -> byLanguage.put(l, text.values().getOrDefault(l, "")));
        codes.put(code, byLanguage);
      });
      catalogue.put(kind, codes);
    }
    return catalogue;
  }

  /**
   * An ISO date ({@code 2027-06-30}) as the survivor reads it, e.g. "30 jun 2027", with the {@code date}
   * text and the {@code months:} of system.yaml; the text as given when it is no date or they are missing.
   */
  public String date(String iso, String language) {
    if (iso == null || iso.isBlank()) {
      return "-";
    }
    List<String> months = system.months().getOrDefault(language, system.months().get(defaultLanguage()));
    String template = systemText("date", language);
    if (months == null || months.size() != 12 || template.isBlank()) {
      return iso;
    }
    try {
      java.time.LocalDate d = isoDate(iso.strip());
      return Text.fill(template, Map.of("day", String.valueOf(d.getDayOfMonth()),
          "month", months.get(d.getMonthValue() - 1), "year", String.valueOf(d.getYear())));
    } catch (java.time.format.DateTimeParseException e) {
      return iso;
    }
  }

  /**
   * {@link java.time.LocalDate#parse} of {@code yyyy-mm-dd} without the formatter (it runs for every consent
   * line shown); any other form goes through the formatter, so both accept and refuse the same texts.
   */
  static java.time.LocalDate isoDate(String text) {
    if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      if (year >= 0 && month >= 0 && day >= 0) {
        try {
          return java.time.LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
          throw new java.time.format.DateTimeParseException(e.getMessage(), text, 0, e);
        }
      }
    }
    return java.time.LocalDate.parse(text);
  }

  /** The number the ASCII digits of {@code text[from, to)} write; -1 when one is no digit. */
  private static int digits(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Whether the whole answer is a "more" word ({@code more:} in system.yaml) of any language. */
  public boolean isMoreWord(String raw) {
    String word = Normalizer.word(raw);
    return !word.isEmpty() && system.moreWords().values().stream()
        .flatMap(List::stream).anyMatch(w -> Normalizer.word(w).equals(word));
  }

  /** The language to speak: the session's if supported, else the default. */
  public String languageOf(Session session) {
    return languageOf(session.language());
  }

  /** {@code code} if supported, else the default language. */
  public String languageOf(String code) {
    return languages().contains(code) ? code : defaultLanguage();
  }
}
