package org.voz.conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.voz.consent.ConsentView;

/**
 * What one change of a consent item emits, wherever the survivor made it (in the chat, or in person or on paper
 * and recorded by staff): the change itself (status, ledger event, a recipient's notice on a revocation: see
 * the shell's effect writer) and the case manager's alert, with the same fields either way. Pure.
 */
public final class ConsentChanges {

  private ConsentChanges() {}

  /**
   * The alert type of a change to {@code to}: {@code consent.revoked}, {@code consent.declined},
   * {@code consent.pending_representative} (a minor's grant, waiting for their representative) or {@code consent.granted}.
   */
  public static String alertType(String to) {
    return switch (to) {
      case "revoked" -> "consent.revoked";
      case "declined" -> "consent.declined";
      case org.voz.consent.ConsentItem.PENDING_REPRESENTATIVE -> "consent.pending_representative";
      default -> "consent.granted";
    };
  }

  /** The change, then the alert about {@code item} (as it was before the change) carrying the change's receipt. */
  public static List<Effect> of(Effect.ConsentChanged change, ConsentView item) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("consentId", item.id());
    fields.put("recipient", orEmpty(item.recipient()));
    fields.put("data", orEmpty(item.data()));
    fields.put("purpose", orEmpty(item.purpose()));
    fields.put("receipt", change.receipt());
    return List.of(change, new Effect.RaiseAlert(alertType(change.to()), fields));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
