package org.voz.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Values as the first format sealed them, written out independently of {@link Keyring}, for upgrade tests. */
public final class LegacySeal {
  private LegacySeal() {
  }

  /** {@code v1.}: AES-GCM under HMAC(dataKey, "voz/seal/v1"), no key id, no associated data. */
  public static String v1(byte[] dataKey, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
      byte[] sealKey = mac.doFinal("voz/seal/v1".getBytes(StandardCharsets.UTF_8));
      byte[] iv = new byte[12];
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sealKey, "AES"), new GCMParameterSpec(128, iv));
      byte[] ct = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(iv, 12 + ct.length);
      System.arraycopy(ct, 0, out, 12, ct.length);
      return "v1." + Base64.getEncoder().withoutPadding().encodeToString(out);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
