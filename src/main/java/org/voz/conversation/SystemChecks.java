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
    if (start != null && start.type() != Step.Type.PIN) {
      findings.add(Finding.error(start.source(), "the main flow must start with a pin step"));
    }
    checkReservedWords();
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
