package org.voz.service.jobs;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.voz.consent.RetentionRule;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.service.EffectWriter;
import org.voz.service.Refusal;
import org.voz.service.SurvivorState;
import org.voz.service.SurvivorStores;
import org.voz.service.casework.Erasure;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.store.SurvivorIds;

/**
 * Every {@code interval}, applies the retention rule ({@code retention.*}) to every record: one whose erasure date
 * ({@link RetentionRule#eraseOn}: months after its exit date) has come is erased through {@link Erasure}, the same
 * erasure as staff's (by {@code system:retention}, the same anonymous tombstone); {@code warnBefore} ahead, the case
 * manager is alerted once per date ({@code retention.due_soon}, with {@code eraseOn}), written with the record in
 * one version-checked commit so that several instances running the job raise it once. A record under a legal hold
 * is neither erased nor warned of.
 */
public final class RetentionJob extends PeriodicJob {

  public static final String ACTOR = "retention";
  public static final String DUE_SOON = "retention.due_soon";

  private final SurvivorIds ids;
  private final SurvivorStores stores;
  private final SurvivorUpdates updates;
  private final Erasure erasure;
  private final RetentionRule rule;
  private final Duration warnBefore;
  private final Clock clock;

  public RetentionJob(SurvivorIds ids, SurvivorStores stores, SurvivorUpdates updates, Erasure erasure,
      RetentionRule rule, Duration warnBefore, Clock clock, Duration interval) {
    super(interval, interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1));
    this.ids = ids;
    this.stores = stores;
    this.updates = updates;
    this.erasure = erasure;
    this.rule = rule;
    this.warnBefore = warnBefore;
    this.clock = clock;
  }

  /** One pass; completes with the number of records erased or warned of. */
  @Override
  public Future<Integer> run() {
    if (!rule.erasesAny()) {
      return Future.succeededFuture(0);
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pass("retention", ids.all(), id -> check(id, today));
  }

  private Future<Integer> check(String survivorId, LocalDate today) {
    int p = stores.keys().partitionOf(survivorId);
    return stores.sessions().load(p, survivorId).compose(stored -> {
      if (stored.record() == null) {
        return Future.succeededFuture(0); // erased meanwhile
      }
      Survivor survivor = SurvivorState.open(survivorId, stored, stores.survivors(), stores.keyring()).survivor();
      Optional<LocalDate> eraseOn = rule.eraseOn(survivor);
      if (eraseOn.isEmpty() || survivor.retention().held()) {
        return Future.succeededFuture(0);
      }
      if (!today.isBefore(eraseOn.get())) {
        return erasure.eraseAs(survivorId, "system:" + ACTOR,
                "retention: " + rule.monthsFor(survivor.feedback().programme()).orElse(0) + " months after the exit date")
            .map(1)
            // a hold placed between the read and the erasure: kept, as it should be
            .recover(e -> e instanceof Refusal r && r.kind() == Refusal.Kind.CONFLICT
                ? Future.succeededFuture(0) : Future.failedFuture(e));
      }
      if (dueForWarning(survivor, eraseOn.get(), today)) {
        return warn(survivorId, today);
      }
      return Future.succeededFuture(0);
    });
  }

  private boolean dueForWarning(Survivor survivor, LocalDate eraseOn, LocalDate today) {
    return !today.isBefore(eraseOn.minusDays(warnBefore.toDays())) && !eraseOn.equals(survivor.retention().warnedFor());
  }

  /** The warning, decided again on the record as committed (another instance may have raised it). */
  private Future<Integer> warn(String survivorId, LocalDate today) {
    int[] count = new int[1];
    return updates.update(survivorId, EffectWriter.Actor.system(ACTOR), state -> {
      Survivor survivor = state.survivor();
      Optional<LocalDate> eraseOn = rule.eraseOn(survivor);
      count[0] = 0;
      if (eraseOn.isEmpty() || survivor.retention().held() || !dueForWarning(survivor, eraseOn.get(), today)) {
        return new SurvivorUpdates.Change(survivor, state.session(), List.of(), null);
      }
      count[0] = 1;
      return new SurvivorUpdates.Change(survivor.withRetention(survivor.retention().withWarnedFor(eraseOn.get())),
          state.session(), List.of(new Effect.RaiseAlert(DUE_SOON, Map.of("eraseOn", eraseOn.get().toString()))), null);
    }).map(s -> count[0]);
  }
}
