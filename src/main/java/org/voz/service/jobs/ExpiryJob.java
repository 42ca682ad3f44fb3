package org.voz.service.jobs;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voz.consent.ConsentItem;
import org.voz.consent.Expiry;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.service.EffectWriter;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.store.ExpiryIndex;

/**
 * Every {@code interval}, marks consents past their {@code until} as {@code expired}: a ledger event and an
 * alert to the case manager, written with the record in one version-checked commit (so several
 * instances running the job expire each consent once).
 */
public final class ExpiryJob extends PeriodicJob {

  private final ExpiryIndex index;
  private final SurvivorUpdates updates;
  private final Clock clock;

  public ExpiryJob(ExpiryIndex index, SurvivorUpdates updates, Clock clock, Duration interval) {
    super(interval, Duration.ofMillis(100));
    this.index = index;
    this.updates = updates;
    this.clock = clock;
  }

  /** One pass; the future completes when every due survivor was handled. */
  @Override
  public Future<Integer> run() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pass("consent expiry", index.due(today), id -> expire(id, today));
  }

  private Future<Integer> expire(String survivorId, LocalDate today) {
    int[] count = new int[1];
    return updates.update(survivorId, EffectWriter.Actor.system("expiry"), state -> {
          Survivor survivor = state.survivor();
          List<Effect> effects = new ArrayList<>();
          for (ConsentItem c : Expiry.expired(survivor, today)) {
            effects.add(Effect.ConsentChanged.of(c.id(), c.status(), "expired"));
            effects.add(new Effect.RaiseAlert("consent.expired", Map.of("consentId", c.id(), "recipient", c.recipient(),
                "data", c.data(), "purpose", c.purpose(), "until", c.until().toString())));
          }
          count[0] = effects.size() / 2;
          return new SurvivorUpdates.Change(survivor, state.session(), effects, null);
        })
        .map(survivor -> count[0]);
  }
}
