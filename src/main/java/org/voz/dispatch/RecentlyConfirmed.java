package org.voz.dispatch;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Entry ids whose send a provider confirmed to this instance, with the provider's message ids: every one whose
 * settling has not reached Redis yet, and the last {@code recent} settled ones. An entry read again (after a
 * reconnection, or a Sentinel failover that lost the last acknowledgements) that is among them is settled, not
 * sent again. One context's: not thread-safe.
 */
final class RecentlyConfirmed {

  private final int recent;
  private final Map<String, String> confirmed = new LinkedHashMap<>();
  private final Set<String> unsettled = new HashSet<>();

  RecentlyConfirmed(int recent) {
    this.recent = recent;
  }

  /** A confirmed send, not yet settled in Redis. */
  void confirmed(String entryId, String providerIds) {
    confirmed.put(entryId, providerIds);
    unsettled.add(entryId);
    trim();
  }

  /** Its settling reached Redis: it is kept among the recent ones only. */
  void settled(String entryId) {
    unsettled.remove(entryId);
    trim();
  }

  /** The provider's message ids of a confirmed entry, or null. */
  String providerIds(String entryId) {
    return confirmed.get(entryId);
  }

  int size() {
    return confirmed.size();
  }

  /**
   * Drops the oldest settled ids beyond {@code recent}, skipping unsettled ones (never forgotten). Dropping only the
   * eldest, as LinkedHashMap's removeEldestEntry does, kept the map at its high-water mark whenever the eldest was
   * unsettled at a put: it grew by one each time, to tens of thousands under load.
   */
  private void trim() {
    Iterator<Map.Entry<String, String>> oldest = confirmed.entrySet().iterator();
    while (confirmed.size() > recent && oldest.hasNext()) {
      if (!unsettled.contains(oldest.next().getKey())) {
        oldest.remove();
      }
    }
  }
}
