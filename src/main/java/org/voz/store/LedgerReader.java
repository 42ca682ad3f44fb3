package org.voz.store;

import io.vertx.core.Future;
import java.util.List;
import org.voz.consent.LedgerChain;
import org.voz.consent.LedgerEvent;

/** Reads a survivor's consent ledger, oldest first, and checks its hash chain against the head kept in the record. */
public final class LedgerReader {

  /** The events and the index of the first broken link, or -1 when the chain holds. */
  public record Checked(List<LedgerEvent> events, int brokenAt) {
    public boolean valid() {
      return brokenAt < 0;
    }
  }

  private final SessionStore sessions;
  private final Keys keys;
  private final SurvivorRepository survivors;

  /** @param survivors where each survivor's own key is read (their ledger is sealed under it) */
  public LedgerReader(SessionStore sessions, Keys keys, SurvivorRepository survivors) {
    this.sessions = sessions;
    this.keys = keys;
    this.survivors = survivors;
  }

  /** @param head the record's {@code ledgerHead}; {@code null} (no event yet, or no record) means the genesis */
  public Future<Checked> read(String survivorId, String head) {
    return survivors.sealer(survivorId).compose(sealer -> sessions.ledger(keys.partitionOf(survivorId), survivorId).map(sealed -> {
      List<LedgerEvent> events = sealed.stream().map(s -> Json.read(sealer.open(Aad.ledger(survivorId), s), LedgerEvent.class)).toList();
      return new Checked(events, LedgerChain.verify(events, head == null ? LedgerChain.GENESIS : head));
    }));
  }
}
