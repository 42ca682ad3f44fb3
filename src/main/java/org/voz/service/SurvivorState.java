package org.voz.service;

import org.voz.consent.Survivor;
import org.voz.conversation.Session;
import org.voz.crypto.Keyring;
import org.voz.store.SessionCodec;
import org.voz.store.SurvivorRepository;
import org.voz.store.Versioned;

/** A survivor's session and record as of one stored version: what the engine runs on. */
public record SurvivorState(long version, Session session, Survivor survivor) {

  /** Opens a stored state that has a record; a survivor who never wrote gets a fresh session. */
  public static SurvivorState open(String survivorId, Versioned stored, SurvivorRepository survivors, Keyring keyring) {
    Survivor survivor = survivors.open(survivorId, stored.record());
    Session session = stored.blob() == null
        ? Session.fresh(survivor.language())
        : SessionCodec.open(keyring, survivorId, stored.blob(), stored.version());
    return new SurvivorState(stored.version(), session, survivor);
  }

  public static Session withVersion(Session s, long version) {
    return new Session(version, s.language(), s.flow(), s.step(), s.verified(), s.pinFailures(), s.locked(),
        s.optedOut(), s.invalidCount(), s.lastActivity(), s.turns(), s.vars());
  }
}
