package org.voz.service.jobs;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.voz.consent.ConsentItem;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.safety.RiskLevel;
import org.voz.service.EffectWriter;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.store.AdultIndex;

/**
 * Every {@code interval}, notes the minors who turned 18: the record leaves the minor rules on its own (a consent they
 * grant no longer waits for a representative, their level may be lowered), and the job writes the ledger event
 * {@value #CAME_OF_AGE} and the case manager's alert of the same type, with the level the record keeps (it stays as it
 * is until the case manager changes it) and how many grants still wait for the representative. The record says it was
 * noted, in the same version-checked commit, so several instances running the job note it once.
 */
public final class ComingOfAgeJob extends PeriodicJob {

  /** The ledger event and alert type. */
  public static final String CAME_OF_AGE = "record.came_of_age";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ComingOfAgeJob.class);

  private final AdultIndex index;
  private final SurvivorUpdates updates;
  private final Clock clock;
  private final org.voz.store.SurvivorIds ids;
  private final org.voz.store.SurvivorRepository survivors;

  /**
   * @param ids       every survivor, read once per deployment by the backfill of the index
   * @param survivors their records, for that backfill
   */
  public ComingOfAgeJob(AdultIndex index, SurvivorUpdates updates, Clock clock, Duration interval,
      org.voz.store.SurvivorIds ids, org.voz.store.SurvivorRepository survivors) {
    super(interval, Duration.ofMillis(100));
    this.index = index;
    this.updates = updates;
    this.clock = clock;
    this.ids = ids;
    this.survivors = survivors;
  }

  /**
   * One pass; the future completes with the number of survivors noted. The first pass of a deployment whose records
   * predate the index indexes the minors among them first ({@link AdultIndex#backfill}: once, then a marker; later
   * passes read only the marker).
   */
  @Override
  public Future<Integer> run() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return index.backfill(ids, survivors::find, today)
        .onSuccess(indexed -> {
          if (indexed > 0) {
            LOG.info("coming-of-age index backfilled indexed={}", indexed);
          }
        })
        .compose(indexed -> pass("coming of age", index.due(today), id -> note(id, today)));
  }

  private Future<Integer> note(String survivorId, LocalDate today) {
    int[] count = new int[1];
    return updates.update(survivorId, EffectWriter.Actor.system("coming-of-age"), state -> {
          Survivor survivor = state.survivor();
          if (survivor.dateOfBirth() == null || survivor.adultNoted() != null || survivor.minorOn(today)) {
            return new SurvivorUpdates.Change(survivor, state.session(), List.of(), null); // nothing (any more)
          }
          RiskLevel level = survivor.risk(today);
          long waiting = survivor.consents().stream()
              .filter(c -> c.status().equals(ConsentItem.PENDING_REPRESENTATIVE)).count();
          count[0] = 1;
          List<Effect> effects = List.of(
              new Effect.AppendLedger(CAME_OF_AGE, Map.of("riskLevel", level.code())),
              new Effect.RaiseAlert(CAME_OF_AGE, Map.of("riskLevel", level.code(),
                  "pendingRepresentative", String.valueOf(waiting))));
          return new SurvivorUpdates.Change(survivor.withAdultNoted(today), state.session(), effects, null);
        })
        // noted (or no longer due): out of the index; a record whose date of birth changed meanwhile at its new day
        .compose(survivor -> index.index(survivor, today))
        .map(v -> count[0]);
  }
}
