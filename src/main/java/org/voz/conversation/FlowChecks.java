package org.voz.conversation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The checks of each flow: texts, variables, options, actions, choice words and where steps lead. */
final class FlowChecks {

  /** Variables the engine itself provides to flow texts; all of them only once the PIN is verified. */
  static final Set<String> ENGINE_VARIABLES =
      Set.of("consents", "count", "data", "recipient", "purpose", "until", "status", "receipt",
          "requests", "reference", "due", "compensation", StepWalker.CODESIGN_MONTHS, NewsStep.VARIABLE,
          ErasureNewsStep.VARIABLE);

  private final Map<String, Flow> flows;
  private final SystemTexts system;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> savedVariables = new TreeSet<>();

  private FlowChecks(ConversationLoader.Loaded loaded) {
    this.flows = loaded.flows();
    this.system = loaded.system();
  }

  static List<Finding> check(ConversationLoader.Loaded loaded) {
    return new FlowChecks(loaded).run();
  }

  private List<Finding> run() {
    flows.values().forEach(f -> f.steps().values().forEach(s -> {
      if (s instanceof InputStep input && input.save() != null) {
        savedVariables.add(input.save());
      }
    }));
    for (Flow flow : flows.values()) {
      checkFlow(flow);
    }
    return findings;
  }

  /** What each type of step needs; what a type does not read is reported when it is read ({@code StepReader}). */
  private void checkFlow(Flow flow) {
    if (flow.step(flow.start()) == null) {
      findings.add(Finding.error(flow.source(), "flow '" + flow.id() + "' starts at unknown step '" + flow.start() + "'"));
    }
    Set<String> variables = new HashSet<>(savedVariables);
    variables.addAll(ENGINE_VARIABLES);
    TextChecks texts = new TextChecks(system.languages(), findings, Samples.of(system));
    for (Step step : flow.steps().values()) {
      String where = flow.id() + "." + step.id();
      if (step instanceof ChoiceStep choice) {
        texts.checkChoice(where, choice.text(), choice.options(), variables);
        checkOptions(flow, choice);
      } else if (step instanceof ConsentCheckStep check) {
        checkConsentCheck(flow, check, where);
      } else if (step instanceof SurveyCheckStep check) {
        checkNext(flow, step.source(), where, check.next(), true);
        checkNext(flow, step.source(), where + " (none:)", check.none(), true);
        requirePin(step, where, "is a survey_check");
      } else if (step instanceof NewsStep news) {
        texts.check(step.text(), variables);
        checkNext(flow, step.source(), where, news.next(), true);
        requirePin(step, where, "is a news step");
        step.text().values().forEach((language, value) -> {
          if (!Text.variablesOf(value).contains(NewsStep.VARIABLE)) {
            findings.add(Finding.error(step.text().sourceOf(language),
                where + " [" + language + "] is a news step that does not show {news}"));
          }
        });
      } else if (step instanceof ErasureNewsStep news) {
        texts.check(step.text(), variables);
        checkNext(flow, step.source(), where, news.next(), true);
        requirePin(step, where, "is an erasure_news step");
      } else if (step instanceof ExitCheckStep check) {
        checkNext(flow, step.source(), where, check.next(), true);
        checkNext(flow, step.source(), where + " (none:)", check.none(), true);
        requirePin(step, where, "is an exit_check");
      } else if (step instanceof ConsentPickStep pick) {
        texts.checkPage(where, pick, variables, system);
        checkConsentPick(flow, pick, where);
      } else if (step instanceof QuestionStep question) {
        if (question.options().isEmpty()) {
          texts.check(step.text(), variables);
        } else {
          texts.checkChoice(where, step.text(), question.options(), variables);
        }
        checkNext(flow, step.source(), where, question.next(), true);
      } else {
        texts.check(step.text(), variables);
        if (!(step instanceof EndStep)) {
          checkNext(flow, step.source(), where, next(step), true);
        }
      }
      if (step instanceof InputStep input) {
        checkInput(flow, input, where);
      }
      if (step instanceof PinStep && step.requiresPin()) {
        findings.add(Finding.error(step.source(), where + " is a pin step that requires the PIN"));
      }
      for (String personal : ENGINE_VARIABLES) {
        if (!step.requiresPin() && step.text().variables().contains(personal)) {
          findings.add(Finding.error(step.source(),
              where + " shows {" + personal + "} without 'requires_pin: true' (on the step or its flow)"));
        }
      }
    }
  }

  /** Where a pin, input, message or survey_done step goes on. */
  private static String next(Step step) {
    if (step instanceof PinStep pin) {
      return pin.next();
    } else if (step instanceof InputStep input) {
      return input.next();
    } else if (step instanceof MessageStep message) {
      return message.next();
    }
    return step instanceof SurveyDoneStep done ? done.next() : null;
  }

  private void checkConsentCheck(Flow flow, ConsentCheckStep step, String where) {
    checkStatuses(step, step.source(), where);
    checkNext(flow, step.source(), where, step.next(), true);
    checkNext(flow, step.source(), where + " (none:)", step.none(), true);
    if (!step.text().values().isEmpty()) {
      findings.add(Finding.warning(step.source(), where + " is a consent_check: its text is never shown"));
    }
    requirePin(step, where, "is a consent_check");
  }

  private void checkConsentPick(Flow flow, ConsentPickStep step, String where) {
    checkStatuses(step, step.source(), where);
    if (step.pick().isEmpty()) {
      findings.add(Finding.error(step.source(), where + " is a consent_pick without 'pick:' (status: step)"));
    }
    step.pick().forEach((status, target) -> {
      if (!SystemTexts.STATUSES.contains(status)) {
        findings.add(Finding.error(step.source(), where + " picks unknown status '" + status + "'"));
      }
      if (!step.statuses().isEmpty() && !step.statuses().contains(status)) {
        findings.add(Finding.warning(step.source(), where + " picks status '" + status + "' it does not list"));
      }
      checkNext(flow, step.source(), where + " (pick " + status + ")", target, true);
    });
    checkNext(flow, step.source(), where + " (empty:)", step.empty(), true);
    requirePin(step, where, "is a consent_pick");
  }

  private void checkStatuses(ConsentStatuses step, Source at, String where) {
    step.statuses().stream().filter(st -> !SystemTexts.STATUSES.contains(st)).forEach(st ->
        findings.add(Finding.error(at, where + " lists unknown status '" + st + "' (known: "
            + SystemTexts.STATUSES + ")")));
  }

  private void requirePin(Step step, String where, String what) {
    if (!step.requiresPin()) {
      findings.add(Finding.error(step.source(), where + " " + what + " without 'requires_pin: true' (on the step or its flow)"));
    }
  }

  /** An input's actions (record_reason, open_file_request), skip words and variable. */
  private void checkInput(Flow flow, InputStep step, String where) {
    for (Action action : step.actions()) {
      boolean stepAction = Action.STEP.contains(action.name());
      if (!stepAction) {
        findings.add(Finding.error(action.source(), where + ": a step takes only 'action: " + Action.RECORD_REASON
            + "' or '" + Action.OPEN_FILE_REQUEST + "', on an input step (other actions go on options)"));
      } else if (action.name().equals(Action.REQUEST_INTERPRETER)) {
        continue; // before the PIN too: someone who cannot read the PIN prompt may need it most
      } else if (action.name().equals(Action.FILE_COMPLAINT)) {
        requirePin(step, where, "files a complaint");
      } else if (action.name().equals(Action.OPEN_FILE_REQUEST)) {
        requirePin(step, where, "opens a file request");
        if (!action.value().equals("purpose") && !action.value().equals("note")) {
          findings.add(Finding.error(action.source(), where + ": open_file_request takes the answer as 'purpose' or 'note', not '"
              + action.value() + "'"));
        }
      } else {
        requirePin(step, where, "records a reason");
      }
    }
    if (!step.skip().isEmpty() || step.skipped() != null) {
      for (String language : system.languages()) {
        if (step.skip().getOrDefault(language, List.of()).isEmpty()) {
          findings.add(Finding.error(step.source(), where + " has no skip words in [" + language + "]"));
        }
      }
      step.skip().values().stream().flatMap(List::stream).forEach(w -> checkNotReserved(step.source(), where, w));
      checkNext(flow, step.source(), where + " (skipped:)", step.skipped(), false);
      checkOneSkipWord(step, where);
    }
    if (step.save() == null || step.save().isBlank()) {
      findings.add(Finding.error(step.source(), where + " is an input step without 'save:'"));
    }
  }

  /**
   * One skip word across all flows: every input step that can be skipped takes its language's {@code survey_skip_word}
   * (OMITIR, SKIP…), the word a survey question is skipped with too.
   */
  private void checkOneSkipWord(InputStep step, String where) {
    Text skipWord = system.texts().get("survey_skip_word");
    if (skipWord == null) {
      return;
    }
    for (String language : system.languages()) {
      String word = skipWord.values().get(language);
      if (word != null && step.skip().getOrDefault(language, List.of()).stream()
          .noneMatch(w -> Normalizer.word(w).equals(Normalizer.word(word)))) {
        findings.add(Finding.error(step.source(), where + " skip words in [" + language + "] lack '" + word
            + "', the one skip word of every flow (survey_skip_word)"));
      }
    }
  }

  private void checkNotReserved(Source at, String where, String word) {
    String normal = Normalizer.word(word);
    system.reserved().forEach((kind, byLanguage) -> byLanguage.values().stream().flatMap(List::stream)
        .filter(r -> Normalizer.word(r).equals(normal)).findFirst().ifPresent(r ->
            findings.add(Finding.error(at, where + " skip word '" + word + "' is the reserved word " + kind.key()))));
  }

  private void checkOptions(Flow flow, ChoiceStep step) {
    String where = flow.id() + "." + step.id();
    if (step.options().isEmpty()) {
      findings.add(Finding.error(step.source(), where + " is a choice without options"));
    }
    for (Option option : step.options()) {
      for (Action action : option.actions()) {
        if (!action.known()) {
          findings.add(Finding.error(action.source(), "unknown action '" + action.name() + "' (known: "
              + new TreeSet<>(Action.KNOWN) + ")"));
        } else if (action.name().equals(Action.SET_LANGUAGE) && !system.languages().contains(action.value())) {
          findings.add(Finding.error(action.source(), "set_language to unknown language '" + action.value() + "'"));
        } else if (Action.STEP.contains(action.name())) {
          findings.add(Finding.error(action.source(), where + ": " + action.name() + " belongs on an input step"));
        } else if (action.name().equals(Action.REQUEST_KIND)
            && !org.voz.requests.FileRequests.KINDS.contains(action.value())) {
          findings.add(Finding.error(action.source(), where + ": unknown request kind '" + action.value() + "' (known: "
              + org.voz.requests.FileRequests.KINDS + ")"));
        } else if (action.name().equals(Action.REQUEST_DELIVERY)
            && !org.voz.requests.FileRequests.DELIVERIES.contains(action.value())) {
          findings.add(Finding.error(action.source(), where + ": unknown delivery '" + action.value() + "' (known: "
              + org.voz.requests.FileRequests.DELIVERIES + ")"));
        } else if (action.name().equals(Action.CONTACT_CHANNEL) && !PersonActions.CHANNELS.contains(action.value())) {
          findings.add(Finding.error(action.source(), where + ": unknown contact channel '" + action.value() + "' (known: "
              + new TreeSet<>(PersonActions.CHANNELS) + ")"));
        } else if (action.name().equals(Action.CONTACT_WINDOW) && !PersonActions.WINDOWS.contains(action.value())) {
          findings.add(Finding.error(action.source(), where + ": unknown contact window '" + action.value() + "' (known: "
              + new TreeSet<>(PersonActions.WINDOWS) + ")"));
        } else if (action.name().equals(Action.COMPLAINT_MODE) && !PersonActions.COMPLAINT_MODES.contains(action.value())) {
          findings.add(Finding.error(action.source(), where + ": unknown complaint mode '" + action.value() + "' (known: "
              + new TreeSet<>(PersonActions.COMPLAINT_MODES) + ")"));
        } else if (action.name().equals(Action.REQUEST_CONTACT) && !action.value().isBlank()
            && !system.languages().contains(action.value())) {
          findings.add(Finding.error(action.source(), where + ": request_contact in unknown language '" + action.value() + "'"));
        } else if ((action.consent() || action.request() || Action.SURVEY.contains(action.name())
            || Action.PERSON.contains(action.name()) || action.name().equals(Action.REQUEST_ERASURE))
            && !step.requiresPin()) {
          findings.add(Finding.error(action.source(),
              where + ": " + action.name() + " without 'requires_pin: true' (on the step or its flow)"));
        }
      }
      checkNext(flow, option.source(), option.label().name(), option.next(), !option.quickExit());
    }
    checkDuplicateWords(where, step);
  }

  private void checkDuplicateWords(String where, ChoiceStep step) {
    for (String language : system.languages()) {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < step.options().size(); i++) {
        Option option = step.options().get(i);
        List<String> words = new ArrayList<>(option.words().getOrDefault(language, List.of()));
        words.add(option.label().in(language, ""));
        for (String word : words) {
          Integer other = seen.putIfAbsent(Normalizer.word(word), i);
          if (other != null && other != i) {
            findings.add(Finding.error(option.source(),
                where + " [" + language + "] options " + (other + 1) + " and " + (i + 1) + " share the word '" + word + "'"));
          }
        }
      }
    }
  }

  private void checkNext(Flow flow, Source at, String where, String next, boolean required) {
    if (next == null) {
      if (required) {
        findings.add(Finding.error(at, where + " has no 'next:'"));
      }
      return;
    }
    if (StepRef.resolve(flows, flow.id(), next) == null) {
      findings.add(Finding.error(at, where + " goes to unknown step or flow '" + next + "'"));
    }
  }

}
