package org.voz.store;

import java.util.Map;

/**
 * Where sealed values live, by Redis key: for a value found at a key (a string, a hash field, a set or sorted-set
 * member, a stream entry's field), the place it is bound to ({@link Aad}). The one map of the layout that a
 * rotation ({@code voz keys rotate}) walks, kept beside the code that writes each place: a new sealed place is
 * added here too, or the rotation reports it as unknown and leaves it under the old key.
 */
public final class SealedPlaces {

  private final Keys keys;

  public SealedPlaces(Keys keys) {
    this.keys = keys;
  }

  /** A key's kind and its parts after the prefix and the partition tag: {@code session:<id>} → [session, id]. */
  public String[] parts(String key) {
    String rest = key.substring(keys.prefix().length() + 1);
    int close = rest.indexOf("}:");
    if (rest.startsWith("{") && close > 1 && rest.substring(1, close).chars().allMatch(Character::isDigit)) {
      rest = rest.substring(close + 2); // a partition's tag: {p}:
    }
    return rest.split(":", -1);
  }

  /**
   * The place of a sealed value at {@code key}.
   *
   * @param field the hash field, or the set or sorted-set member's prefix before the sealed part (a shown message's
   *              id), or {@code null} for a string
   * @param entry the fields of the stream entry or outbox entry the value is part of ({@code null} otherwise)
   * @return the AAD, or {@code null} when this is no known sealed place
   */
  public String aad(String key, String field, Map<String, String> entry) {
    String[] p = parts(key);
    String kind = p[0];
    String id = p.length > 1 ? p[p.length - 1] : "";
    switch (kind) {
      case "session":
        return switch (field == null ? "" : field) {
          case "blob" -> Aad.session(id);
          case "record" -> Aad.record(id);
          case "skey" -> Aad.survivorKey(id);
          default -> null;
        };
      case "ledger":
        return Aad.ledger(id);
      case RepresentativeSessions.KIND:
        return field == null ? Aad.representativeSession(id) : null;
      case "access":
        return entry == null ? null : Aad.access(id);
      case "handled":
        return entry == null ? null : Aad.handled(id);
      case "alert-email":
        return Aad.alertEmail(id);
      case "outbox", "dead", "retry":
        if (entry == null || entry.get("id") == null) {
          return null;
        }
        return "to".equals(field) ? Aad.outboxTo(entry.get("id")) : "body".equals(field) ? Aad.outboxBody(entry.get("id")) : null;
      case "alerts":
        return field == null ? null : Aad.alert(field);
      case "alert-ack":
        return Aad.alertAck(id);
      case "shown":
        return p.length > 1 ? Aad.shown(id) : null;
      case "staff":
        return Aad.staff(id);
      case "stafftoken":
        return Aad.staffToken(id);
      case "staff-cred":
        return Aad.staffCredentials(id);
      case "staff-invite":
        return Aad.invite(id);
      case "console-session":
        return Aad.consoleSession(id);
      case "dlink":
        return Aad.documentLink(id);
      case "doc":
        return "key".equals(field) ? Aad.documentKey(id) : null;
      case "keys":
        return switch (field == null ? "" : field) {
          case "canary" -> Aad.CANARY;
          case "pepper" -> Aad.PIN_PEPPER;
          case "markers" -> Aad.MARKER_KEY;
          default -> null;
        };
      case "fb":
        return feedback(p, field);
      case "erasing":
        return field == null ? null : Aad.erasing(field);
      case "erasures":
        return "reason".equals(field) && entry != null && entry.get("id") != null ? Aad.erasure(entry.get("id")) : null;
      default:
        return null;
    }
  }

  /** {@code fb:{<campaign>}:<what>}. */
  private static String feedback(String[] p, String field) {
    if (p.length < 3 || !p[1].startsWith("{") || !p[1].endsWith("}")) {
      return null;
    }
    String campaign = p[1].substring(1, p[1].length() - 1);
    return switch (p[2]) {
      case "campaign" -> Aad.campaign(campaign);
      case "anon", "linked" -> Aad.answer(campaign);
      case "released" -> Aad.released(campaign);
      case "loop" -> field == null ? null : Aad.campaignLoop(campaign, field);
      default -> null;
    };
  }
}
