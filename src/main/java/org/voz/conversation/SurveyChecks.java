package org.voz.conversation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.voz.feedback.Question;

/**
 * The checks of survey flows: a survey id, the PIN, questions that make a survey (codes, at least two
 * distinct options for a choice), a {@code survey_done} step, the system texts the questions use in every
 * language, question steps only in survey flows, and the values of the survey actions.
 */
final class SurveyChecks {

  /** System texts every question shows or reads (the skip); each kind adds its own ({@link QuestionStep#systemTexts()}). */
  static final List<String> TEXTS = List.of("survey_skip", "survey_skip_word");
  private static final Set<String> MODES = Set.of("anonymous", "linked");
  private static final Set<String> YES_NO = Set.of("yes", "no");

  private final ConversationLoader.Loaded loaded;
  private final List<Finding> findings = new ArrayList<>();

  private SurveyChecks(ConversationLoader.Loaded loaded) {
    this.loaded = loaded;
  }

  static List<Finding> check(ConversationLoader.Loaded loaded) {
    SurveyChecks checks = new SurveyChecks(loaded);
    checks.run();
    return checks.findings;
  }

  private void run() {
    Map<String, String> surveyIds = new HashMap<>();
    boolean anySurvey = false;
    Set<String> used = new java.util.LinkedHashSet<>(TEXTS);
    for (Flow flow : loaded.flows().values()) {
      checkActions(flow);
      if (flow.survey() == null) {
        flow.steps().values().stream().filter(s -> s instanceof QuestionStep || s instanceof SurveyDoneStep).forEach(s ->
            findings.add(Finding.error(s.source(), flow.id() + "." + s.id() + " is a survey step in a flow without 'survey:'")));
        continue;
      }
      anySurvey = true;
      flow.steps().values().stream().filter(QuestionStep.class::isInstance)
          .forEach(s -> used.addAll(((QuestionStep) s).systemTexts()));
      String other = surveyIds.put(flow.survey(), flow.id());
      if (other != null) {
        findings.add(Finding.error(flow.source(), "survey '" + flow.survey() + "' is defined by flows " + other + " and " + flow.id()));
      }
      checkSurvey(flow);
    }
    if (anySurvey) {
      TextChecks texts = new TextChecks(loaded.system().languages(), findings);
      for (String key : used) {
        Text text = loaded.system().text(key);
        if (text == null) {
          findings.add(Finding.error(loaded.system().source(), "missing system text '" + key + "' (survey questions use it)"));
        } else {
          texts.translations(text);
        }
      }
    }
  }

  private void checkSurvey(Flow flow) {
    if (!Question.CODE.matcher(flow.survey()).matches()) {
      findings.add(Finding.error(flow.source(), "survey id '" + flow.survey() + "' is not a code"));
      return;
    }
    if (!flow.requiresPin()) {
      findings.add(Finding.error(flow.source(), "survey flow '" + flow.id() + "' without 'requires_pin: true'"));
    }
    if (flow.steps().values().stream().noneMatch(SurveyDoneStep.class::isInstance)) {
      findings.add(Finding.error(flow.source(), "survey flow '" + flow.id() + "' has no survey_done step"));
    }
    for (Step step : flow.steps().values()) {
      if (step instanceof QuestionStep question) {
        question.options().stream().filter(o -> o.code() == null || !Question.CODE.matcher(o.code()).matches()).forEach(o ->
            findings.add(Finding.error(o.source(), o.label().name() + " needs a 'code:' (letters, digits, . _ -)")));
      }
    }
    try {
      SurveyModels.of(flow);
    } catch (IllegalArgumentException e) {
      findings.add(Finding.error(flow.source(), "survey flow '" + flow.id() + "': " + e.getMessage()));
    }
  }

  private void checkActions(Flow flow) {
    for (Step step : flow.steps().values()) {
      for (Option option : Step.optionsOf(step)) {
        for (Action action : option.actions()) {
          String name = action.name();
          if (name.equals(Action.SURVEY_MODE) && !MODES.contains(action.value())) {
            findings.add(Finding.error(action.source(), "survey_mode is anonymous or linked, not '" + action.value() + "'"));
          } else if (name.equals(Action.SHARE_TEXT) && !YES_NO.contains(action.value())) {
            findings.add(Finding.error(action.source(), "share_text is yes or no, not '" + action.value() + "'"));
          } else if ((name.equals(Action.SURVEY_MODE) || name.equals(Action.SHARE_TEXT) || name.equals(Action.CODESIGN_OPT_IN))
              && flow.survey() == null) {
            findings.add(Finding.error(action.source(), name + " belongs in a survey flow"));
          }
        }
      }
    }
  }
}
