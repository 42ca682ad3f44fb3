package org.voz.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shows steps: from one step on, until a step waits for an answer or the conversation ends. */
final class StepWalker {

  /** Message steps chained longer than this are a loop; the validator should have caught it. */
  private static final int MAX_HOPS = 32;

  private final Conversations conversations;
  private final ConsentList consentList;

  StepWalker(Conversations conversations) {
    this.conversations = conversations;
    this.consentList = new ConsentList(conversations);
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

  /** Shows steps from {@code ref} on; a flow that requires the PIN sends an unverified survivor home. */
  void enter(Draft d, StepRef ref, SurvivorView view) {
    for (int hop = 0; hop < MAX_HOPS && ref != null; hop++) {
      Step step = conversations.step(ref);
      if (step.requiresPin() && !d.verified) {
        ref = conversations.start(Conversations.MAIN);
      } else if (step.type() == Step.Type.MESSAGE || (step.type() == Step.Type.PIN && d.verified)) {
        if (step.type() == Step.Type.MESSAGE) {
          d.say(render(step.text(), d, view));
        }
        ref = conversations.resolve(ref.flow(), step.next());
      } else {
        show(d, ref, step, view);
        return;
      }
    }
    d.endConversation();
  }

  private void show(Draft d, StepRef ref, Step step, SurvivorView view) {
    String text = render(step.text(), d, view);
    if (step.type() == Step.Type.CHOICE) {
      String language = language(d);
      List<String> labels = step.options().stream()
          .map(o -> o.label().in(language, conversations.defaultLanguage())).toList();
      d.say(Prompts.choice(text, labels));
      d.choices = labels;
    } else {
      d.say(text);
    }
    if (step.type() == Step.Type.END) {
      d.endConversation();
    } else {
      d.waitAt(ref);
    }
  }

  void quickExit(Draft d) {
    d.endConversation();
    d.say(conversations.systemText("quick_exit", language(d)));
  }

  void lock(Draft d) {
    d.endConversation();
    d.say(conversations.systemText("locked", language(d)));
  }

  void saySystem(Draft d, String key) {
    d.say(conversations.systemText(key, language(d)));
  }

  String language(Draft d) {
    return conversations.languageOf(d.language);
  }

  /** Fills a text's variables; the personal ones only once the PIN is verified. */
  private String render(Text text, Draft d, SurvivorView view) {
    String language = language(d);
    Map<String, String> vars = new HashMap<>(d.vars);
    if (d.verified) {
      vars.put("count", String.valueOf(view.consents().size()));
      vars.put("consents", consentList.render(view.consents(), language));
    }
    return Text.fill(text.in(language, conversations.defaultLanguage()), vars);
  }
}
