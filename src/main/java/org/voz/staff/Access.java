package org.voz.staff;

import java.time.Instant;
import java.util.Objects;

/**
 * One staff access to a survivor's record: who (staff id and role), what ({@link #VIEWS} or a change, named like its
 * ledger event), and when. Ids only: nothing of what was seen. Kept in the survivor's sealed access stream beside
 * their ledger, and listed in the survivor's copy of their file (who looked, and when).
 */
public record Access(Instant at, String staffId, String role, String what) {

  /** The views of personal data that are recorded. */
  public static final java.util.Set<String> VIEWS = java.util.Set.of("survivor_page", "consents", "ledger", "file_requests");

  public Access {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(staffId, "staffId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(what, "what");
  }

  public static Access by(StaffMember member, String what, Instant at) {
    return new Access(at, member.id(), member.role(), what);
  }

  /** Whether it was a view (else a change). */
  public boolean view() {
    return VIEWS.contains(what);
  }
}
