package org.voz.conversation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.voz.feedback.Answer;
import org.voz.feedback.Invitation;
import org.voz.feedback.Profile;

/**
 * Survey flows: the question steps, the invitation check, starting and resuming, and progress.
 *
 * <p>Session variables (ids and flags only): {@code campaign} the campaign answered, {@code mode}
 * {@code anonymous} or {@code linked}, {@code share} whether free text may be shown (redacted),
 * {@code surveys_deferred} campaigns put off in this conversation. Where the survivor is lives in their
 * record (an {@link Effect.SurveyProgress} at every question shown), because the session's variables end
 * with the conversation; answers leave as {@link Effect.FeedbackAnswered} and are never kept.
 */
final class SurveySteps {

  static final String VAR_CAMPAIGN = "campaign";
  static final String VAR_MODE = "mode";
  static final String VAR_SHARE = "share";
  static final String VAR_DEFERRED = "surveys_deferred";
  /** The answer that skips any question ("prefer not to say"); its label is the system text {@code survey_skip}. */
  static final String SKIP = "0";

  private final Conversations conversations;

  SurveySteps(Conversations conversations) {
    this.conversations = conversations;
  }

  /** The answers a question offers: its numbered answers, then "0. Prefer not to say". */
  List<Choice> choices(QuestionStep step, String language) {
    List<Choice> choices = new ArrayList<>(Choice.numbered(step.labels(conversations, language)));
    choices.add(new Choice(SKIP, conversations.systemText("survey_skip", language)));
    return choices;
  }

  /** A survey_check: selects the first open invitation (not put off now, campaign not closed) whose survey has a flow. */
  boolean check(Draft d, SurvivorView view) {
    Set<String> deferred = deferred(d);
    return view.surveys().stream()
        .filter(i -> i.offered(d.now) && !deferred.contains(i.campaignId()) && conversations.surveyFlow(i.surveyId()) != null)
        .findFirst()
        .map(i -> {
          d.vars.put(VAR_CAMPAIGN, i.campaignId());
          return true;
        })
        .orElse(false);
  }

  Optional<Invitation> selected(Draft d, SurvivorView view) {
    String campaign = d.vars.get(VAR_CAMPAIGN);
    return campaign == null ? Optional.empty()
        : view.surveys().stream().filter(i -> i.campaignId().equals(campaign)).findFirst();
  }

  /** start_survey: where the selected campaign's survey starts, or resumes; null when there is none. */
  StepRef start(Draft d, SurvivorView view) {
    Invitation invitation = selected(d, view).filter(i -> i.offered(d.now)).orElse(null);
    Flow flow = invitation == null ? null : conversations.surveyFlow(invitation.surveyId());
    if (flow == null) {
      return null;
    }
    if (invitation.mode() != null) {
      d.vars.put(VAR_MODE, invitation.mode());
      d.vars.put(VAR_SHARE, invitation.share() ? "yes" : "no");
    }
    String step = invitation.step() != null && flow.step(invitation.step()) != null ? invitation.step() : flow.start();
    defer(d); // MENU goes to the menu, not back to this offer; the survey resumes in a later conversation
    return new StepRef(flow.id(), step);
  }

  /** defer_survey: not offered again in this conversation. */
  void defer(Draft d) {
    String campaign = d.vars.get(VAR_CAMPAIGN);
    if (campaign != null) {
      Set<String> ids = deferred(d);
      ids.add(campaign);
      d.vars.put(VAR_DEFERRED, String.join(",", ids));
    }
  }

  /** survey_mode and share_text, chosen in a survey flow. */
  void choose(Draft d, Action action) {
    if (action.name().equals(Action.SURVEY_MODE)) {
      d.vars.put(VAR_MODE, Invitation.LINKED.equals(action.value()) ? Invitation.LINKED : Invitation.ANONYMOUS);
    } else if (action.name().equals(Action.SHARE_TEXT)) {
      d.vars.put(VAR_SHARE, "yes".equals(action.value()) ? "yes" : "no");
    }
  }

  /** The survivor waits at {@code ref}: if it is in the survey they answer, their record keeps the place. */
  void progress(Draft d, StepRef ref, SurvivorView view) {
    Flow flow = conversations.flow(ref.flow());
    if (flow == null || flow.survey() == null) {
      return;
    }
    selected(d, view).filter(i -> i.surveyId().equals(flow.survey()) && i.open() && !completedNow(d, i.campaignId()))
        .map(i -> i.at(Invitation.STARTED, ref.step(), d.vars.get(VAR_MODE), shares(d)))
        .filter(now -> !view.surveys().contains(now))
        .ifPresent(now -> d.effects.add(new Effect.SurveyProgress(now)));
  }

  /** A survey_done step: complete; not offered again. */
  void done(Draft d, SurvivorView view) {
    selected(d, view).filter(Invitation::open).ifPresent(i -> {
      d.effects.add(new Effect.SurveyProgress(i.at(Invitation.COMPLETED, null, d.vars.get(VAR_MODE), shares(d))));
      defer(d);
    });
  }

  /**
   * The answer to a question step: an {@link Effect.FeedbackAnswered} (a skip too), and true; false when the
   * text answers nothing, and also when no campaign is selected (the question was reached some other way).
   */
  boolean answer(Draft d, QuestionStep step, String text, SurvivorView view, String language) {
    Invitation invitation = selected(d, view).orElse(null);
    if (invitation == null) {
      return false;
    }
    boolean linked = Invitation.LINKED.equals(d.vars.get(VAR_MODE));
    String survivorId = linked ? view.survivorId() : null;
    Profile profile = new Profile(language, null, null);
    String campaign = invitation.campaignId();
    if (skips(text)) {
      d.effects.add(new Effect.FeedbackAnswered(Answer.skipped(campaign, step.id(), survivorId, profile)));
      return true;
    }
    QuestionStep.Answered answered = step.answer(text, conversations, language);
    if (answered == null) {
      return false;
    }
    d.effects.add(new Effect.FeedbackAnswered(new Answer(campaign, step.id(), survivorId, profile, false,
        answered.values(), answered.text(), shares(d))));
    return true;
  }

  private boolean skips(String text) {
    String word = Normalizer.word(text);
    return word.equals(SKIP) || conversations.languages().stream().anyMatch(l ->
        Normalizer.word(conversations.systemText("survey_skip", l)).equals(word)
            || Normalizer.word(conversations.systemText("survey_skip_word", l)).equals(word));
  }

  private static boolean completedNow(Draft d, String campaign) {
    return d.effects.stream().anyMatch(e -> e instanceof Effect.SurveyProgress p
        && p.invitation().campaignId().equals(campaign) && !p.invitation().open());
  }

  private static boolean shares(Draft d) {
    return "yes".equals(d.vars.get(VAR_SHARE));
  }

  private static Set<String> deferred(Draft d) {
    Set<String> out = new LinkedHashSet<>(Arrays.asList(d.vars.getOrDefault(VAR_DEFERRED, "").split(",")));
    out.remove("");
    return out;
  }
}
