package org.voz.service.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small thread-safe LRU map: the least recently used entry goes when the cache is full. */
final class BoundedCache<K, V> {

  private final Map<K, V> map;

  BoundedCache(int capacity) {
    this.map = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized V get(K key) {
    return map.get(key);
  }

  synchronized void put(K key, V value) {
    map.put(key, value);
  }

  synchronized void remove(K key) {
    map.remove(key);
  }
}
