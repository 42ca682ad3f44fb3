package org.voz.consent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a survivor's record says about keeping it: a legal hold (no erasure while it stands, neither by the retention
 * job nor at the survivor's request, nor by staff), the survivor's own request to be erased (from the chat, decided by
 * their case manager), and the retention date already warned of (the warning alert is raised once per date).
 *
 * @param hold      the legal hold, or {@code null}: none
 * @param request   the survivor's latest erasure request, or {@code null}: none
 * @param warnedFor the erasure date the case manager was warned of ({@code retention.due_soon}), or {@code null}
 */
public record Retention(Hold hold, ErasureRequest request, LocalDate warnedFor) {

  public static final Retention NONE = new Retention(null, null, null);

  public static Retention orNone(Retention r) {
    return r == null ? NONE : r;
  }

  /**
   * A legal hold placed by a case manager or an admin.
   *
   * @param reason why (staff's words; sealed with the record, never logged)
   * @param by     the staff id who placed it
   * @param at     when
   */
  public record Hold(String reason, String by, Instant at) {}

  /**
   * The survivor asked, in the chat, to have their data erased; their case manager decides.
   *
   * @param id        the request's id
   * @param at        when it was asked
   * @param status    {@link #OPEN} (waiting for the decision) or {@link #REFUSED}; an accepted request erases the record
   * @param decidedBy the staff id who refused it, or {@code null}
   * @param decidedAt when, or {@code null}
   * @param reason    the reason of a refusal (told to the survivor after their PIN), or {@code null}
   * @param told      whether the survivor was told of the refusal (after their PIN)
   */
  public record ErasureRequest(String id, Instant at, String status, String decidedBy, Instant decidedAt, String reason,
      boolean told) {

    public static final String OPEN = "open";
    public static final String REFUSED = "refused";

    public boolean open() {
      return OPEN.equals(status);
    }

    /** The same request, refused by {@code by} at {@code when} for {@code why}. */
    public ErasureRequest refused(String by, Instant when, String why) {
      return new ErasureRequest(id, at, REFUSED, by, when, why, false);
    }

    /** The same request, its refusal told to the survivor. */
    public ErasureRequest toldSurvivor() {
      return new ErasureRequest(id, at, status, decidedBy, decidedAt, reason, true);
    }
  }

  public boolean held() {
    return hold != null;
  }

  /** Whether an erasure request waits for its decision. */
  public boolean requestOpen() {
    return request != null && request.open();
  }

  public Retention withHold(Hold newHold) {
    return new Retention(newHold, request, warnedFor);
  }

  public Retention withRequest(ErasureRequest newRequest) {
    return new Retention(hold, newRequest, warnedFor);
  }

  public Retention withWarnedFor(LocalDate date) {
    return new Retention(hold, request, date);
  }
}
