package org.voz.web.console;

import java.util.List;
import org.voz.staff.StaffMember;

/** What each console template renders: plain records, so a template that reads a missing field fails the build. */
public final class Views {

  private Views() {}

  /**
   * What every page has: its texts, its title, who is signed in (null before sign-in), the CSRF token of its
   * forms, and which navigation item it is (for {@code aria-current}).
   */
  public record Page(ConsoleMessages.Texts t, String title, StaffMember member, String csrf, String nav) {
    public boolean signedIn() {
      return member != null;
    }
  }

  /** The sign-in form; {@code singleSignOn} the "Sign in with …" text when single sign-on is configured, else null. */
  public record SignIn(Page page, String username, String error, boolean signedOut, String singleSignOn,
      String singleSignOnPath) {}

  /** An invitation, or ({@code secondFactorOnly}) a link to enrol a new second factor after a reset. */
  public record Invite(Page page, String action, String name, String staffId, String secret, String qrSvg,
      String error, String errorField, boolean secondFactorOnly) {}

  /** A page that moves on to {@code next} by itself (a refresh, and a link for when it does not). */
  public record Continue(Page page, String next) {}

  /** The admin's staff page: each member with what can be done; {@code done} a confirmation to show, or null. */
  public record Staff(Page page, List<StaffRow> members, String done) {}

  /** One member on the staff page. */
  public record StaffRow(String id, String name, String role, boolean active, String status, String console,
      boolean canDeactivate) {}

  /** Something shown once after an admin's action: a new API token or a one-time link. */
  public record ShownOnce(Page page, String heading, String intro, String label, String value, String dataName) {}

  /** The account events, newest first, a page at a time; {@code older} the next page's link, or null. */
  public record Audit(Page page, List<AuditRow> events, String older, boolean first) {}

  /** One account event, in words. */
  public record AuditRow(String at, String type, String staffId, String by, String address) {}

  public record Enrolled(Page page, List<String> recoveryCodes) {}

  public record Inbox(Page page, List<Alert> alerts, List<Flag> flags, boolean acknowledged) {}

  /**
   * One alert as the inbox shows it: the type in words, the case reference, what changed, when; flagged when it
   * says a message was not delivered (or was itself not delivered) or a request is overdue.
   *
   * @param survivorId whose case it is (the case reference links to their page), or empty
   */
  public record Alert(String id, String type, String caseRef, String changed, String at, boolean deliveryFailed,
      String flag, String survivorId) {}

  /** One alert card alone (the inbox's live updates render each new alert with it): the texts, the CSRF token. */
  public record Card(ConsoleMessages.Texts t, String csrf, Alert alert) {}

  /**
   * Something that stays wrong until someone acts, above the alerts: an overdue request, an undelivered message.
   *
   * @param kind {@code overdue} or {@code undelivered}; {@code what} the request's reference or the message's kind
   */
  public record Flag(String kind, String caseRef, String what, String since) {}

  /** The member's choice to get each alert by e-mail too. */
  public record AlertEmail(Page page, String address, boolean enabled, boolean available, String error, boolean saved) {}

  public record Message(Page page, String body) {}
}
