package org.voz.conversation;

import java.util.List;
import java.util.stream.Collectors;

/** How a step's text is laid out in a message. */
public final class Prompts {

  private Prompts() {}

  /** The text followed by the lines {@code 1. label}, {@code 2. label}, … (what a choice step shows). */
  public static String choice(String text, List<String> labels) {
    return numbered(text, Choice.numbered(labels));
  }

  /**
   * A prompt and its choices as one text, as SMS, WhatsApp and Telegram show them: the prompt, then one line
   * {@code key. label} per choice (the lines alone when the prompt is empty; the prompt alone without choices).
   */
  public static String numbered(String prompt, List<Choice> choices) {
    if (choices.isEmpty()) {
      return prompt;
    }
    String lines = choices.stream().map(c -> c.key() + ". " + c.label()).collect(Collectors.joining("\n"));
    return prompt.isEmpty() ? lines : prompt + "\n" + lines;
  }

  /** Parts of one reply, one per line, empty parts left out. */
  public static String join(List<String> parts) {
    return parts.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining("\n"));
  }
}
