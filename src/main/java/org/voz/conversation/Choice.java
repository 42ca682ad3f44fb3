package org.voz.conversation;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One choice a reply offers: the key that selects it (what the survivor types, or would press on a keypad) and
 * its label in the survivor's language. Text channels show it as the line {@code key. label}
 * ({@link Prompts#numbered}); a voice channel could say "press {@code key} for {@code label}".
 */
public record Choice(String key, String label) {

  public Choice {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
  }

  /** The labels as choices numbered from 1, in order: what a choice step offers. */
  public static List<Choice> numbered(List<String> labels) {
    return IntStream.range(0, labels.size()).mapToObj(i -> new Choice(String.valueOf(i + 1), labels.get(i))).toList();
  }
}
