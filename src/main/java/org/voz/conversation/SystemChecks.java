package org.voz.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The checks of system.yaml: every system text and status word, the entry flows, reserved words. */
final class SystemChecks {

  /** Flows the engine starts by itself: a new conversation, and the language word. */
  static final List<String> ENTRY_FLOWS = List.of(Conversations.MAIN, Conversations.LANGUAGE);

  private final Map<String, Flow> flows;
  private final SystemTexts system;
  private final List<Finding> findings = new java.util.ArrayList<>();

  private SystemChecks(ConversationLoader.Loaded loaded) {
    this.flows = loaded.flows();
    this.system = loaded.system();
  }

  static List<Finding> check(ConversationLoader.Loaded loaded) {
    SystemChecks checks = new SystemChecks(loaded);
    checks.checkSystem();
    return checks.findings;
  }

  private void checkSystem() {
    SystemTexts.REQUIRED_TEXTS.forEach((key, vars) -> {
      Text text = system.text(key);
      if (text == null) {
        findings.add(Finding.error(system.source(), "system.yaml has no text '" + key + "'"));
      } else {
        new TextChecks(system.languages(), findings).check(text, vars);
      }
    });
    if (usesConsents()) {
      // where flows take consents, a minor's grant waits for their representative, who answers in their own chat
      SystemTexts.REPRESENTATIVE_TEXTS.forEach((key, vars) -> {
        Text text = system.text(key);
        if (text == null) {
          findings.add(Finding.error(system.source(), "system.yaml has no text '" + key + "' (a representative's chat needs it)"));
        } else {
          new TextChecks(system.languages(), findings).check(text, vars);
        }
      });
      SystemTexts.CONSENT_TEXTS.forEach((key, vars) -> {
        Text text = system.text(key);
        if (text == null) {
          findings.add(Finding.error(system.source(), "system.yaml has no text '" + key + "' (the consent steps need it)"));
        } else {
          new TextChecks(system.languages(), findings).check(text, vars);
        }
      });
    }
    if (usesRequests()) {
      checkRequests();
    }
    checkLabels();
    checkWordLists("months", system.months(), 12);
    if (usesPick() || !system.moreWords().isEmpty()) {
      checkWordLists("more", system.moreWords(), 0);
    }
    for (String status : SystemTexts.STATUSES) {
      Text text = system.statuses().get(status);
      if (text == null) {
        findings.add(Finding.error(system.source(), "system.yaml has no status word '" + status + "'"));
      } else {
        new TextChecks(system.languages(), findings).translations(text);
      }
    }
    for (String flow : ENTRY_FLOWS) {
      if (!flows.containsKey(flow)) {
        findings.add(new Finding(flow + ".yaml", 0, Finding.Severity.ERROR, "missing flow '" + flow + "'"));
      }
    }
    Flow main = flows.get(Conversations.MAIN);
    Step start = main == null ? null : main.step(main.start());
    if (start != null && !(start instanceof PinStep)) {
      findings.add(Finding.error(start.source(), "the main flow must start with a pin step"));
    }
    checkReservedWords();
  }

  private boolean usesConsents() {
    return flows.values().stream().flatMap(f -> f.steps().values().stream()).anyMatch(step ->
        step instanceof ConsentStatuses || actions(step).anyMatch(Action::consent));
  }

  private boolean usesRequests() {
    return flows.values().stream().flatMap(f -> f.steps().values().stream()).anyMatch(step ->
        actions(step).anyMatch(Action::request)
            || step.text().variables().stream().anyMatch(RequestActions.VARIABLES::contains));
  }

  /** The request texts, and a label for every request kind and status. */
  private void checkRequests() {
    SystemTexts.REQUEST_TEXTS.forEach((key, vars) -> {
      Text text = system.text(key);
      if (text == null) {
        findings.add(Finding.error(system.source(), "system.yaml has no text '" + key + "' (file requests need it)"));
      } else {
        new TextChecks(system.languages(), findings).check(text, vars);
      }
    });
    java.util.Map.of("request_kind", org.voz.requests.FileRequests.KINDS,
        "request_status", org.voz.requests.FileRequests.STATUSES).forEach((kind, codes) -> codes.stream()
        .filter(code -> !system.labels().getOrDefault(kind, Map.of()).containsKey(code))
        .forEach(code -> findings.add(Finding.error(system.source(),
            "system.yaml has no label " + kind + "." + code + " (file requests need it)"))));
    SystemTexts.ACCESS_LABELS.stream().filter(code -> !system.labels().getOrDefault("access", Map.of()).containsKey(code))
        .forEach(code -> findings.add(Finding.error(system.source(),
            "system.yaml has no label access." + code + " (the copy of a file lists who looked)")));
    SystemTexts.EVENT_LABELS.stream().filter(code -> !system.labels().getOrDefault("event", Map.of()).containsKey(code))
        .forEach(code -> findings.add(Finding.error(system.source(),
            "system.yaml has no label event." + code + " (the copy of a file shows every event in plain words)")));
  }

  private boolean usesPick() {
    return flows.values().stream().flatMap(f -> f.steps().values().stream())
        .anyMatch(step -> step instanceof ConsentPickStep);
  }

  /** What a step does: an input's own actions, a choice's options' actions. */
  private static java.util.stream.Stream<Action> actions(Step step) {
    if (step instanceof InputStep input) {
      return input.actions().stream();
    }
    if (step instanceof ChoiceStep choice) {
      return choice.options().stream().flatMap(o -> o.actions().stream());
    }
    return java.util.stream.Stream.empty();
  }

  /** Every label in every language. */
  private void checkLabels() {
    TextChecks texts = new TextChecks(system.languages(), findings);
    system.labels().values().forEach(byCode -> byCode.values().forEach(texts::translations));
    boolean codesign = flows.values().stream().flatMap(f -> f.steps().values().stream()).flatMap(SystemChecks::actions)
        .anyMatch(a -> Action.CODESIGN_OPT_IN.equals(a.name()));
    if (!codesign) {
      return;
    }
    CodesignOffer offer = CodesignOffer.DEFAULT;
    java.util.List.of(java.util.List.of("data", offer.data()), java.util.List.of("recipient", offer.recipient()),
        java.util.List.of("purpose", offer.purpose())).forEach(kindAndCode -> {
      String kind = kindAndCode.get(0);
      String code = kindAndCode.get(1);
      if (!system.labels().getOrDefault(kind, Map.of()).containsKey(code)) {
        findings.add(Finding.error(system.source(),
            "system.yaml has no label " + kind + "." + code + " (the co-design invitation's consent uses it)"));
      }
    });
  }

  /**
   * {@code months:} (exactly 12 a language) or {@code more:} (at least one word a language, none of them
   * a reserved word): every language, when the section is there or needed.
   */
  private void checkWordLists(String section, Map<String, List<String>> lists, int exactly) {
    if (lists.isEmpty() && exactly > 0) {
      return;
    }
    for (String language : system.languages()) {
      List<String> words = lists.getOrDefault(language, List.of());
      if (words.isEmpty() || (exactly > 0 && words.size() != exactly)) {
        findings.add(Finding.error(system.source(), "system.yaml " + section + ": [" + language + "] needs "
            + (exactly > 0 ? exactly + " words" : "at least one word") + ", has " + words.size()));
      }
    }
    lists.keySet().stream().filter(l -> !system.languages().contains(l)).forEach(l ->
        findings.add(Finding.warning(system.source(), "system.yaml " + section + " for unknown language '" + l + "'")));
    if (exactly == 0) {
      ReservedWords reserved = new ReservedWords(system.reserved());
      lists.values().stream().flatMap(List::stream).forEach(w -> reserved.classify(w).ifPresent(kind ->
          findings.add(Finding.error(system.source(), "system.yaml " + section + " word '" + w + "' is the reserved word "
              + kind.key()))));
    }
  }

  private void checkReservedWords() {
    Map<String, ReservedWord> seen = new HashMap<>();
    system.reserved().forEach((kind, byLanguage) -> byLanguage.forEach((language, words) -> {
      if (!system.languages().contains(language)) {
        findings.add(Finding.warning(system.sourceOf(kind), "reserved words for unknown language '" + language + "'"));
      }
      for (String word : words) {
        ReservedWord other = seen.putIfAbsent(Normalizer.word(word), kind);
        if (other != null && other != kind) {
          findings.add(Finding.error(system.sourceOf(kind),
              "reserved word '" + word + "' is both " + other.key() + " and " + kind.key()));
        }
      }
    }));
  }
}
