package org.voz.conversation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Walks the steps of the flows for one engine step: entering steps and answering the current one. */
final class StepRunner {

  /** Message steps chained longer than this are a loop; the validator should have caught it. */
  private static final int MAX_HOPS = 32;

  private final Conversations conversations;
  private final ConsentList consentList;
  private final int maxPinAttempts;

  StepRunner(Conversations conversations, int maxPinAttempts) {
    this.conversations = conversations;
    this.consentList = new ConsentList(conversations);
    this.maxPinAttempts = maxPinAttempts;
  }

  /** The start of everything: the PIN prompt, or the main menu once verified (a PIN step passes then). */
  void enterHome(Draft d, SurvivorView view) {
    d.invalidCount = 0;
    if (d.locked) {
      lock(d);
      return;
    }
    enter(d, conversations.start(Conversations.MAIN), view);
  }

  void enterFlow(Draft d, String flowId, SurvivorView view) {
    d.invalidCount = 0;
    enter(d, conversations.start(flowId), view);
  }

  /** Shows steps from {@code ref} on until one waits for an answer or the conversation ends. */
  void enter(Draft d, StepRef ref, SurvivorView view) {
    for (int hop = 0; hop < MAX_HOPS && ref != null; hop++) {
      Flow flow = conversations.flow(ref.flow());
      Step step = conversations.step(ref);
      if (flow.requiresPin() && !d.verified) {
        ref = conversations.start(Conversations.MAIN);
        continue;
      }
      String language = conversations.languageOf(d.language);
      switch (step.type()) {
        case PIN -> {
          if (d.verified) {
            ref = conversations.resolve(ref.flow(), step.next());
            continue;
          }
          d.say(render(step.text(), d, view, language));
          d.waitAt(ref);
          return;
        }
        case CHOICE -> {
          var labels = step.options().stream().map(o -> o.label().in(language, conversations.defaultLanguage())).toList();
          d.say(Prompts.choice(render(step.text(), d, view, language), labels));
          d.choices = labels;
          d.waitAt(ref);
          return;
        }
        case INPUT -> {
          d.say(render(step.text(), d, view, language));
          d.waitAt(ref);
          return;
        }
        case MESSAGE -> {
          d.say(render(step.text(), d, view, language));
          ref = conversations.resolve(ref.flow(), step.next());
        }
        case END -> {
          d.say(render(step.text(), d, view, language));
          d.endConversation();
          return;
        }
      }
    }
    d.endConversation();
  }

  /** The survivor answered the step the conversation waits at. */
  void answer(Draft d, Inbound in, SurvivorView view, PinCheck pin) {
    StepRef ref = d.current();
    Step step = ref == null ? null : conversations.step(ref);
    if (step == null || !step.type().waits() || (conversations.flow(ref.flow()).requiresPin() && !d.verified)) {
      d.endConversation();
      enterHome(d, view);
      return;
    }
    if (Normalizer.tooLong(in.text())) {
      invalid(d, ref, view);
      return;
    }
    switch (step.type()) {
      case PIN -> answerPin(d, ref, step, in.text(), view, pin);
      case CHOICE -> answerChoice(d, ref, step, in.text(), view);
      default -> answerInput(d, ref, step, in.text(), view);
    }
  }

  private void answerPin(Draft d, StepRef ref, Step step, String text, SurvivorView view, PinCheck pin) {
    String digits = Normalizer.digits(text);
    if (digits.length() < 4 || digits.length() > 12) {
      invalid(d, ref, view);
      return;
    }
    d.invalidCount = 0;
    if (pin.matches(digits)) {
      d.verified = true;
      d.pinFailures = 0;
      enter(d, conversations.resolve(ref.flow(), step.next()), view);
      return;
    }
    d.pinFailures++;
    if (d.pinFailures >= maxPinAttempts) {
      d.locked = true;
      d.effects.add(new Effect.RaiseAlert("pin.locked", Map.of()));
      lock(d);
      return;
    }
    d.say(conversations.systemText("wrong_pin", language(d)));
  }

  private void answerChoice(Draft d, StepRef ref, Step step, String text, SurvivorView view) {
    Optional<Option> chosen = ChoiceMatcher.match(step, text, language(d));
    if (chosen.isEmpty()) {
      invalid(d, ref, view);
      return;
    }
    d.invalidCount = 0;
    Option option = chosen.get();
    for (Action action : option.actions()) {
      if (action.name().equals(Action.SET_LANGUAGE)) {
        d.language = action.value();
      }
    }
    if (option.quickExit()) {
      quickExit(d);
      return;
    }
    enter(d, conversations.resolve(ref.flow(), option.next()), view);
  }

  private void answerInput(Draft d, StepRef ref, Step step, String text, SurvivorView view) {
    String value = Normalizer.clean(text);
    boolean valid = !value.isEmpty() && value.length() <= step.maxLength()
        && (step.pattern() == null || step.pattern().matcher(value).matches());
    if (!valid) {
      invalid(d, ref, view);
      return;
    }
    d.invalidCount = 0;
    d.vars.put(step.save(), value);
    enter(d, conversations.resolve(ref.flow(), step.next()), view);
  }

  /** First time: say so and ask again. Second time in a row: say so and go back to the start. */
  private void invalid(Draft d, StepRef ref, SurvivorView view) {
    d.invalidCount++;
    if (d.invalidCount >= 2) {
      d.say(conversations.systemText("invalid_twice", language(d)));
      enterHome(d, view);
      return;
    }
    d.say(conversations.systemText("invalid", language(d)));
    enter(d, ref, view);
  }

  void quickExit(Draft d) {
    d.endConversation();
    d.say(conversations.systemText("quick_exit", language(d)));
  }

  void lock(Draft d) {
    d.endConversation();
    d.say(conversations.systemText("locked", language(d)));
  }

  String language(Draft d) {
    return conversations.languageOf(d.language);
  }

  private String render(Text text, Draft d, SurvivorView view, String language) {
    Map<String, String> vars = new HashMap<>(d.vars);
    if (d.verified) {
      vars.put("count", String.valueOf(view.consents().size()));
      vars.put("consents", consentList.render(view.consents(), language));
    }
    return Text.fill(text.in(language, conversations.defaultLanguage()), vars);
  }
}
