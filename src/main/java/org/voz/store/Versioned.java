package org.voz.store;

/** A stored session blob and its version; version 0 and a null blob when there is none yet. */
public record Versioned(long version, String blob) {
  public static final Versioned NONE = new Versioned(0, null);
}
