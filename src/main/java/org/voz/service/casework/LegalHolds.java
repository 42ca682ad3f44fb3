package org.voz.service.casework;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Retention;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.service.Refusal;
import org.voz.staff.StaffMember;

/**
 * Legal holds: the survivor's case manager or an admin puts a hold on a record (with a reason) and lifts it. While
 * it stands the record is erased by nobody: not by the retention job, not on the survivor's request, not by staff
 * ({@link Erasure} answers 409 {@code legal_hold}). Each is a ledger event ({@code hold.placed}, {@code hold.lifted},
 * with the reason), written with the record in one version-checked commit.
 */
public final class LegalHolds {

  private static final Logger LOG = LoggerFactory.getLogger(LegalHolds.class);
  public static final String PLACED = "hold.placed";
  public static final String LIFTED = "hold.lifted";

  private final SurvivorUpdates updates;
  private final Clock clock;

  public LegalHolds(SurvivorUpdates updates, Clock clock) {
    this.updates = updates;
    this.clock = clock;
  }

  /** Puts a hold on the record; 409 {@code conflict} (field {@code hold}) if it has one. */
  public Future<Survivor> place(String survivorId, StaffMember caller, String reason) {
    if (reason == null || reason.isBlank()) {
      return Future.failedFuture(Refusal.invalid("reason", "a legal hold needs a reason"));
    }
    String why = reason.strip();
    return updates.update(survivorId, caller.id(), state -> {
      Survivor survivor = state.survivor();
      Erasure.requireCaseload(caller, survivor);
      if (survivor.retention().held()) {
        throw Refusal.conflict("hold", "this record is already under a legal hold");
      }
      Survivor held = survivor.withRetention(survivor.retention().withHold(
          new Retention.Hold(why, caller.id(), clock.instant())));
      return new SurvivorUpdates.Change(held, state.session(),
          List.of(new Effect.AppendLedger(PLACED, Map.of("reason", why))), null);
    }).onSuccess(s -> LOG.info("legal hold placed survivor={} by={}", survivorId, caller.id()));
  }

  /** Lifts the record's hold; 409 {@code conflict} (field {@code hold}) if it has none. */
  public Future<Survivor> lift(String survivorId, StaffMember caller, String reason) {
    String why = reason == null ? "" : reason.strip();
    return updates.update(survivorId, caller.id(), state -> {
      Survivor survivor = state.survivor();
      Erasure.requireCaseload(caller, survivor);
      if (!survivor.retention().held()) {
        throw Refusal.conflict("hold", "this record is not under a legal hold");
      }
      Survivor lifted = survivor.withRetention(survivor.retention().withHold(null));
      return new SurvivorUpdates.Change(lifted, state.session(),
          List.of(new Effect.AppendLedger(LIFTED, why.isEmpty() ? Map.of() : Map.of("reason", why))), null);
    }).onSuccess(s -> LOG.info("legal hold lifted survivor={} by={}", survivorId, caller.id()));
  }
}
