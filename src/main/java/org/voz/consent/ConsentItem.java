package org.voz.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * One consent: what information ({@code data}), with whom ({@code recipient}), for what purpose, until
 * when, and its status.
 */
public record ConsentItem(
    String id, String data, String recipient, String purpose, LocalDate until, String status,
    Instant updatedAt) {

  public static final Set<String> STATUSES =
      Set.of("pending", "granted", "granted_pending_confirmation", "declined", "revoked", "expired");

  public ConsentView view() {
    return new ConsentView(id, data, recipient, purpose, until == null ? "" : until.toString(), status);
  }
}
