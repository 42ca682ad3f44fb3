package org.voz.store;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.voz.consent.Expiry;
import org.voz.consent.Survivor;

/**
 * Which survivors have a consent that runs out when: per partition, a sorted set of survivor ids scored
 * by the earliest {@code until} (epoch day) among their granted and pending consents. The expiry job
 * reads the due ones; whoever changes a record re-indexes it.
 */
public final class ExpiryIndex {

  private final DueIndex index;

  public ExpiryIndex(Redis redis, Keys keys) {
    this.index = new DueIndex(redis, keys, "expiry");
  }

  /** Indexes {@code survivorId} at its earliest {@code until}, or removes it when nothing can expire. */
  public Future<Void> index(String survivorId, LocalDate earliest) {
    return index.schedule(survivorId, earliest == null ? null : earliest.toEpochDay());
  }

  /**
   * Before a commit from {@code before} to {@code after}: indexes the survivor at {@code after}'s earliest end
   * when it differs from {@code before}'s. A committed record is always indexed at its earliest end, so a change
   * that keeps it (an invitation, a contact, most messages) writes nothing.
   */
  public Future<Void> reindex(Survivor before, Survivor after) {
    if (after.consents().equals(before.consents())) {
      return Future.succeededFuture();
    }
    LocalDate earliest = Expiry.earliest(after);
    return Objects.equals(earliest, Expiry.earliest(before)) ? Future.succeededFuture() : index(after.id(), earliest);
  }

  /** Survivors with a consent whose {@code until} is before {@code today}, over every partition. */
  public Future<List<String>> due(LocalDate today) {
    return index.dueAt(today.toEpochDay() - 1);
  }
}
