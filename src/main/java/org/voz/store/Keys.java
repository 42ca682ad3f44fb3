package org.voz.store;

/**
 * Every Redis key of Voz. A survivor's keys share the hash tag {@code {p}} of their partition so that one
 * commit touches one Cluster slot. STUB: the store work completes it.
 */
public final class Keys {

  private final String prefix;
  private final int partitions;

  /** @param prefix usually {@code voz}; tests use a random prefix so they never see each other's keys */
  public Keys(String prefix, int partitions) {
    this.prefix = prefix;
    this.partitions = partitions;
  }

  public String prefix() {
    return prefix;
  }

  public int partitions() {
    return partitions;
  }

  /** The partition of an id (a survivor id, or an address hash for unknown senders), stable forever. */
  public int partitionOf(String id) {
    throw new UnsupportedOperationException("stub");
  }

  /** A global key outside any partition, e.g. {@code global("addr", hash)} = {@code voz:addr:<hash>}. */
  public String global(String... parts) {
    return prefix + ":" + String.join(":", parts);
  }

  /** A key inside partition {@code p}, e.g. {@code inPartition(3, "survivor", id)} = {@code voz:{3}:survivor:<id>}. */
  public String inPartition(int p, String... parts) {
    return prefix + ":{" + p + "}:" + String.join(":", parts);
  }
}
