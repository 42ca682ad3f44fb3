package org.voz.feedback;

import java.util.ArrayList;
import java.util.List;

/** Test-data builder: answers of one campaign. */
final class Answers {

  static final String CAMPAIGN = "c2026-exit";

  private final List<Answer> list = new ArrayList<>();
  private Profile profile = new Profile("es", "shelter", "2025-Q3");

  static Answers campaign() {
    return new Answers();
  }

  Answers as(String language, String programme, String period) {
    profile = new Profile(language, programme, period);
    return this;
  }

  /** {@code times} anonymous answers of {@code question} with {@code values}. */
  Answers answer(String question, int times, String... values) {
    for (int i = 0; i < times; i++) {
      list.add(Answer.anonymous(CAMPAIGN, question, profile, List.of(values), null, false));
    }
    return this;
  }

  Answers skip(String question, int times) {
    for (int i = 0; i < times; i++) {
      list.add(Answer.skipped(CAMPAIGN, question, null, profile));
    }
    return this;
  }

  Answers text(String question, String text, boolean share) {
    list.add(Answer.anonymous(CAMPAIGN, question, profile, List.of(), text, share));
    return this;
  }

  List<Answer> build() {
    return List.copyOf(list);
  }
}
