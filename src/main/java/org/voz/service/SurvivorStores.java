package org.voz.service;

import org.voz.crypto.Keyring;
import org.voz.store.AdultIndex;
import org.voz.store.ExpiryIndex;
import org.voz.store.Keys;
import org.voz.store.RequestIndex;
import org.voz.store.SessionStore;
import org.voz.store.SurvivorRepository;

/**
 * Where a survivor's state lives, as both ways it changes (an inbound message, a staff or system update) use
 * it: the session and record (one version, one commit), the keys and the sealing, and the indexes a
 * commit may move (file requests by their next alert, survivors by their earliest consent end, minors by the day
 * they come of age).
 */
public record SurvivorStores(SessionStore sessions, SurvivorRepository survivors, Keys keys, Keyring keyring,
    RequestIndex requests, ExpiryIndex expiries, AdultIndex adults) {}
