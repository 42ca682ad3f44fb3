package org.voz.feedback;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A survivor's part in feedback, kept in their record: whether they agreed to be asked for feedback (set at
 * enrolment; nobody else is ever invited), the programme they were in and when they left it (cohort
 * filters), their invitations (see {@link Invitation}), and the "what we changed" updates kept for them to read
 * after their PIN (see {@link LoopNews}), oldest first.
 */
public record Participation(boolean acceptsRequests, String programme, LocalDate exitedOn, List<Invitation> invitations,
    List<LoopNews> news) {

  public static final Participation NONE = new Participation(false, null, null, List.of());

  public Participation {
    invitations = invitations == null ? List.of() : List.copyOf(invitations);
    news = news == null ? List.of() : List.copyOf(news);
  }

  /** A participation with no update kept. */
  public Participation(boolean acceptsRequests, String programme, LocalDate exitedOn, List<Invitation> invitations) {
    this(acceptsRequests, programme, exitedOn, invitations, List.of());
  }

  public static Participation orNone(Participation p) {
    return p == null ? NONE : p;
  }

  public java.util.Optional<Invitation> invitation(String campaignId) {
    return invitations.stream().filter(i -> i.campaignId().equals(campaignId)).findFirst();
  }

  /** The same, left the programme on {@code date} ({@code null}: not left, or not known). */
  public Participation withExitedOn(LocalDate date) {
    return new Participation(acceptsRequests, programme, date, invitations, news);
  }

  /** The same, with {@code invitation} replacing the one of its campaign (or added). */
  public Participation with(Invitation invitation) {
    List<Invitation> out = new ArrayList<>(invitations.stream()
        .filter(i -> !i.campaignId().equals(invitation.campaignId())).toList());
    out.add(invitation);
    return new Participation(acceptsRequests, programme, exitedOn, out, news);
  }

  /** The updates kept for the survivor that they have not read yet, oldest first. */
  public List<LoopNews> unread() {
    return news.stream().filter(n -> !n.seen()).toList();
  }

  /** Whether update {@code updateId} of {@code campaignId} was ever kept for the survivor (read or not). */
  public boolean hasNews(String campaignId, String updateId) {
    return news.stream().anyMatch(n -> n.is(campaignId, updateId));
  }

  /** The same, with {@code added} kept to read (nothing changes if that update was kept before). */
  public Participation withNews(LoopNews added) {
    if (hasNews(added.campaignId(), added.updateId())) {
      return this;
    }
    List<LoopNews> out = new ArrayList<>(news);
    out.add(added);
    return new Participation(acceptsRequests, programme, exitedOn, invitations, out);
  }

  /** The same, with update {@code updateId} of {@code campaignId} read: its texts dropped, its ids kept. */
  public Participation withNewsRead(String campaignId, String updateId) {
    return new Participation(acceptsRequests, programme, exitedOn, invitations,
        news.stream().map(n -> n.is(campaignId, updateId) && !n.seen() ? n.read() : n).toList());
  }

  /** The profile answers carry: the language, the programme and the quarter of the exit (never the day). */
  public Profile profile(String language) {
    return new Profile(language, programme, Profile.periodOf(exitedOn));
  }
}
