package org.voz.store;

/**
 * A survivor's stored state and its version: the sealed session ({@code blob}) and the sealed survivor
 * record, both guarded by the one version, and the survivor's own key wrapped by the data key
 * ({@code survivorKey}; null for a survivor enrolled before survivors had one). Version 0 and nulls when there is
 * nothing yet.
 */
public record Versioned(long version, String blob, String record, String survivorKey) {
  public static final Versioned NONE = new Versioned(0, null, null, null);

  public Versioned(long version, String blob) {
    this(version, blob, null, null);
  }

  public Versioned(long version, String blob, String record) {
    this(version, blob, record, null);
  }
}
