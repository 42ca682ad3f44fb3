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

  public record SignIn(Page page, String username, String error, boolean signedOut) {}

  public record Invite(Page page, String action, String name, String staffId, String secret, String qrSvg,
      String error, String errorField) {}

  public record Enrolled(Page page, List<String> recoveryCodes) {}

  public record Inbox(Page page, List<Alert> alerts, List<Flag> flags, boolean acknowledged) {}

  /**
   * One alert as the inbox shows it: the type in words, the case reference, what changed, when; flagged when it
   * says a message was not delivered (or was itself not delivered) or a request is overdue.
   */
  public record Alert(String id, String type, String caseRef, String changed, String at, boolean deliveryFailed,
      String flag) {}

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
