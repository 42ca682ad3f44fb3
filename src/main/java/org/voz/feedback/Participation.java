package org.voz.feedback;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A survivor's part in feedback, kept in their record: whether they agreed to be asked for feedback (set at
 * enrolment; nobody else is ever invited), the programme they were in and when they left it (cohort
 * filters), and their invitations (see {@link Invitation}).
 */
public record Participation(boolean acceptsRequests, String programme, LocalDate exitedOn, List<Invitation> invitations) {

  public static final Participation NONE = new Participation(false, null, null, List.of());

  public Participation {
    invitations = invitations == null ? List.of() : List.copyOf(invitations);
  }

  public static Participation orNone(Participation p) {
    return p == null ? NONE : p;
  }

  public java.util.Optional<Invitation> invitation(String campaignId) {
    return invitations.stream().filter(i -> i.campaignId().equals(campaignId)).findFirst();
  }

  /** The same, left the programme on {@code date} ({@code null}: not left, or not known). */
  public Participation withExitedOn(LocalDate date) {
    return new Participation(acceptsRequests, programme, date, invitations);
  }

  /** The same, with {@code invitation} replacing the one of its campaign (or added). */
  public Participation with(Invitation invitation) {
    List<Invitation> out = new ArrayList<>(invitations.stream()
        .filter(i -> !i.campaignId().equals(invitation.campaignId())).toList());
    out.add(invitation);
    return new Participation(acceptsRequests, programme, exitedOn, out);
  }

  /** The profile answers carry: the language, the programme and the quarter of the exit (never the day). */
  public Profile profile(String language) {
    return new Profile(language, programme, Profile.periodOf(exitedOn));
  }
}
