package org.voz.store;

import org.voz.crypto.Keyring;
import org.voz.crypto.PersonalKey;
import org.voz.crypto.Sealer;

/**
 * A survivor's state is sealed under their own key; what was sealed before they had one (under the data key)
 * still opens, by its prefix.
 */
record SurvivorSealer(PersonalKey personal, Keyring keyring) implements Sealer {

  @Override
  public String seal(String aad, String plaintext) {
    return personal.seal(aad, plaintext);
  }

  @Override
  public String open(String aad, String sealed) {
    return PersonalKey.isSealed(sealed) ? personal.open(aad, sealed) : keyring.open(aad, sealed);
  }
}
