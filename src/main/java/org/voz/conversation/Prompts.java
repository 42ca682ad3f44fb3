package org.voz.conversation;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** How a step's text is laid out in a message. */
public final class Prompts {

  private Prompts() {}

  /** The text followed by the lines {@code 1. label}, {@code 2. label}, … */
  public static String choice(String text, List<String> labels) {
    String lines = IntStream.range(0, labels.size())
        .mapToObj(i -> (i + 1) + ". " + labels.get(i))
        .collect(Collectors.joining("\n"));
    return text.isEmpty() ? lines : text + "\n" + lines;
  }

  /** Parts of one reply, one per line, empty parts left out. */
  public static String join(List<String> parts) {
    return parts.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining("\n"));
  }
}
