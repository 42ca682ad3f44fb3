package org.voz.feedback;

import java.util.List;

/**
 * One answer to one question of a campaign.
 *
 * <p><b>Linked</b> answers carry the survivor id. <b>Anonymous</b> answers carry no survivor id and nothing
 * derived from it (no hash, no partition, no session or message id), and no time at all: anonymity also
 * needs the absence of a timing or ordering link, because "the answer stored at 14:02" and "the survivor
 * who was messaged at 14:01" are the same person. So answers have no timestamp field, and the store keeps
 * anonymous answers in an unordered set (not a list or stream), each sealed on its own; reports sort them
 * by content, never by arrival. Anonymous answers of one person to different questions are not tied to
 * each other either: each answer is its own record.
 *
 * <p>A skipped question ("prefer not to say") is recorded with {@code skipped = true} and no value: it is
 * not an answer. {@code shareText} is the survivor's permission to show a free-text answer (redacted) to
 * coordinators; without it the text is only counted.
 */
public record Answer(String campaignId, String questionId, String survivorId, Profile profile, boolean skipped,
    List<String> values, String text, boolean shareText) {

  public Answer {
    if (campaignId == null || !Question.CODE.matcher(campaignId).matches()) {
      throw new IllegalArgumentException("campaign id must be a code");
    }
    if (questionId == null || !Question.CODE.matcher(questionId).matches()) {
      throw new IllegalArgumentException("question id must be a code");
    }
    if (survivorId != null && survivorId.isBlank()) {
      throw new IllegalArgumentException("a linked answer needs a survivor id; an anonymous one has none (null)");
    }
    profile = profile == null ? new Profile(null, null, null) : profile;
    values = values == null ? List.of() : List.copyOf(values);
    text = text == null || text.isBlank() ? null : text;
    if (skipped && (!values.isEmpty() || text != null)) {
      throw new IllegalArgumentException("a skipped question has no value");
    }
    if (!skipped && values.isEmpty() && text == null) {
      throw new IllegalArgumentException("an answer needs a value, or is skipped");
    }
    shareText = shareText && text != null;
  }

  public static Answer anonymous(String campaignId, String questionId, Profile profile, List<String> values,
      String text, boolean shareText) {
    return new Answer(campaignId, questionId, null, profile, false, values, text, shareText);
  }

  public static Answer linked(String campaignId, String questionId, String survivorId, Profile profile,
      List<String> values, String text, boolean shareText) {
    if (survivorId == null) {
      throw new IllegalArgumentException("a linked answer needs a survivor id");
    }
    return new Answer(campaignId, questionId, survivorId, profile, false, values, text, shareText);
  }

  /** "Prefer not to say": recorded as skipped, not as an answer. {@code survivorId} null for anonymous. */
  public static Answer skipped(String campaignId, String questionId, String survivorId, Profile profile) {
    return new Answer(campaignId, questionId, survivorId, profile, true, List.of(), null, false);
  }

  public boolean anonymous() {
    return survivorId == null;
  }

  /** The same answer with the survivor id removed. */
  public Answer withoutSurvivor() {
    return new Answer(campaignId, questionId, null, profile, skipped, values, text, shareText);
  }

  /** Whether the values fit {@code question}: its id, and an answer of its shape ({@link AnswerShape#fits}), or a skip. */
  public boolean fits(Question question) {
    if (!question.id().equals(questionId)) {
      return false;
    }
    return skipped || question.shape().fits(values, text);
  }
}
