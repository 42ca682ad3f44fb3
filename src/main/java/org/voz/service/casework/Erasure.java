package org.voz.service.casework;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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

  /** How many times an erasure reads the record again when it changed under it. */
  private static final int MAX_CONFLICTS = 16;

  /**
   * Erases {@code survivorId} ({@link SurvivorEraser}): afterwards the id is unknown (404), their addresses belong
   * to nobody (a message gets the unknown-sender answer; they can be enrolled again), and Redis holds nothing that
   * names or leads to them but an anonymous tombstone with the reason (sealed). A record under a legal hold is not
   * erased: 409 {@code legal_hold} (lift the hold first).
   */
  public Future<Void> erase(String survivorId, StaffMember caller, String reason) {
    return erase(survivorId, caller.id(), reason, survivor -> requireCaseload(caller, survivor), 0);
  }

  /**
   * The same erasure done by Voz itself ({@code by}: e.g. {@code system:retention}), or on a decision already checked
   * by the caller; a record under a legal hold is not erased (409 {@code legal_hold}).
   */
  public Future<Void> eraseAs(String survivorId, String by, String reason) {
    return erase(survivorId, by, reason, survivor -> { }, 0);
  }

  /** As {@link #eraseAs(String, String, String)}, once {@code check} accepted the record as read (it throws a refusal). */
  Future<Void> eraseAs(String survivorId, String by, String reason, Consumer<Survivor> check) {
    return erase(survivorId, by, reason, check, 0);
  }

  /** The refusal of an erasure while the record is under a legal hold. */
  public static Refusal held() {
    return new Refusal(Refusal.Kind.CONFLICT, "legal_hold",
        "this record is under a legal hold: it cannot be erased until the hold is lifted", "hold");
  }

  private Future<Void> erase(String survivorId, String by, String reason, Consumer<Survivor> check, int conflicts) {
    int partition = stores.keys().partitionOf(survivorId);
    return stores.sessions().load(partition, survivorId).compose(stored -> {
      if (stored.record() == null) {
        return Future.failedFuture(Refusal.notFound("no survivor with this id"));
      }
      Survivor survivor = SurvivorState.open(survivorId, stored, stores.survivors(), stores.keyring()).survivor();
      check.accept(survivor);
      if (survivor.retention().held()) {
        return Future.failedFuture(held());
      }
      // only the record as read and checked is erased: a hold placed meanwhile wins, and is seen on the next read
      return eraser.erase(survivor, stored.version(), by, reason, clock.instant()).compose(done -> {
        if (!done) {
          return conflicts + 1 >= MAX_CONFLICTS
              ? Future.failedFuture(Refusal.conflict(null, "the record keeps changing: try again"))
              : erase(survivorId, by, reason, check, conflicts + 1);
        }
        inbound.forget(survivorId);
        survivor.contacts().forEach(c -> inbound.forgetAddress(c.channel(), c.address()));
        // no survivor id in the log either: the tombstone says when and by whom
        LOG.info("survivor erased by={}", by);
        return Future.succeededFuture();
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

  static void requireCaseload(StaffMember caller, Survivor survivor) {
    if (!caller.is(StaffMember.ADMIN) && !survivor.caseManager().equals(caller.id())) {
      throw Refusal.forbidden("this survivor is not in your caseload");
    }
  }
}
