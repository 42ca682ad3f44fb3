package org.voz.conversation.newquestion;

import java.util.List;
import java.util.Objects;
import org.voz.conversation.Conversations;
import org.voz.conversation.Normalizer;
import org.voz.conversation.QuestionKind;
import org.voz.conversation.QuestionStep;
import org.voz.conversation.Source;
import org.voz.conversation.Text;
import org.voz.feedback.AnswerShape;

/**
 * A kind of survey question that exists only in a test, to show what a new kind is: this one step file (its
 * {@code type:}, what it reads and checks, what it shows, how it reads an answer, the shape of its answers), the
 * texts of the flow that uses it, and one line where the kinds are listed. Its answers are a
 * {@link AnswerShape.Scale}, which the aggregator already counts (with a mean), so it needs no case there.
 *
 * <p>{@code type: scale}: a whole number from 1 to {@code top:} (2 to 9), which the text explains; the survivor
 * replies with the number.
 */
public record ScaleStep(String id, Text text, String next, int top, boolean requiresPin, Source source)
    implements QuestionStep {

  public static final QuestionKind KIND = new QuestionKind("scale", ScaleStep::read);

  public ScaleStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
  }

  /** Its own setting, checked here: the validator reports a refusal as an error at the step. */
  private static ScaleStep read(QuestionStep.Fields f) {
    String top = f.setting("top")
        .orElseThrow(() -> new IllegalArgumentException("a scale needs 'top:', its highest number (2 to 9)"));
    if (!top.matches("[2-9]")) {
      throw new IllegalArgumentException("'top:' is a number from 2 to 9, not '" + top + "'");
    }
    return new ScaleStep(f.id(), f.text(), f.next(), Integer.parseInt(top), f.requiresPin(), f.source());
  }

  @Override
  public QuestionKind kind() {
    return KIND;
  }

  @Override
  public List<String> labels(Conversations conversations, String language) {
    return List.of(); // the text says what the numbers mean
  }

  @Override
  public Answered answer(String text, Conversations conversations, String language) {
    String word = Normalizer.word(text);
    return word.matches("[1-9]") && Integer.parseInt(word) <= top ? Answered.codes(List.of(word)) : null;
  }

  @Override
  public AnswerShape shape() {
    return AnswerShape.Scale.of(1, top);
  }
}
