package org.voz.feedback;

import java.util.List;

/** Everything a coordinator sees of a campaign under one filter. */
public record Results(String campaignId, Filter filter, int k, List<QuestionResult> questions) {

  public Results {
    questions = List.copyOf(questions);
  }

  /** What {@code "<k"} means; printed with every table. */
  public String legend() {
    return "<" + k + ": fewer than " + k + " people, or hidden so that a number under " + k
        + " cannot be worked out from the others";
  }
}
