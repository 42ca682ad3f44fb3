package org.voz.app;

import io.vertx.core.Future;
import java.util.List;
import org.voz.crypto.Keyring;
import org.voz.service.staff.ConsoleAccounts;
import org.voz.staff.StaffMember;
import org.voz.store.StaffCredentials;
import org.voz.store.StaffRepository;

/**
 * Development only: a demo admin, {@code demo-admin}, and what to print at start to sign in to the console as
 * them — a fresh invitation link until they have set a password, then their username. Production has no demo.
 */
final class DemoConsole {

  static final String ID = "demo-admin";

  private final StaffRepository staff;
  private final StaffCredentials credentials;
  private final ConsoleAccounts accounts;
  private final String publicUrl;

  DemoConsole(StaffRepository staff, StaffCredentials credentials, ConsoleAccounts accounts, String publicUrl) {
    this.staff = staff;
    this.credentials = credentials;
    this.accounts = accounts;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** The line to print: how to sign in to the console as the demo admin. */
  Future<String> prepare() {
    String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Keyring.newKey());
    return staff.create(new StaffMember(ID, StaffMember.ADMIN, "Demo admin", List.of(), "es"), token)
        .compose(created -> credentials.find(ID))
        .compose(existing -> existing.isPresent()
            ? Future.succeededFuture("Staff console: " + publicUrl + "/console (sign in as " + ID
                + " with the password and authenticator you set)")
            : accounts.invite(ID).map(invite -> "Staff console: set up the demo admin (" + ID + ") at "
                + publicUrl + "/console/invite/" + invite + " , then sign in at " + publicUrl + "/console"));
  }
}
