package org.voz.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts an uploaded document (AES-256-GCM) under a key of its own, random for each document; that key
 * is stored only wrapped (sealed) by the data key. The document's id is bound as associated data, so a
 * ciphertext moved under another id does not open.
 */
public final class DocumentCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Keyring keyring;
  private final SecureRandom random = new SecureRandom();

  public DocumentCipher(Keyring keyring) {
    this.keyring = keyring;
  }

  /** A document as stored: its key sealed by the data key, and {@code iv | ciphertext | tag}. */
  public record Sealed(String wrappedKey, byte[] data) {}

  public Sealed encrypt(String documentId, byte[] plain) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(documentId.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(iv, IV_BYTES + cipher.getOutputSize(plain.length));
      cipher.doFinal(plain, 0, plain.length, out, IV_BYTES);
      return new Sealed(keyring.seal("document-key/" + documentId, Base64.getEncoder().encodeToString(key)), out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The document; {@link Keyring.SealException} if it or its key was altered, or belongs to another id. */
  public byte[] decrypt(String documentId, Sealed sealed) {
    byte[] key = Base64.getDecoder().decode(keyring.open("document-key/" + documentId, sealed.wrappedKey()));
    byte[] data = sealed.data();
    if (data.length < IV_BYTES + TAG_BITS / 8) {
      throw new Keyring.SealException("document too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, Arrays.copyOf(data, IV_BYTES)));
      cipher.updateAAD(documentId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new Keyring.SealException("document cannot be opened");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
