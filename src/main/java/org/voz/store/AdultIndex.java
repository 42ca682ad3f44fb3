package org.voz.store;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.voz.consent.Survivor;
import org.voz.safety.Minor;

/**
 * Which minors come of age when: per partition ({@code voz:{p}:adults}), a sorted set of survivor ids scored by the day
 * they turn 18 (epoch day). The coming-of-age job reads the due ones; whoever changes a record's date of birth, or
 * notes its coming of age, re-indexes it. Written before the commit, like {@link ExpiryIndex}: an entry with nothing
 * behind it is harmless (the job finds nothing to do and removes it), a minor missing from the index would never be
 * noted.
 */
public final class AdultIndex {

  private final DueIndex index;

  public AdultIndex(Redis redis, Keys keys) {
    this.index = new DueIndex(redis, keys, "adults");
  }

  /** The day {@code survivor} is due, if they are a minor on {@code today} whose coming of age is not noted yet. */
  static LocalDate dueDay(Survivor survivor, LocalDate today) {
    return survivor.adultNoted() == null && Minor.isMinor(survivor.dateOfBirth(), today)
        ? Minor.adultOn(survivor.dateOfBirth()) : null;
  }

  /** Indexes {@code survivor} at the day they come of age, or removes them when nothing is due. */
  public Future<Void> index(Survivor survivor, LocalDate today) {
    LocalDate due = dueDay(survivor, today);
    return index.schedule(survivor.id(), due == null ? null : due.toEpochDay());
  }

  /** Before a commit from {@code before} to {@code after}: re-indexes only when the date of birth or the note changed. */
  public Future<Void> reindex(Survivor before, Survivor after, LocalDate today) {
    if (Objects.equals(before.dateOfBirth(), after.dateOfBirth())
        && Objects.equals(before.adultNoted(), after.adultNoted())) {
      return Future.succeededFuture();
    }
    return index(after, today);
  }

  /** Survivors who come of age on or before {@code today}, over every partition. */
  public Future<List<String>> due(LocalDate today) {
    return index.dueAt(today.toEpochDay());
  }
}
