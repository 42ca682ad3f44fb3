package org.voz.feedback;

/**
 * One survivor's place in one campaign's survey, kept in their record so that they can stop at any time
 * and resume later where they left off. It holds no answer: only where they are, and how they chose to
 * answer ({@code mode}: {@code anonymous} or {@code linked}, null until chosen) and whether their free text
 * may be shown to coordinators ({@code share}).
 *
 * @param status {@code invited}, {@code started} or {@code completed}
 * @param step     the survey flow's step to resume at (null: its start)
 * @param closesAt when the campaign closes: not offered from then on (null: an invitation from before it was kept)
 */
public record Invitation(String campaignId, String surveyId, String status, String step, String mode, boolean share,
    java.time.Instant closesAt) {

  public static final String INVITED = "invited";
  public static final String STARTED = "started";
  public static final String COMPLETED = "completed";
  public static final String ANONYMOUS = "anonymous";
  public static final String LINKED = "linked";

  public Invitation {
    if (campaignId == null || !Question.CODE.matcher(campaignId).matches()) {
      throw new IllegalArgumentException("a campaign id is a code");
    }
    if (surveyId == null || !Question.CODE.matcher(surveyId).matches()) {
      throw new IllegalArgumentException("a survey id is a code");
    }
    status = status == null ? INVITED : status;
    if (!status.equals(INVITED) && !status.equals(STARTED) && !status.equals(COMPLETED)) {
      throw new IllegalArgumentException("unknown invitation status " + status);
    }
    if (mode != null && !mode.equals(ANONYMOUS) && !mode.equals(LINKED)) {
      throw new IllegalArgumentException("unknown answer mode " + mode);
    }
  }

  public static Invitation invited(String campaignId, String surveyId) {
    return invited(campaignId, surveyId, null);
  }

  public static Invitation invited(String campaignId, String surveyId, java.time.Instant closesAt) {
    return new Invitation(campaignId, surveyId, INVITED, null, null, false, closesAt);
  }

  public boolean open() {
    return !status.equals(COMPLETED);
  }

  /** Whether the survey may be offered at {@code now}: not completed, and the campaign not closed. */
  public boolean offered(java.time.Instant now) {
    return open() && (closesAt == null || now.isBefore(closesAt));
  }

  public Invitation at(String newStatus, String newStep, String newMode, boolean newShare) {
    return new Invitation(campaignId, surveyId, newStatus, newStep, newMode, newShare, closesAt);
  }
}
