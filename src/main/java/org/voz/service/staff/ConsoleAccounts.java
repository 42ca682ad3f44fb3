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
import org.voz.crypto.PasswordHasher;
import org.voz.crypto.Totp;
import org.voz.service.Refusal;
import org.voz.staff.Credentials;
import org.voz.staff.StaffMember;
import org.voz.store.StaffCredentials;
import org.voz.store.StaffRepository;

/**
 * Console accounts: an invitation (a one-time link) where a member sets their password and enrols TOTP, and
 * the sign-in with staff id, password and a TOTP (or recovery) code. Failed sign-ins are counted per account;
 * at {@link Options#maxFailures} the account is locked for {@link Options#lockout}, and each failure is answered
 * more slowly. Password hashes run on a worker thread. Logs carry staff ids only.
 */
public final class ConsoleAccounts {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleAccounts.class);
  /** Unambiguous characters for recovery codes (no 0/O, 1/I/L). */
  private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  public static final int RECOVERY_CODES = 8;
  public static final int MIN_PASSWORD = 12;
  public static final int MAX_PASSWORD = 128;

  /** How long an invitation works, the failures that lock an account and for how long, the step of slowing. */
  public record Options(Duration inviteTtl, int maxFailures, Duration lockout, Duration slowdownStep) {
    public static final Options DEFAULTS = new Options(Duration.ofHours(72), 5, Duration.ofMinutes(15),
        Duration.ofMillis(250));
  }

  /** An invitation's page: whose, and the TOTP secret (base32) to enrol. */
  public record OpenInvite(StaffMember member, String totpSecret) {}

  /** A finished enrolment: the member and their recovery codes, shown once. */
  public record Enrolled(StaffMember member, List<String> recoveryCodes) {}

  /** The outcome of a sign-in: the member, or why not (the page says the same for every wrong input). */
  public record SignIn(Optional<StaffMember> member, boolean locked) {
    static SignIn refused(boolean locked) {
      return new SignIn(Optional.empty(), locked);
    }
  }

  private final Vertx vertx;
  private final StaffRepository staff;
  private final StaffCredentials credentials;
  private final PasswordHasher passwords;
  private final Clock clock;
  private final Options options;
  private final SecureRandom random = new SecureRandom();

  public ConsoleAccounts(Vertx vertx, StaffRepository staff, StaffCredentials credentials, PasswordHasher passwords,
      Clock clock, Options options) {
    this.vertx = vertx;
    this.staff = staff;
    this.credentials = credentials;
    this.passwords = passwords;
    this.clock = clock;
    this.options = options;
  }

  /** A new invitation for a member; the token goes into the link and is kept only as a hash. */
  public Future<String> invite(String staffId) {
    String token = randomToken();
    return credentials.createInvite(hash(token), new StaffCredentials.Invite(staffId, null), options.inviteTtl())
        .map(token);
  }

  /** The invitation behind a link, with its TOTP secret (drawn on first opening); empty if used, expired or made up. */
  public Future<Optional<OpenInvite>> open(String token) {
    String tokenHash = hash(token);
    return credentials.findInvite(tokenHash).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      StaffCredentials.Invite invite = found.get();
      Future<StaffCredentials.Invite> withSecret = invite.totpSecret() != null
          ? Future.succeededFuture(invite)
          : secretFor(tokenHash, invite);
      return withSecret.compose(i -> staff.find(i.staffId())
          .map(member -> member.map(m -> new OpenInvite(m, i.totpSecret()))));
    });
  }

  private Future<StaffCredentials.Invite> secretFor(String tokenHash, StaffCredentials.Invite invite) {
    byte[] secret = new byte[20];
    random.nextBytes(secret);
    StaffCredentials.Invite with = new StaffCredentials.Invite(invite.staffId(), Base32.encode(secret));
    return credentials.updateInvite(tokenHash, with).map(with);
  }

  /**
   * Sets the password and enrols TOTP: the code proves the app holds the secret. Burns the link; refuses a weak
   * password, passwords that differ, or a wrong code (the link then still works).
   */
  public Future<Enrolled> enrol(String token, String password, String confirmation, String code) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, "weak_password", "password length", "password"));
    }
    if (!password.equals(confirmation)) {
      return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, "password_mismatch", "passwords differ",
          "confirmation"));
    }
    String tokenHash = hash(token);
    return open(token).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(Refusal.notFound("no such invitation"));
      }
      OpenInvite invite = found.get();
      if (Totp.matchingStep(Base32.decode(invite.totpSecret()), code, currentStep()) < 0) {
        return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, "wrong_code", "wrong code", "code"));
      }
      List<String> recovery = new ArrayList<>();
      for (int i = 0; i < RECOVERY_CODES; i++) {
        recovery.add(randomText(10));
      }
      return vertx.executeBlocking(() -> passwords.hash(password), false)
          .compose(passwordHash -> credentials.consumeInvite(tokenHash).compose(burned -> {
            if (!burned) { // raced by another use of the same link
              return Future.failedFuture(Refusal.notFound("no such invitation"));
            }
            return credentials.save(invite.member().id(), new Credentials(passwordHash, invite.totpSecret()),
                recovery.stream().map(ConsoleAccounts::hash).toList());
          }))
          .map(v -> {
            LOG.info("console enrolled staff={}", invite.member().id());
            return new Enrolled(invite.member(), recovery.stream().map(ConsoleAccounts::grouped).toList());
          });
    });
  }

  /**
   * Signs a member in with staff id, password and a TOTP code or one of their recovery codes. A locked account
   * is refused before anything is checked; every failure counts toward the lock.
   */
  public Future<SignIn> signIn(String staffId, String password, String code) {
    String id = staffId == null ? "" : staffId.strip();
    return credentials.failures(id).compose(failures -> {
      if (failures >= options.maxFailures()) {
        LOG.info("console sign-in refused staff={} reason=locked", id);
        return Future.succeededFuture(SignIn.refused(true));
      }
      return staff.find(id).compose(member -> credentials.find(id).compose(creds ->
          vertx.executeBlocking(() -> checkPassword(password, creds), false)
              .compose(passwordOk -> passwordOk && member.isPresent() ? secondFactor(id, creds.get(), code) : Future.succeededFuture(false))
              .compose(ok -> ok
                  ? credentials.clearFailures(id).map(v -> {
                      LOG.info("console signed in staff={}", id);
                      return new SignIn(member, false);
                    })
                  : failure(id))));
    });
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

  /** Counts the failure and answers it after a delay that grows with the failures so far. */
  private Future<SignIn> failure(String staffId) {
    return credentials.failed(staffId, options.lockout()).compose(count -> {
      boolean locked = count >= options.maxFailures();
      LOG.info("console sign-in failed staff={} failures={} locked={}", staffId, count, locked);
      long delay = Math.max(1, options.slowdownStep().toMillis() * Math.min(count, options.maxFailures()));
      return vertx.timer(delay).map(t -> SignIn.refused(locked));
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
