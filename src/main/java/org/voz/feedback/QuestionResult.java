package org.voz.feedback;

import java.util.List;

/**
 * The published figures of one question under one filter; {@code type} is the question's kind ({@link Question#type()}). {@code total} is null when suppressed;
 * {@code mean} (rating questions) is null unless every rating cell is visible; {@code texts} are the
 * shareable free-text answers, redacted and sorted by content. {@code withheld} says why nothing is shown
 * ({@code null} when the figures are shown).
 */
public record QuestionResult(String questionId, String type, Integer total, List<Cell> cells, Double mean,
    List<String> texts, String withheld) {

  public QuestionResult {
    cells = List.copyOf(cells);
    texts = List.copyOf(texts);
  }

  public String totalDisplay(int k) {
    return total == null ? "<" + k : Integer.toString(total);
  }
}
