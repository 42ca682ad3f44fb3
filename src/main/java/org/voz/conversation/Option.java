package org.voz.conversation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One numbered choice of a {@code choice} step.
 *
 * @param label   what the line shows, in every language
 * @param words   extra words that select it, per language (optional)
 * @param next    where it leads ({@code step}, {@code flow} or {@code flow.step}); null with a quick exit
 * @param actions what choosing it does besides moving on
 * @param code    for survey choice questions: the answer code it records (e.g. {@code housing})
 */
public record Option(Text label, Map<String, List<String>> words, String next, List<Action> actions, Source source,
    String code) {

  public Option {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(source, "source");
    words = Map.copyOf(words);
    actions = List.copyOf(actions);
  }

  public boolean quickExit() {
    return actions.stream().anyMatch(a -> a.name().equals(Action.QUICK_EXIT) && !a.value().equals("false"));
  }

  /** The options' labels in {@code language}, in order (the default language's where one has none). */
  static List<String> labels(List<Option> options, Conversations conversations, String language) {
    return options.stream().map(o -> o.label().in(language, conversations.defaultLanguage())).toList();
  }
}
