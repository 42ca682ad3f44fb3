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
  private final Redis redis;
  /** Set once the records written before the index existed were all indexed ({@link #backfill}). */
  private final String backfilled;

  public AdultIndex(Redis redis, Keys keys) {
    this.index = new DueIndex(redis, keys, "adults");
    this.redis = redis;
    this.backfilled = keys.global("adults", "backfilled");
  }

  /**
   * The day a record read by the backfill is due: one enrolled as a minor whose coming of age is not noted, at the day
   * they turn 18 (a day past, for one who turned 18 before the index existed: due at once); else none. An adult
   * enrolled as one is never due.
   */
  static LocalDate backfillDay(Survivor survivor, LocalDate today) {
    if (survivor.dateOfBirth() == null || survivor.adultNoted() != null) {
      return null;
    }
    LocalDate adult = Minor.adultOn(survivor.dateOfBirth());
    LocalDate enrolled = survivor.createdAt() == null ? today
        : LocalDate.ofInstant(survivor.createdAt(), java.time.ZoneOffset.UTC);
    return enrolled.isBefore(adult) ? adult : null;
  }

  /**
   * Once per deployment: every record ({@code ids}, read by {@code find}) enrolled as a minor and not noted is indexed,
   * then a marker says it is done, so later passes only read the marker. Idempotent (an entry indexed twice is one
   * entry); several instances may each run it until the marker is set. Completes with how many were indexed (0 when
   * already done).
   */
  public Future<Integer> backfill(SurvivorIds ids, java.util.function.Function<String, Future<java.util.Optional<Survivor>>> find,
      LocalDate today) {
    return redis.future(redis.commands().exists(backfilled)).compose(done -> done > 0
        ? Future.succeededFuture(0)
        : ids.all().compose(all -> backfill(all, 0, find, today, 0))
            .compose(indexed -> redis.future(redis.commands().set(backfilled, "1")).map(indexed)));
  }

  /** A batch of {@value #BATCH} records at a time, from {@code from}. */
  private Future<Integer> backfill(List<String> all, int from, java.util.function.Function<String,
      Future<java.util.Optional<Survivor>>> find, LocalDate today, int indexed) {
    if (from >= all.size()) {
      return Future.succeededFuture(indexed);
    }
    List<Future<Boolean>> batch = all.subList(from, Math.min(all.size(), from + BATCH)).stream()
        .map(id -> find.apply(id).compose(found -> {
          LocalDate due = found.map(survivor -> backfillDay(survivor, today)).orElse(null);
          return due == null ? Future.succeededFuture(false) : index.schedule(id, due.toEpochDay()).map(true);
        })).toList();
    return Future.all(batch).compose(done -> backfill(all, from + BATCH, find, today,
        indexed + (int) batch.stream().filter(Future::result).count()));
  }

  private static final int BATCH = 32;

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
