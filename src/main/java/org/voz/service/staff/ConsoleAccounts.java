package org.voz.service.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.crypto.Base32;
import org.voz.crypto.Keyring;
import org.voz.crypto.PasswordHasher;
import org.voz.crypto.Totp;
import org.voz.service.Refusal;
import org.voz.staff.Credentials;
import org.voz.staff.StaffMember;
import org.voz.store.ConsoleAudit;
import org.voz.store.StaffCredentials;
import org.voz.store.StaffRepository;

/**
 * Console accounts: an invitation (a one-time link) where a member sets their password and enrols TOTP (or, after
 * an admin's second-factor reset, proves their password and enrols a new one), and the sign-in with staff id,
 * password and a TOTP (or recovery) code, or through the organisation's single sign-on. Failed sign-ins are counted
 * per account and per client address (a keyed hash of it: the address itself is neither kept nor logged); at
 * {@link Options#maxFailures} (or {@link Options#maxFailuresPerAddress}) the account (or the address) is locked
 * for {@link Options#lockout}, and each failure is answered more slowly. A deactivated member cannot sign in.
 * Every sign-in, failure and sign-out is kept in the {@link ConsoleAudit} (ids only). Password hashes run on a
 * worker thread. Logs carry staff ids and address hashes only.
 */
public final class ConsoleAccounts {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleAccounts.class);
  /** Unambiguous characters for recovery codes (no 0/O, 1/I/L). */
  private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  public static final int RECOVERY_CODES = 8;
  public static final int MIN_PASSWORD = 12;
  public static final int MAX_PASSWORD = 128;

  /**
   * How long an invitation works, the failures that lock an account, those that lock a client address, for how
   * long, and the step of slowing.
   */
  public record Options(Duration inviteTtl, int maxFailures, int maxFailuresPerAddress, Duration lockout,
      Duration slowdownStep) {
    public static final Options DEFAULTS = new Options(Duration.ofHours(72), 5, 20, Duration.ofMinutes(15),
        Duration.ofMillis(250));
  }

  /** An invitation's page: whose, the TOTP secret (base32) to enrol, and whether only the second factor is set anew. */
  public record OpenInvite(StaffMember member, String totpSecret, boolean secondFactorOnly) {}

  /** A finished enrolment: the member and their recovery codes, shown once. */
  public record Enrolled(StaffMember member, List<String> recoveryCodes) {}

  /**
   * The outcome of a sign-in: the member, or why not (the page says the same for every wrong input); when locked,
   * how long to wait.
   */
  public record SignIn(Optional<StaffMember> member, boolean locked, Duration waitFor) {
    static SignIn refused(boolean locked, Duration wait) {
      return new SignIn(Optional.empty(), locked, wait);
    }
  }

  private final Vertx vertx;
  private final StaffRepository staff;
  private final StaffCredentials credentials;
  private final PasswordHasher passwords;
  private final Clock clock;
  private final Options options;
  private final ConsoleAudit audit;
  private final Keyring keyring;
  private final SecureRandom random = new SecureRandom();

  public ConsoleAccounts(Vertx vertx, StaffRepository staff, StaffCredentials credentials, PasswordHasher passwords,
      Clock clock, Options options, ConsoleAudit audit, Keyring keyring) {
    this.vertx = vertx;
    this.staff = staff;
    this.credentials = credentials;
    this.passwords = passwords;
    this.clock = clock;
    this.options = options;
    this.audit = audit;
    this.keyring = keyring;
  }

  /** A new invitation for a member; the token goes into the link and is kept only as a hash. */
  public Future<String> invite(String staffId) {
    return invite(staffId, false);
  }

  /**
   * A new invitation (or, {@code secondFactorOnly}, a link to enrol a new second factor); the member's earlier
   * link stops working. The token goes into the link and is kept only as a hash.
   */
  Future<String> invite(String staffId, boolean secondFactorOnly) {
    String token = randomToken();
    return credentials.createInvite(hash(token), new StaffCredentials.Invite(staffId, null, secondFactorOnly),
        options.inviteTtl()).map(token);
  }

  /** The time by this service's clock (a session's start is compared with deactivations and resets). */
  public java.time.Instant now() {
    return clock.instant();
  }

  /** The keyed hash a client address is counted and recorded under (never the address itself). */
  public String addressHash(String address) {
    return keyring.addressHash("console", address == null ? "" : address).substring(0, 32);
  }

  /** Records a sign-out (the member's own, or a session ended because the member was deactivated). */
  public Future<Void> signedOut(String staffId, String address, boolean deactivated) {
    LOG.info("console signed out staff={} reason={}", staffId, deactivated ? "deactivated" : "signed_out");
    return audit.record(clock.instant(), deactivated ? "session_ended" : "sign_out", staffId, null, addressHash(address));
  }

  /** The invitation behind a link, with its TOTP secret (drawn on first opening); empty if used, expired or made up. */
  public Future<Optional<OpenInvite>> open(String token) {
    String tokenHash = hash(token);
    return credentials.findInvite(tokenHash).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      StaffCredentials.Invite invite = found.get();
      return staff.access(invite.staffId()).compose(access -> {
        if (!access.active()) { // a deactivated member's link opens nothing
          return Future.succeededFuture(Optional.<OpenInvite>empty());
        }
        Future<StaffCredentials.Invite> withSecret = invite.totpSecret() != null
            ? Future.succeededFuture(invite)
            : secretFor(tokenHash, invite);
        return withSecret.compose(i -> staff.find(i.staffId())
            .map(member -> member.map(m -> new OpenInvite(m, i.totpSecret(), i.secondFactorOnly()))));
      });
    });
  }

  private Future<StaffCredentials.Invite> secretFor(String tokenHash, StaffCredentials.Invite invite) {
    byte[] secret = new byte[20];
    random.nextBytes(secret);
    StaffCredentials.Invite with = invite.withSecret(Base32.encode(secret));
    return credentials.updateInvite(tokenHash, with).map(with);
  }

  /**
   * Sets the password and enrols TOTP: the code proves the app holds the secret. Burns the link; refuses a weak
   * password, passwords that differ, or a wrong code (the link then still works). On a second-factor link the
   * member types their current password instead ({@code password}; {@code confirmation} is ignored): a wrong one
   * counts as a failed sign-in of the account.
   */
  public Future<Enrolled> enrol(String token, String password, String confirmation, String code) {
    String tokenHash = hash(token);
    return open(token).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(Refusal.notFound("no such invitation"));
      }
      OpenInvite invite = found.get();
      String id = invite.member().id();
      if (!invite.secondFactorOnly()) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
          return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, "weak_password", "password length", "password"));
        }
        if (!password.equals(confirmation)) {
          return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, "password_mismatch", "passwords differ",
              "confirmation"));
        }
      }
      if (Totp.matchingStep(Base32.decode(invite.totpSecret()), code, currentStep()) < 0) {
        return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, "wrong_code", "wrong code", "code"));
      }
      List<String> recovery = new ArrayList<>();
      for (int i = 0; i < RECOVERY_CODES; i++) {
        recovery.add(randomText(10));
      }
      Future<String> passwordHash = invite.secondFactorOnly()
          ? currentPassword(id, password)
          : vertx.executeBlocking(() -> passwords.hash(password), false);
      return passwordHash
          .compose(hashed -> credentials.consumeInvite(tokenHash).compose(burned -> {
            if (!burned) { // raced by another use of the same link
              return Future.failedFuture(Refusal.notFound("no such invitation"));
            }
            return credentials.save(id, new Credentials(hashed, invite.totpSecret()),
                recovery.stream().map(ConsoleAccounts::hash).toList());
          }))
          .compose(v -> audit.record(clock.instant(), invite.secondFactorOnly() ? "second_factor_enrolled" : "enrolled",
              id, null, null))
          .map(v -> {
            LOG.info("console enrolled staff={} secondFactorOnly={}", id, invite.secondFactorOnly());
            return new Enrolled(invite.member(), recovery.stream().map(ConsoleAccounts::grouped).toList());
          });
    });
  }

  /** The member's password hash if {@code password} is theirs; a wrong one counts toward the account's lock. */
  private Future<String> currentPassword(String staffId, String password) {
    return credentials.accountFailures(staffId).compose(failures -> {
      if (failures.count() >= options.maxFailures()) {
        return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, "locked", "too many failures", "password"));
      }
      return credentials.find(staffId).compose(creds -> vertx.executeBlocking(() -> checkPassword(password, creds), false)
          .compose(ok -> ok
              ? Future.succeededFuture(creds.get().passwordHash())
              : credentials.failed(staffId, options.lockout()).compose(n -> Future.<String>failedFuture(
                  new Refusal(Refusal.Kind.INVALID, "wrong_password", "wrong password", "password")))));
    });
  }

  /**
   * Signs a member in with staff id, password and a TOTP code or one of their recovery codes, from a client
   * {@code address}. A locked account or address is refused before anything is checked; every failure counts
   * toward both locks. A deactivated member, or one whose second factor was reset, is refused like a wrong password.
   */
  public Future<SignIn> signIn(String staffId, String password, String code, String address) {
    String typed = staffId == null ? "" : staffId.strip();
    String id = typed.length() > 64 ? typed.substring(0, 64) : typed; // staff ids are at most 64 characters
    String from = addressHash(address);
    Future<StaffCredentials.Failures> byAccount = credentials.accountFailures(id);
    Future<StaffCredentials.Failures> byAddress = credentials.addressFailures(from);
    return Future.all(byAccount, byAddress).compose(counts -> {
      Duration wait = locked(byAccount.result(), byAddress.result());
      if (wait != null) {
        return staff.find(id).compose(member -> {
          // a username that names no member is not logged: it could be anything, even a password
          LOG.info("console sign-in refused staff={} addr={} reason=locked", member.isPresent() ? id : "-", from);
          return audit.record(clock.instant(), "sign_in_locked", member.map(StaffMember::id).orElse(null), null, from);
        }).map(SignIn.refused(true, wait));
      }
      return staff.find(id).compose(member -> staff.access(id).compose(access -> credentials.find(id).compose(creds ->
          vertx.executeBlocking(() -> checkPassword(password, creds), false)
              .compose(passwordOk -> passwordOk && member.isPresent() && access.active() && creds.get().hasSecondFactor()
                  ? secondFactor(id, creds.get(), code) : Future.succeededFuture(false))
              .compose(ok -> ok
                  ? credentials.clearFailures(id)
                      .compose(v -> audit.record(clock.instant(), "sign_in", id, null, from))
                      .map(v -> {
                        LOG.info("console signed in staff={} addr={}", id, from);
                        return new SignIn(member, false, null);
                      })
                  : failure(id, member.isPresent(), from)))));
    });
  }

  /**
   * Signs in a member the organisation's identity provider vouched for: {@code staffId} from its member claim,
   * {@code roles} the Voz roles its role claim maps to. Refused (empty) unless the member exists, is active and
   * holds one of those roles; either way the outcome is kept.
   */
  public Future<Optional<StaffMember>> signInVouched(String staffId, java.util.Set<String> roles, String address) {
    String from = addressHash(address);
    return staff.find(staffId).compose(member -> staff.access(staffId).compose(access -> {
      boolean ok = member.isPresent() && access.active() && roles.contains(member.get().role());
      LOG.info("console single sign-on staff={} addr={} outcome={}", member.isPresent() ? staffId : "-", from,
          ok ? "signed_in" : "refused");
      return audit.record(clock.instant(), ok ? "sign_in_sso" : "sign_in_sso_refused",
              member.map(StaffMember::id).orElse(null), null, from)
          .map(v -> ok ? member : Optional.<StaffMember>empty());
    }));
  }

  /** How long to wait if the account or the address is locked; null if neither is. */
  private Duration locked(StaffCredentials.Failures account, StaffCredentials.Failures address) {
    Duration wait = null;
    if (account.count() >= options.maxFailures()) {
      wait = account.left();
    }
    if (address.count() >= options.maxFailuresPerAddress() && (wait == null || address.left().compareTo(wait) > 0)) {
      wait = address.left();
    }
    return wait;
  }

  /** On a worker. An unknown account costs one hash too, so the time taken does not tell which ids exist. */
  private boolean checkPassword(String password, Optional<Credentials> creds) {
    String given = password == null ? "" : password;
    if (creds.isEmpty()) {
      passwords.hash(given);
      return false;
    }
    return passwords.matches(given, creds.get().passwordHash());
  }

  private Future<Boolean> secondFactor(String staffId, Credentials creds, String code) {
    String given = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (given.matches("[0-9]{6}")) {
      long step = Totp.matchingStep(Base32.decode(creds.totpSecret()), given, currentStep());
      return step < 0 ? Future.succeededFuture(false) : credentials.useStep(staffId, step);
    }
    return given.length() == 10 ? credentials.useRecoveryCode(staffId, hash(given)).map(used -> {
      if (used) {
        LOG.info("console recovery code used staff={}", staffId);
      }
      return used;
    }) : Future.succeededFuture(false);
  }

  /**
   * Counts the failure against the account and the address and answers it after a delay that grows with the
   * failures so far.
   */
  private Future<SignIn> failure(String staffId, boolean known, String from) {
    Future<Long> byAccount = credentials.failed(staffId, options.lockout());
    Future<Long> byAddress = credentials.failedFrom(from, options.lockout());
    return Future.all(byAccount, byAddress).compose(counts -> {
      long account = byAccount.result();
      long address = byAddress.result();
      boolean locked = account >= options.maxFailures() || address >= options.maxFailuresPerAddress();
      LOG.info("console sign-in failed staff={} addr={} failures={} fromAddress={} locked={}", known ? staffId : "-",
          from, account, address, locked);
      // the delay grows with the share of either limit used up, to at most maxFailures steps
      double used = Math.max(account / (double) options.maxFailures(), address / (double) options.maxFailuresPerAddress());
      long delay = Math.max(1, (long) (options.slowdownStep().toMillis() * options.maxFailures() * Math.min(1.0, used)));
      return audit.record(clock.instant(), "sign_in_failed", known ? staffId : null, null, from)
          .compose(v -> vertx.timer(delay))
          .map(t -> SignIn.refused(locked, locked ? options.lockout() : null));
    });
  }

  private long currentStep() {
    return Totp.step(clock.instant().getEpochSecond());
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String randomText(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
    }
    return out.toString();
  }

  private static String grouped(String code) {
    return code.substring(0, 5) + "-" + code.substring(5);
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
