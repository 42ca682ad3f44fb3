package org.voz.app;

import org.voz.consent.Survivor;
import org.voz.conversation.Session;

/** A survivor's session and record as of one stored version: what the engine runs on. */
public record SurvivorState(long version, Session session, Survivor survivor) {

  public static Session withVersion(Session s, long version) {
    return new Session(version, s.language(), s.flow(), s.step(), s.verified(), s.pinFailures(), s.locked(),
        s.optedOut(), s.invalidCount(), s.lastActivity(), s.turns(), s.vars());
  }
}
