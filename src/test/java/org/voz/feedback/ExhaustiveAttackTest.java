package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An attacker who knows the suppression algorithm exactly: for every possible true row up to a size, it
 * computes what would be published, groups the rows that publish the same thing, and reads off every hidden
 * cell whose value is the same in all of them. The test asserts there is none.
 */
@DisplayName("Attack: an attacker who knows the algorithm, over every possible small row")
class ExhaustiveAttackTest {

  private static final int K = 5;

  @Test
  @DisplayName("additive rows of 3 to 6 cells (yes/no to rating, with skipped), up to 30 respondents: no hidden cell is pinned down")
  void additiveRows() {
    for (int cells = 3; cells <= 6; cells++) {
      Map<String, List<int[]>> byPublished = new HashMap<>();
      for (int n = 1; n <= (cells <= 4 ? 30 : 20); n++) {
        for (int[] row : compositions(n, cells)) {
          byPublished.computeIfAbsent(publishedAdditive(row), x -> new ArrayList<>()).add(row);
        }
      }
      assertNothingPinned(byPublished);
    }
  }

  @Test
  @DisplayName("multiple-choice rows of 3 options, 1 to 24 who answered: no hidden option is ever pinned down")
  void multipleChoiceRows() {
    Map<String, List<int[]>> byPublished = new HashMap<>();
    for (int answered = 1; answered <= 24; answered++) {
      for (int a = 0; a <= answered; a++) {
        for (int b = 0; b <= answered; b++) {
          for (int c = 0; c <= answered; c++) {
            if (a + b + c < answered) {
              continue; // everyone picked at least one
            }
            int[] row = {a, b, c};
            RowSuppression.Hidden h = RowSuppression.multiple(row, answered, K);
            byPublished.computeIfAbsent(published(row, h, answered), x -> new ArrayList<>()).add(row);
          }
        }
      }
    }
    assertNothingPinned(byPublished);
  }

  private static void assertNothingPinned(Map<String, List<int[]>> byPublished) {
    List<String> pinned = new ArrayList<>();
    byPublished.forEach((shown, rows) -> {
      for (int i = 0; i < rows.get(0).length; i++) {
        if (!shown.split(",")[i].equals("<5")) {
          continue;
        }
        Set<Integer> values = new TreeSet<>();
        for (int[] row : rows) {
          values.add(row[i]);
        }
        if (values.size() < 2) {
          pinned.add(shown + " cell " + i + " = " + values + " from " + Arrays.toString(rows.get(0)));
        }
      }
    });
    assertThat(pinned).isEmpty();
  }

  private static String publishedAdditive(int[] row) {
    RowSuppression.Hidden h = RowSuppression.additive(row, K);
    return published(row, h, Arrays.stream(row).sum());
  }

  private static String published(int[] row, RowSuppression.Hidden h, int total) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < row.length; i++) {
      s.append(h.cells()[i] ? "<5" : Integer.toString(row[i])).append(',');
    }
    return s.append(h.total() ? "<5" : Integer.toString(total)).toString();
  }

  private static List<int[]> compositions(int n, int parts) {
    List<int[]> out = new ArrayList<>();
    fill(new int[parts], 0, n, out);
    return out;
  }

  private static void fill(int[] row, int at, int left, List<int[]> out) {
    if (at == row.length - 1) {
      row[at] = left;
      out.add(row.clone());
      return;
    }
    for (int v = 0; v <= left; v++) {
      row[at] = v;
      fill(row, at + 1, left - v, out);
    }
  }
}
