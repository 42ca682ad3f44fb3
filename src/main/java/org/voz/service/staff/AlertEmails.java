package org.voz.service.staff;

import io.vertx.core.Future;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.service.Refusal;
import org.voz.staff.StaffMember;
import org.voz.store.AlertEmailSettings;

/**
 * A case manager's choice to get each of their alerts by e-mail too (the alert's type and case reference, and a link
 * to the console; never what the survivor said or shared). Only case managers get alerts by e-mail: an alert goes to
 * the survivor's case manager. Nothing of the address is logged.
 */
public final class AlertEmails {

  private static final Logger LOG = LoggerFactory.getLogger(AlertEmails.class);
  /** A plain address: something@domain.tld, no spaces, no angle brackets or commas (one recipient, no display name). */
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+\\.[^@\\s<>,;\"]+");
  static final int MAX_ADDRESS = 254;

  private final AlertEmailSettings settings;
  private final boolean available;

  /** @param available whether SMTP is configured (otherwise the choice is kept but nothing is sent) */
  public AlertEmails(AlertEmailSettings settings, boolean available) {
    this.settings = settings;
    this.available = available;
  }

  public boolean available() {
    return available;
  }

  /** The member's setting (off, no address, until they choose). */
  public Future<AlertEmailSettings.Setting> of(StaffMember member) {
    if (!member.is(StaffMember.CASE_MANAGER)) {
      return Future.failedFuture(forbidden());
    }
    return settings.find(member.id()).map(found -> found.orElse(new AlertEmailSettings.Setting("", false)));
  }

  /** Saves the choice; an address is needed to turn it on. Refused (invalid, with the field) for a wrong address. */
  public Future<AlertEmailSettings.Setting> save(StaffMember member, String address, boolean enabled) {
    if (!member.is(StaffMember.CASE_MANAGER)) {
      return Future.failedFuture(forbidden());
    }
    String clean = address == null ? "" : address.strip();
    if (enabled && clean.isEmpty()) {
      return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, "address_required", "an address is needed", "address"));
    }
    if (!clean.isEmpty() && (clean.length() > MAX_ADDRESS || !ADDRESS.matcher(clean).matches())) {
      return Future.failedFuture(new Refusal(Refusal.Kind.INVALID, "invalid_address", "not an e-mail address", "address"));
    }
    AlertEmailSettings.Setting setting = new AlertEmailSettings.Setting(clean, enabled);
    return settings.save(member.id(), setting).map(v -> {
      LOG.info("alert e-mails set staff={} enabled={}", member.id(), enabled);
      return setting;
    });
  }

  private static Refusal forbidden() {
    return Refusal.forbidden("only case managers get alerts by e-mail");
  }
}
