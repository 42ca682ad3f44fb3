package org.voz.service.casework;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.conversation.Session;
import org.voz.service.ConversationNudge;
import org.voz.service.Refusal;
import org.voz.staff.StaffMember;

/**
 * A survivor's request, from the chat, to have their data erased, decided by their case manager (or an admin).
 * Accepted: the record is erased ({@link Erasure}, the same anonymous tombstone; not while under a legal hold, 409
 * {@code legal_hold}). Refused with a reason: {@code erasure.refused} in the ledger, and the survivor gets the neutral
 * nudge; after their PIN the conversation says it once, with the reason (the flow's {@code erasure_news} step).
 */
public final class ErasureRequests {

  private static final Logger LOG = LoggerFactory.getLogger(ErasureRequests.class);
  public static final String REFUSED = "erasure.refused";

  private final SurvivorUpdates updates;
  private final Erasure erasure;
  private final ConversationNudge nudge;
  private final Clock clock;

  public ErasureRequests(SurvivorUpdates updates, Erasure erasure, ConversationNudge nudge, Clock clock) {
    this.updates = updates;
    this.erasure = erasure;
    this.nudge = nudge;
    this.clock = clock;
  }

  /** Erases the survivor as they asked; 409 {@code conflict} (field {@code request}) if no request waits. */
  public Future<Void> accept(String survivorId, StaffMember caller) {
    return erasure.eraseAs(survivorId, caller.id(), "the survivor asked for it in the chat", survivor -> {
      Erasure.requireCaseload(caller, survivor);
      requireOpen(survivor);
    });
  }

  /** Refuses the request with {@code reason}, told to the survivor after their PIN. */
  public Future<Survivor> refuse(String survivorId, StaffMember caller, String reason) {
    if (reason == null || reason.isBlank()) {
      return Future.failedFuture(Refusal.invalid("reason", "a refusal needs a reason, told to the survivor"));
    }
    String why = reason.strip();
    return updates.update(survivorId, caller.id(), state -> {
      Survivor survivor = state.survivor();
      Erasure.requireCaseload(caller, survivor);
      requireOpen(survivor);
      Survivor refused = survivor.withRetention(survivor.retention().withRequest(
          survivor.retention().request().refused(caller.id(), clock.instant(), why)));
      List<Effect> effects = List.of(new Effect.AppendLedger(REFUSED, Map.of("reason", why)));
      // the phone hears only that there is a message; main's way through the PIN says it (erasure.told)
      Session opened = nudge.open(state.session());
      return opened == null
          ? new SurvivorUpdates.Change(refused, state.session(), effects, null)
          : new SurvivorUpdates.Change(refused, opened, effects, nudge.text(opened.language()));
    }).onSuccess(s -> LOG.info("erasure request refused survivor={} by={}", survivorId, caller.id()));
  }

  private static void requireOpen(Survivor survivor) {
    if (!survivor.retention().requestOpen()) {
      throw Refusal.conflict("request", "no erasure request of this survivor waits for a decision");
    }
  }
}
