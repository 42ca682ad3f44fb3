package org.voz.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.List;
import org.voz.crypto.Base32;
import org.voz.crypto.Keyring;
import org.voz.crypto.PasswordHasher;
import org.voz.staff.Credentials;
import org.voz.staff.StaffMember;
import org.voz.store.StaffCredentials;
import org.voz.store.StaffRepository;

/**
 * Development only: a demo account for every role that works on alerts, ready to sign in at once - the demo case
 * manager {@code cm-demo} (the simulator's survivors are theirs, with alerts and a file request waiting) and the
 * demo admin {@code demo-admin}. At every start each gets a new password, printed with its authenticator key
 * (kept from one start to the next, so an authenticator app set up once keeps working). Never called in production
 * ({@link Voz} checks {@code env}), where no demo account exists.
 */
final class DemoConsole {

  static final String ADMIN = "demo-admin";
  static final String CASE_MANAGER = "cm-demo";
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  /** A demo account as printed: who, with which password and authenticator key. */
  record Account(String id, String role, String password, String totpSecret) {}

  private final Vertx vertx;
  private final StaffRepository staff;
  private final StaffCredentials credentials;
  private final PasswordHasher passwords;
  private final String publicUrl;
  private final SecureRandom random = new SecureRandom();

  DemoConsole(Vertx vertx, StaffRepository staff, StaffCredentials credentials, PasswordHasher passwords, String publicUrl) {
    this.vertx = vertx;
    this.staff = staff;
    this.credentials = credentials;
    this.passwords = passwords;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** The lines to print: where the console is, and how to sign in as each demo account. */
  Future<String> prepare() {
    return account(new StaffMember(CASE_MANAGER, StaffMember.CASE_MANAGER, "Demo case manager", List.of(), "es"))
        .compose(cm -> account(new StaffMember(ADMIN, StaffMember.ADMIN, "Demo admin", List.of(), "es"))
            .map(admin -> "Staff console (dev only): " + publicUrl + "/console - sign in with the username, the password and"
                + " a code from an authenticator app (Aegis, FreeOTP, Google Authenticator...) given the key:\n"
                + line("demo case manager", cm) + "\n" + line("demo admin", admin)));
  }

  private static String line(String who, Account a) {
    return "    " + who + ": username " + a.id() + "  password " + a.password() + "  authenticator key " + a.totpSecret();
  }

  /** Creates the member if new; sets a new password; keeps their TOTP secret, or draws one. */
  Future<Account> account(StaffMember member) {
    String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Keyring.newKey());
    String password = password();
    return staff.create(member, token)
        .compose(created -> credentials.find(member.id()))
        .compose(existing -> {
          String secret = existing.map(Credentials::totpSecret).orElseGet(this::secret);
          return vertx.executeBlocking(() -> passwords.hash(password), false)
              .compose(hash -> credentials.save(member.id(), new Credentials(hash, secret), List.of()))
              .map(v -> new Account(member.id(), member.role(), password, secret));
        });
  }

  private String password() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  private String secret() {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return Base32.encode(bytes);
  }
}
