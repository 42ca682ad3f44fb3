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

  /** A grant a minor gave in the chat, waiting for their representative's answer (then granted or declined). */
  public static final String PENDING_REPRESENTATIVE = "pending_representative";

  public static final Set<String> STATUSES =
      Set.of("pending", "granted", "granted_pending_confirmation", "pending_representative", "declined", "revoked",
          "expired");

  public ConsentView view() {
    return new ConsentView(id, data, recipient, purpose, until == null ? "" : until.toString(), status);
  }
}
