package org.voz.conversation;

import org.voz.consent.ConsentView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Takes the survivor's answer to the step the conversation waits at: a PIN, a choice or free text. */
final class Answers {

  private final Conversations conversations;
  private final StepWalker walker;
  private final int maxPinAttempts;
  private final ConsentActions consents;
  private final RequestActions requests;

  Answers(Conversations conversations, StepWalker walker, int maxPinAttempts, String grantStatus,
      RequestActions requests) {
    this.requests = requests;
    this.conversations = conversations;
    this.walker = walker;
    this.maxPinAttempts = maxPinAttempts;
    this.consents = new ConsentActions(conversations, grantStatus);
  }

  void answer(Draft d, Inbound in, SurvivorView view, PinCheck pin) {
    StepRef ref = d.current();
    Step step = ref == null ? null : conversations.step(ref);
    if (step == null || !step.waits() || (step.requiresPin() && !d.verified)) {
      d.endConversation();
      walker.enterHome(d, view);
      return;
    }
    if (Normalizer.tooLong(in.text())) {
      invalid(d, ref, view);
      return;
    }
    if (step instanceof PinStep p) {
      answerPin(d, ref, p, in.text(), view, pin);
    } else if (step instanceof ChoiceStep c) {
      answerChoice(d, ref, c, in.text(), view);
    } else if (step instanceof ConsentPickStep p) {
      answerPick(d, ref, p, in.text(), view);
    } else if (step instanceof QuestionStep q) {
      answerQuestion(d, ref, q, in.text(), view);
    } else if (step instanceof InputStep i) {
      answerInput(d, ref, i, in.text(), view);
    }
  }

  /** Session variable set by the duress PIN: until the conversation ends, nothing personal is shown. */
  static final String VAR_DURESS = "duress";

  /** Only 4 to 12 digits are an attempt: other text never reaches the (slow) PIN check. */
  private void answerPin(Draft d, StepRef ref, PinStep step, String text, SurvivorView view, PinCheck pin) {
    String digits = Normalizer.digits(text);
    if (digits.length() < 4 || digits.length() > 12) {
      invalid(d, ref, view);
      return;
    }
    d.invalidCount = 0;
    d.answersPin(); // right or wrong, a PIN attempt is not to stay in the chat
    if (pin.matches(digits)) {
      d.verified = true;
      d.pinFailures = 0;
      walker.enter(d, conversations.resolve(ref.flow(), step.next()), view);
      return;
    }
    if (pin.isDuress(digits)) {
      d.verified = true;
      d.pinFailures = 0;
      d.vars.put(VAR_DURESS, "1");
      d.effects.add(new Effect.RaiseAlert("duress", Map.of()));
      walker.enter(d, conversations.resolve(ref.flow(), step.next()), view.emptied());
      return;
    }
    d.pinFailures++;
    if (d.pinFailures >= maxPinAttempts) {
      d.locked = true;
      d.effects.add(new Effect.RaiseAlert("pin.locked", Map.of()));
      walker.lock(d);
      return;
    }
    // before the last attempt the survivor is told that one is left (neutral words, like every text before the PIN)
    boolean lastLeft = d.pinFailures == maxPinAttempts - 1 && !conversations.systemText("wrong_pin_last", walker.language(d)).isEmpty();
    walker.saySystem(d, lastLeft ? "wrong_pin_last" : "wrong_pin");
  }

  private void answerChoice(Draft d, StepRef ref, ChoiceStep step, String text, SurvivorView view) {
    Optional<Option> chosen = ChoiceMatcher.match(step.options(), text, walker.language(d));
    if (chosen.isEmpty()) {
      invalid(d, ref, view);
      return;
    }
    d.invalidCount = 0;
    Option option = chosen.get();
    // the text the survivor answered, for the ledger: rendered again only when a consent changes with it
    boolean recorded = option.actions().stream().anyMatch(a -> a.consent() || a.name().equals(Action.CODESIGN_OPT_IN));
    String shown = recorded ? walker.prompt(d, step, view) : null;
    for (Action action : option.actions()) {
      if (action.consent() && !consents.run(d, action, ref.flow(), shown, view)) {
        consentGone(d, view);
        return;
      }
      if (action.request()) {
        RequestActions.choose(d, action);
      }
      if (Action.PERSON.contains(action.name()) && !action.name().equals(Action.REQUEST_CONTACT)) {
        PersonActions.choose(d, action);
      }
    }
    for (Action action : option.actions()) {
      if (action.name().equals(Action.REQUEST_CONTACT) && !PersonActions.requestContact(d, action)) {
        walker.saySystem(d, "request_gone");
        walker.enterHome(d, view);
        return;
      }
    }
    option.actions().stream()
        .filter(a -> a.name().equals(Action.SET_LANGUAGE))
        .forEach(a -> d.language = a.value());
    StepRef next = conversations.resolve(ref.flow(), option.next());
    for (Action action : option.actions()) {
      switch (action.name()) {
        case Action.SURVEY_MODE, Action.SHARE_TEXT -> walker.surveys().choose(d, action);
        case Action.DEFER_SURVEY -> walker.surveys().defer(d);
        case Action.REQUEST_ERASURE -> {
          // under the duress PIN the conversation only looks done: nothing is asked of anyone
          if (d.verified && !d.vars.containsKey(VAR_DURESS)) {
            d.effects.add(new Effect.ErasureRequested());
            d.effects.add(new Effect.RaiseAlert("erasure.requested", Map.of()));
          }
        }
        case Action.CODESIGN_OPT_IN -> consents.codesign(d, view, walker.codesign(), ref.flow(), shown);
        case Action.START_SURVEY -> {
          StepRef survey = d.verified ? walker.surveys().start(d, view) : null;
          next = survey != null ? survey : next;
        }
        default -> { }
      }
    }
    if (option.quickExit()) {
      walker.quickExit(d);
    } else {
      walker.enter(d, next, view);
      markInputAfterMenu(d);
    }
  }

  /**
   * Session variable: the free-text step (its {@code flow.step}) the conversation reached right after a menu answer.
   * There a bare number is likely one more menu answer, not the survivor's words: it is asked about before it is
   * taken ({@code input_number}); sent again, it is taken.
   */
  static final String VAR_NUMBER_CHECK = "number_check";

  private void markInputAfterMenu(Draft d) {
    StepRef at = d.current();
    if (at != null && conversations.step(at) instanceof InputStep) {
      d.vars.put(VAR_NUMBER_CHECK, at.flow() + "." + at.step());
    } else {
      d.vars.remove(VAR_NUMBER_CHECK);
    }
  }

  /** A bare number of one or two digits (a menu's key), and the conversation has words to ask about it. */
  private boolean menuNumber(Draft d, String text) {
    String answer = Normalizer.word(text);
    return !answer.isEmpty() && answer.length() <= 2 && answer.chars().allMatch(c -> c >= '0' && c <= '9')
        && !conversations.systemText("input_number", walker.language(d)).isEmpty();
  }

  /** A survey question: the answer (or a skip) leaves as an effect and the survey goes on. */
  private void answerQuestion(Draft d, StepRef ref, QuestionStep step, String text, SurvivorView view) {
    if (!walker.surveys().answer(d, step, text, view, walker.language(d))) {
      invalid(d, ref, view);
      return;
    }
    d.invalidCount = 0;
    walker.enter(d, conversations.resolve(ref.flow(), step.next()), view);
  }

  /**
   * A consent_pick step: a "more" word shows the next page; the number of a listed item selects it and
   * goes where {@code pick:} sends its status; an item in another status is said to be unchangeable here.
   */
  private void answerPick(Draft d, StepRef ref, ConsentPickStep step, String text, SurvivorView view) {
    List<ConsentView> listed = ConsentActions.listed(step, d, view);
    if (conversations.isMoreWord(text)) {
      d.invalidCount = 0;
      int shown = walker.shownOnPage(step, d, view);
      d.vars.put(ConsentActions.VAR_PAGE, String.valueOf(ConsentList.nextPage(StepWalker.page(d), shown, listed.size())));
      walker.enter(d, ref, view);
      return;
    }
    String answer = Normalizer.word(text);
    if (answer.isEmpty() || answer.length() > 3 || !answer.chars().allMatch(c -> c >= '0' && c <= '9')
        || Integer.parseInt(answer) < 1 || Integer.parseInt(answer) > listed.size()) {
      invalid(d, ref, view);
      return;
    }
    d.invalidCount = 0;
    ConsentView chosen = listed.get(Integer.parseInt(answer) - 1);
    String target = step.pick().get(chosen.status());
    if (target == null) {
      walker.saySystem(d, "consent_not_changeable");
      walker.enter(d, ref, view);
      return;
    }
    d.vars.put(ConsentActions.VAR_CONSENT, chosen.id());
    d.vars.remove(ConsentActions.VAR_RECEIPT);
    walker.enter(d, conversations.resolve(ref.flow(), target), view);
  }

  /** The selected consent changed meanwhile (or is gone): nothing was done; say so and go home. */
  private void consentGone(Draft d, SurvivorView view) {
    walker.saySystem(d, "consent_gone");
    walker.enterHome(d, view);
  }

  private static boolean skipWord(InputStep step, String text) {
    String answer = Normalizer.word(text);
    return !answer.isEmpty() && step.skip().values().stream().flatMap(List::stream)
        .anyMatch(w -> Normalizer.word(w).equals(answer));
  }

  private void answerInput(Draft d, StepRef ref, InputStep step, String text, SurvivorView view) {
    boolean afterMenu = (ref.flow() + "." + ref.step()).equals(d.vars.remove(VAR_NUMBER_CHECK));
    if (afterMenu && menuNumber(d, text) && !skipWord(step, text)) {
      // still waiting here: the same number again is taken as the answer, words are taken as ever
      walker.saySystem(d, "input_number");
      return;
    }
    if (skipWord(step, text)) {
      d.invalidCount = 0;
      if (!openRequest(d, step, "", ref, view)) {
        return;
      }
      walker.enter(d, conversations.resolve(ref.flow(), step.skipped() != null ? step.skipped() : step.next()), view);
      return;
    }
    String value = Normalizer.clean(text);
    boolean valid = !value.isEmpty() && value.length() <= step.maxLength()
        && (step.pattern() == null || step.pattern().matcher(value).matches());
    if (!valid) {
      invalid(d, ref, view);
      return;
    }
    d.invalidCount = 0;
    d.vars.put(step.save(), value);
    for (Action action : step.actions()) {
      if (action.name().equals(Action.RECORD_REASON)) {
        consents.recordReason(d, value, ref.flow());
        d.vars.remove(step.save());
      } else if (action.name().equals(Action.REQUEST_INTERPRETER)) {
        d.vars.remove(step.save());
        PersonActions.requestInterpreter(d, value);
      } else if (action.name().equals(Action.FILE_COMPLAINT)) {
        d.vars.remove(step.save());
        if (!PersonActions.fileComplaint(d, value)) {
          walker.saySystem(d, "request_gone");
          walker.enterHome(d, view);
          return;
        }
      }
    }
    if (!openRequest(d, step, value, ref, view)) {
      return;
    }
    walker.enter(d, conversations.resolve(ref.flow(), step.next()), view);
  }

  /**
   * An input step's {@code open_file_request}: the answer (empty when skipped) becomes the request's
   * purpose or note, never kept in the session. False when there was nothing to open (the kind or delivery
   * is missing, e.g. after a timeout): then the survivor is taken home.
   */
  private boolean openRequest(Draft d, InputStep step, String answer, StepRef ref, SurvivorView view) {
    for (Action action : step.actions()) {
      if (action.name().equals(Action.OPEN_FILE_REQUEST)) {
        d.vars.remove(step.save());
        if (!requests.open(d, action, answer, ref.flow(), view, d.now)) {
          walker.saySystem(d, "request_gone");
          walker.enterHome(d, view);
          return false;
        }
      }
    }
    return true;
  }

  /** First time: say so and ask again. Second time in a row: say so and go back to the start. */
  private void invalid(Draft d, StepRef ref, SurvivorView view) {
    d.invalidCount++;
    if (d.invalidCount >= 2) {
      walker.saySystem(d, "invalid_twice");
      walker.enterHome(d, view);
      return;
    }
    walker.saySystem(d, "invalid");
    walker.enter(d, ref, view);
  }
}
