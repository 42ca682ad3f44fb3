package org.voz.service.staff;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.service.Refusal;
import org.voz.staff.Credentials;
import org.voz.staff.StaffMember;
import org.voz.store.ConsoleAudit;
import org.voz.store.StaffCredentials;
import org.voz.store.StaffRepository;

/**
 * An admin's actions on staff accounts, shared by the staff API and the console's staff page: list the members;
 * deactivate one (their API token and every console session stop at once), reactivate them (their password and
 * second factor work again; the API token stays revoked until rotated); reset their second factor (the old one
 * and the recovery codes stop at once, their sessions end, and a one-time link lets them enrol a new one); rotate
 * their API token (the old one stops at once; the new one is shown once). Each action is kept in the
 * {@link ConsoleAudit} with the admin's id.
 */
public final class StaffAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(StaffAdmin.class);

  /** Where a member's console account stands. */
  public enum Console { ENROLLED, INVITED, SECOND_FACTOR_RESET }

  /** A member as the admin sees them: whether active (and since when not), and their console account. */
  public record Member(StaffMember member, boolean active, Instant deactivatedAt, Console console) {}

  /** A one-time link's token (for {@code /console/invite/{token}}), and whether it enrols the second factor only. */
  public record SetupLink(String token, boolean secondFactorOnly) {}

  private final StaffRepository staff;
  private final StaffCredentials credentials;
  private final ConsoleAccounts accounts;
  private final ConsoleAudit audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public StaffAdmin(StaffRepository staff, StaffCredentials credentials, ConsoleAccounts accounts, ConsoleAudit audit,
      Clock clock) {
    this.staff = staff;
    this.credentials = credentials;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<List<Member>> list() {
    return staff.list().compose(members -> {
      List<Future<Member>> each = new ArrayList<>();
      members.forEach(m -> each.add(describe(m)));
      return Future.all(each).map(all -> each.stream().map(Future::result).toList());
    });
  }

  private Future<Member> describe(StaffMember member) {
    Future<StaffRepository.Access> access = staff.access(member.id());
    Future<Optional<Credentials>> creds = credentials.find(member.id());
    return Future.all(access, creds).map(both -> new Member(member, access.result().active(),
        access.result().deactivatedAt(), creds.result().isEmpty() ? Console.INVITED
            : creds.result().get().hasSecondFactor() ? Console.ENROLLED : Console.SECOND_FACTOR_RESET));
  }

  /** Deactivates a member: from now on their token answers 401 and their console session is signed out. */
  public Future<Member> deactivate(StaffMember admin, String staffId) {
    if (admin.id().equals(staffId)) {
      return Future.failedFuture(new Refusal(Refusal.Kind.CONFLICT, "own_account", "an admin cannot deactivate themselves", "id"));
    }
    Instant now = clock.instant();
    return existing(staffId)
        .compose(member -> staff.deactivate(staffId, now))
        .compose(v -> done(admin, "staff_deactivated", staffId))
        .compose(v -> existing(staffId)).compose(this::describe);
  }

  /** Reactivates a member: their password and second factor work again; their API token needs a rotation. */
  public Future<Member> reactivate(StaffMember admin, String staffId) {
    return existing(staffId)
        .compose(member -> staff.reactivate(staffId))
        .compose(v -> done(admin, "staff_reactivated", staffId))
        .compose(v -> existing(staffId)).compose(this::describe);
  }

  /**
   * Resets a member's second factor: the old one and the recovery codes stop at once, their console sessions end,
   * and the answer's one-time link lets them enrol a new one (after typing their password). A member who never
   * enrolled gets a new invitation instead. Either way their earlier link stops working.
   */
  public Future<SetupLink> resetSecondFactor(StaffMember admin, String staffId) {
    Instant now = clock.instant();
    return active(staffId)
        .compose(member -> credentials.find(staffId))
        .compose(creds -> {
          if (creds.isEmpty()) {
            return accounts.invite(staffId, false).map(token -> new SetupLink(token, false));
          }
          return credentials.clearSecondFactor(staffId)
              .compose(v -> staff.endSessions(staffId, now))
              .compose(v -> accounts.invite(staffId, true))
              .map(token -> new SetupLink(token, true));
        })
        .compose(link -> done(admin, "second_factor_reset", staffId).map(link));
  }

  /** Gives an active member a new API token (shown once); the old one stops at once. */
  public Future<String> rotateToken(StaffMember admin, String staffId) {
    String token = newToken();
    return active(staffId)
        .compose(member -> staff.setToken(staffId, token))
        .compose(v -> done(admin, "token_rotated", staffId))
        .map(token);
  }

  /** The account events, newest first: {@code size} of them older than the cursor {@code before} (null: the newest). */
  public Future<ConsoleAudit.Page> events(String before, int size) {
    if (before != null && !ConsoleAudit.isCursor(before)) {
      return Future.failedFuture(Refusal.invalid("before", "a page cursor from an earlier answer"));
    }
    return audit.page(before, size);
  }

  private Future<StaffMember> existing(String staffId) {
    return staff.find(staffId).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(Refusal.notFound("no staff member with this id")));
  }

  private Future<StaffMember> active(String staffId) {
    return existing(staffId).compose(member -> staff.access(staffId).compose(access -> access.active()
        ? Future.succeededFuture(member)
        : Future.failedFuture(new Refusal(Refusal.Kind.CONFLICT, "deactivated", "the member is deactivated", "id"))));
  }

  private Future<Void> done(StaffMember admin, String type, String staffId) {
    LOG.info("staff account {} staff={} by={}", type, staffId, admin.id());
    return audit.record(clock.instant(), type, staffId, admin.id(), null);
  }

  /** A new bearer token: 32 random bytes, base64url. */
  public String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
