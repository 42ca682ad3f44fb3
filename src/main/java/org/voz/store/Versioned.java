package org.voz.store;

/**
 * A survivor's stored state and its version: the sealed session ({@code blob}) and the sealed survivor
 * record, both guarded by the one version. Version 0 and nulls when there is nothing yet.
 */
public record Versioned(long version, String blob, String record) {
  public static final Versioned NONE = new Versioned(0, null, null);

  public Versioned(long version, String blob) {
    this(version, blob, null);
  }
}
