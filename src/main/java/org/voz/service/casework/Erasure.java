package org.voz.service.casework;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.conversation.Session;
import org.voz.service.Refusal;
import org.voz.service.SurvivorState;
import org.voz.service.SurvivorStores;
import org.voz.service.inbound.InboundService;
import org.voz.staff.StaffMember;
import org.voz.store.SurvivorEraser;

/**
 * Erasing a survivor, and removing one of their contacts (a phone seized or lost) without erasing them. Either is
 * done by an admin or the survivor's own case manager.
 */
public final class Erasure {

  private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

  private final SurvivorStores stores;
  private final SurvivorUpdates updates;
  private final InboundService inbound;
  private final SurvivorEraser eraser;
  private final Clock clock;

  public Erasure(SurvivorStores stores, SurvivorUpdates updates, InboundService inbound, SurvivorEraser eraser, Clock clock) {
    this.stores = stores;
    this.updates = updates;
    this.inbound = inbound;
    this.eraser = eraser;
    this.clock = clock;
  }

  /**
   * Erases {@code survivorId} ({@link SurvivorEraser}): afterwards the id is unknown (404), their addresses belong
   * to nobody (a message gets the unknown-sender answer; they can be enrolled again), and Redis holds nothing that
   * names or leads to them but an anonymous tombstone with the reason (sealed).
   */
  public Future<Void> erase(String survivorId, StaffMember caller, String reason) {
    int partition = stores.keys().partitionOf(survivorId);
    return stores.sessions().load(partition, survivorId).compose(stored -> {
      if (stored.record() == null) {
        return Future.failedFuture(Refusal.notFound("no survivor with this id"));
      }
      Survivor survivor = SurvivorState.open(survivorId, stored, stores.survivors(), stores.keyring()).survivor();
      requireCaseload(caller, survivor);
      return eraser.erase(survivor, caller.id(), reason, clock.instant()).onSuccess(v -> {
        inbound.forget(survivorId);
        survivor.contacts().forEach(c -> inbound.forgetAddress(c.channel(), c.address()));
        // no survivor id in the log either: the tombstone says when and by whom
        LOG.info("survivor erased by={}", caller.id());
      });
    });
  }

  /**
   * Removes the survivor's contacts on {@code channel}: a ledger event ({@code contact.removed}), the address
   * unlinked at once (a message from it gets the unknown-sender answer), and the conversation dropped (the next
   * message from any of their phones starts at the PIN); a Telegram chat's sensitive messages are deleted.
   */
  public Future<Survivor> removeContact(String survivorId, StaffMember caller, String channel, String reason) {
    AtomicReference<List<Survivor.Contact>> removed = new AtomicReference<>(List.of());
    return updates.update(survivorId, caller.id(), state -> {
      Survivor survivor = state.survivor();
      requireCaseload(caller, survivor);
      List<Survivor.Contact> gone = survivor.contacts().stream().filter(c -> c.channel().equals(channel)).toList();
      if (gone.isEmpty()) {
        throw Refusal.notFound("this survivor has no " + channel + " contact");
      }
      removed.set(gone);
      List<Survivor.Contact> kept = new ArrayList<>(survivor.contacts());
      kept.removeAll(gone);
      List<Effect> effects = new ArrayList<>();
      effects.add(new Effect.AppendLedger("contact.removed",
          reason == null || reason.isBlank() ? Map.of("channel", channel) : Map.of("channel", channel, "reason", reason)));
      if (channel.equals("telegram")) {
        effects.add(new Effect.ForgetShown());
      }
      Session dropped = Session.fresh(state.session().language());
      return new SurvivorUpdates.Change(survivor.withContacts(kept), dropped, effects, null);
    }).compose(survivor -> eraser.unlinkAddresses(survivor, removed.get()).map(survivor)).onSuccess(survivor -> {
      removed.get().forEach(c -> inbound.forgetAddress(c.channel(), c.address()));
      LOG.info("contact removed survivor={} channel={} by={}", survivorId, channel, caller.id());
    });
  }

  private static void requireCaseload(StaffMember caller, Survivor survivor) {
    if (!caller.is(StaffMember.ADMIN) && !survivor.caseManager().equals(caller.id())) {
      throw Refusal.forbidden("this survivor is not in your caseload");
    }
  }
}
