package org.voz.crypto;

/**
 * Seals and opens values at rest (AES-256-GCM), each bound to where it belongs: {@code aad} (associated data)
 * names the value's purpose and owner, e.g. {@code record/<survivorId>}, so a sealed value copied to another
 * place does not open there. {@link Keyring} seals with the data key; {@link PersonalKey} with one survivor's
 * own key.
 */
public interface Sealer {

  String seal(String aad, String plaintext);

  /** @throws Keyring.SealException if it was altered, sealed for another place, or under a key not held */
  String open(String aad, String sealed);
}
