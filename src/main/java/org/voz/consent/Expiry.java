package org.voz.consent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which consents run out: granted or pending ones (a grant waiting for the team's confirmation and a minor's grant
 * waiting for their representative among them) whose {@code until} is before today. Pure.
 */
public final class Expiry {

  private static final Set<String> ACTIVE = Set.of("granted", "granted_pending_confirmation", "pending",
      ConsentItem.PENDING_REPRESENTATIVE);

  private Expiry() {}

  /** The consents of {@code survivor} that have expired by {@code today}. */
  public static List<ConsentItem> expired(Survivor survivor, LocalDate today) {
    List<ConsentItem> out = new ArrayList<>();
    for (ConsentItem c : survivor.consents()) {
      if (ACTIVE.contains(c.status()) && c.until() != null && c.until().isBefore(today)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The earliest {@code until} among the granted and pending consents, or null if none can expire. */
  public static LocalDate earliest(Survivor survivor) {
    return survivor.consents().stream()
        .filter(c -> ACTIVE.contains(c.status()) && c.until() != null)
        .map(ConsentItem::until)
        .min(LocalDate::compareTo)
        .orElse(null);
  }
}
