package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Small-cell suppression of one row")
class RowSuppressionTest {

  private static final int K = 5;

  @Test
  @DisplayName("no small cell: nothing hidden, zeros shown")
  void nothingSmall() {
    RowSuppression.Hidden h = RowSuppression.additive(new int[] {12, 7, 0}, K);
    assertThat(h.cells()).containsExactly(false, false, false);
    assertThat(h.total()).isFalse();
  }

  @Test
  @DisplayName("one small cell is hidden with the next smallest non-zero cell, so total minus the others does not give it")
  void complementary() {
    RowSuppression.Hidden h = RowSuppression.additive(new int[] {20, 2, 9, 0}, K);
    assertThat(h.cells()).containsExactly(false, true, true, false);
    assertThat(h.total()).isFalse();
  }

  @Test
  @DisplayName("a complement of exactly k is not enough: total minus visible would pin both; another is hidden")
  void complementAtK() {
    // 1 + 5 = 6: an attacker who knew which is small gets 1 and 5 exactly
    RowSuppression.Hidden h = RowSuppression.additive(new int[] {1, 5, 30, 8}, K);
    assertThat(h.cells()[0]).isTrue();
    assertThat(h.cells()[1]).isTrue();
    assertThat(h.cells()[3]).isTrue();
    assertThat(h.cells()[2]).isFalse();
  }

  @Test
  @DisplayName("two small cells that add up to 2 (so both are 1) get a complement too")
  void twoOnes() {
    RowSuppression.Hidden h = RowSuppression.additive(new int[] {1, 1, 10, 40}, K);
    assertThat(h.cells()).containsExactly(true, true, true, false);
  }

  @Test
  @DisplayName("fewer than k respondents: every cell and the total are hidden")
  void tinyRow() {
    RowSuppression.Hidden h = RowSuppression.additive(new int[] {3, 1, 0}, K);
    assertThat(h.cells()).containsExactly(true, true, true);
    assertThat(h.total()).isTrue();
  }

  @Test
  @DisplayName("when no visible cell is left to hide, the total is hidden")
  void totalHidden() {
    RowSuppression.Hidden h = RowSuppression.additive(new int[] {1, 5}, K);
    assertThat(h.cells()).containsExactly(true, true);
    assertThat(h.total()).isTrue();
  }

  @Test
  @DisplayName("multiple choice: an option picked by nearly everyone is as identifying as one picked by few")
  void multipleChoice() {
    // 12 answered; 'legal' picked by 10 (2 did not), 'health' by 3
    RowSuppression.Hidden h = RowSuppression.multiple(new int[] {12, 10, 3, 6}, 12, K);
    assertThat(h.cells()[1]).isTrue();
    assertThat(h.cells()[2]).isTrue();
    assertThat(h.cells()[0]).isFalse();
  }

  @Test
  @DisplayName("multiple choice: 'everyone picked at least one' cannot pin a lone hidden option")
  void multipleChoiceLowerBound() {
    // 10 answered: housing 6, legal 4 (hidden); everyone picked one, so legal >= 10 - 6 = 4 = its maximum
    RowSuppression.Hidden h = RowSuppression.multiple(new int[] {6, 4}, 10, K);
    assertThat(RowSuppression.multipleSafe(new int[] {6, 4}, 10, new boolean[] {false, true}, new long[] {0, 1}, new long[] {0, 4}))
        .isFalse();
    assertThat(h.cells()[0] || h.total()).isTrue();
  }
}
