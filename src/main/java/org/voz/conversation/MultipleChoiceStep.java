package org.voz.conversation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.voz.feedback.AnswerShape;

/**
 * {@code type: multiple_choice}: any of its options: "1 3", "1,3", "1 y 3" (every number must name an
 * option), or one option by its words; records their {@code code:}s, each once.
 */
public record MultipleChoiceStep(String id, Text text, String next, List<Option> options, boolean requiresPin,
    Source source) implements QuestionStep {

  /** {@code type: multiple_choice}. */
  public static final QuestionKind KIND = new QuestionKind("multiple_choice",
      f -> new MultipleChoiceStep(f.id(), f.text(), f.next(), f.options(), f.requiresPin(), f.source()));

  public MultipleChoiceStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    options = List.copyOf(options);
  }

  @Override
  public QuestionKind kind() {
    return KIND;
  }

  @Override
  public AnswerShape shape() {
    return new AnswerShape.AnyOf(codes(options));
  }

  @Override
  public List<String> labels(Conversations conversations, String language) {
    return Option.labels(options, conversations, language);
  }

  @Override
  public Answered answer(String text, Conversations conversations, String language) {
    String normal = Normalizer.word(text);
    if (!normal.matches(".*[0-9].*")) {
      return ChoiceMatcher.match(options, text, language).map(o -> Answered.codes(List.of(o.code()))).orElse(null);
    }
    Set<String> codes = new LinkedHashSet<>();
    for (String part : normal.split("[^0-9]+")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.length() > 2 || Integer.parseInt(part) < 1 || Integer.parseInt(part) > options.size()) {
        return null;
      }
      codes.add(options.get(Integer.parseInt(part) - 1).code());
    }
    String rest = normal.replaceAll("[0-9]+", " ").replaceAll("[\\s,;.+/&-]+|\\b(y|e|and|et|ak)\\b", "").strip();
    return rest.isEmpty() ? Answered.codes(List.copyOf(codes)) : null;
  }

  /** The options' answer codes, in order (a missing one is the validator's error). */
  private static List<String> codes(List<Option> options) {
    return options.stream().map(Option::code).toList();
  }
}
