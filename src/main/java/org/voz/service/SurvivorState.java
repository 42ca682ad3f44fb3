package org.voz.service;

import org.voz.consent.Survivor;
import org.voz.conversation.Session;
import org.voz.crypto.Keyring;
import org.voz.crypto.Sealer;
import org.voz.store.SessionCodec;
import org.voz.store.SurvivorRepository;
import org.voz.store.Versioned;

/**
 * A survivor's session and record as of one stored version: what the engine runs on; and what seals them
 * (the survivor's own key, or the data key for a survivor enrolled before survivors had one).
 */
public record SurvivorState(long version, Session session, Survivor survivor, Sealer sealer) {

  /** Opens a stored state that has a record; a survivor who never wrote gets a fresh session. */
  public static SurvivorState open(String survivorId, Versioned stored, SurvivorRepository survivors, Keyring keyring) {
    Sealer sealer = survivors.sealer(survivorId, stored.survivorKey());
    Survivor survivor = survivors.open(sealer, survivorId, stored.record());
    Session session = stored.blob() == null
        ? Session.fresh(survivor.language())
        : SessionCodec.open(sealer, survivorId, stored.blob(), stored.version());
    return new SurvivorState(stored.version(), session, survivor, sealer);
  }

  public static Session withVersion(Session s, long version) {
    return new Session(version, s.language(), s.flow(), s.step(), s.verified(), s.pinFailures(), s.locked(),
        s.optedOut(), s.invalidCount(), s.lastActivity(), s.turns(), s.vars());
  }
}
