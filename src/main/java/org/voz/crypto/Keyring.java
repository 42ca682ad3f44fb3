package org.voz.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Everything derived from the data keys: sealing values at rest (AES-256-GCM), keyed hashes of channel
 * addresses and staff tokens (HMAC-SHA256), and the PIN pepper. Each use gets its own subkey, so a leaked
 * address hash says nothing about the sealing key.
 *
 * <p>Several data keys can be readable at once, for a rotation: the <em>current</em> key seals and hashes
 * everything new; the <em>previous</em> keys only open what they sealed and find what they indexed, until
 * {@code voz keys rotate} has moved it all to the current key. Each key has an id (8 hex digits of a keyed hash
 * of the key itself), written in front of what it seals: {@code v2.<kid>.<base64(iv | ciphertext | tag)>}, the
 * place the value belongs to ({@code aad}) bound as associated data. Values of the first format,
 * {@code v1.<base64>} (no key id, no associated data), are still read, under any readable key.
 */
public final class Keyring implements Sealer {

  private static final String V1 = "v1.";
  private static final String V2 = "v2.";

  private final DataKey current;
  private final Map<String, DataKey> readable; // by key id, the current one first
  private final byte[] pinPepper;
  private final ThreadLocal<Mac> markerMacs;

  /** One data key, nothing previous; the PIN pepper derived from it (as it always was). */
  public Keyring(byte[] dataKey) {
    this(dataKey, List.of());
  }

  /** The current data key and the previous ones still readable; the PIN pepper derived from the current key. */
  public Keyring(byte[] currentKey, List<byte[]> previousKeys) {
    this(currentKey, previousKeys, legacyPinPepper(currentKey), legacyMarkerKey(currentKey));
  }

  private Keyring(byte[] currentKey, List<byte[]> previousKeys, byte[] pinPepper, byte[] markerKey) {
    this.current = new DataKey(check(currentKey));
    this.readable = new LinkedHashMap<>();
    readable.put(current.id, current);
    for (byte[] key : previousKeys) {
      DataKey previous = new DataKey(check(key));
      DataKey same = readable.putIfAbsent(previous.id, previous);
      if (same != null && !java.util.Arrays.equals(same.key, previous.key)) {
        throw new IllegalArgumentException("two data keys share the key id " + previous.id);
      }
    }
    this.pinPepper = pinPepper.clone();
    byte[] markers = markerKey.clone();
    this.markerMacs = ThreadLocal.withInitial(() -> newMac(markers));
    this.markerKey = markers;
  }

  private final byte[] markerKey;

  /**
   * This keyring with the PIN pepper kept in Redis (sealed): PIN hashes cannot be re-peppered without the PIN, so
   * the pepper stays the same across rotations (see {@code store.KeyCanary}).
   */
  public Keyring withStoredSecrets(byte[] pepper, byte[] markers) {
    if (pepper == null || pepper.length != 32 || markers == null || markers.length != 32) {
      throw new IllegalArgumentException("the PIN pepper and the marker key must be 32 bytes");
    }
    List<byte[]> previous = new ArrayList<>();
    readable.values().stream().skip(1).forEach(k -> previous.add(k.key));
    return new Keyring(current.key, previous, pepper, markers);
  }

  /** The PIN pepper every PIN hash made before the pepper was kept in Redis used: a subkey of the data key. */
  public static byte[] legacyPinPepper(byte[] dataKey) {
    return hmac(check(dataKey), "voz/pin-pepper/v1");
  }

  /**
   * The key marker hashes used before it was kept in Redis: the address subkey of the data key (markers were
   * address hashes of another "channel"), so markers written before stay valid.
   */
  public static byte[] legacyMarkerKey(byte[] dataKey) {
    return hmac(check(dataKey), "voz/address/v1");
  }

  /** The current key's PIN pepper and marker key, for the first start that keeps them in Redis. */
  public byte[][] storedSecrets() {
    return new byte[][] {pinPepper.clone(), markerKey.clone()};
  }

  /** Parses base64 of 32 bytes (the VOZ_DATA_KEY format). */
  public static byte[] parseKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the data key is not valid base64");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("the data key must be base64 of 32 bytes, got " + key.length);
    }
    return key;
  }

  /** Parses a comma- or whitespace-separated list of keys (the VOZ_DATA_KEYS_PREVIOUS format); blank: none. */
  public static List<byte[]> parseKeys(String list) {
    List<byte[]> keys = new ArrayList<>();
    if (list == null) {
      return keys;
    }
    for (String part : list.split("[,\\s]+")) {
      if (!part.isBlank()) {
        keys.add(parseKey(part));
      }
    }
    return keys;
  }

  public static byte[] newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** The id of a data key: 8 hex digits of an HMAC of a fixed label under the key (says nothing of the key). */
  public static String keyId(byte[] dataKey) {
    return HexFormat.of().formatHex(hmac(check(dataKey), "voz/key-id/v1"), 0, 4);
  }

  /** The current key's id: what every new sealed value carries. */
  public String currentKeyId() {
    return current.id;
  }

  /** The ids of every readable key, the current one first. */
  public List<String> keyIds() {
    return List.copyOf(readable.keySet());
  }

  /** Encrypts and authenticates {@code plaintext} for the place {@code aad}: {@code v2.<kid>.<base64>}. */
  @Override
  public String seal(String aad, String plaintext) {
    return V2 + current.id + "." + Gcm.seal(current.seal, requireAad(aad), plaintext);
  }

  /**
   * Decrypts a value made by {@link #seal} for the same {@code aad} under any readable key, or a value of the
   * first format ({@code v1.}, no associated data); throws {@link SealException} if it was altered, belongs to
   * another place, or was sealed under a key this keyring does not have.
   */
  @Override
  public String open(String aad, String sealed) {
    if (sealed != null && sealed.startsWith(V2)) {
      int dot = sealed.indexOf('.', V2.length());
      DataKey key = dot < 0 ? null : readable.get(sealed.substring(V2.length(), dot));
      if (key == null) {
        throw new UnknownKeyException();
      }
      String plain = Gcm.open(key.seal, requireAad(aad), sealed.substring(dot + 1));
      if (plain == null) {
        throw new SealException("sealed value altered, or sealed for another place");
      }
      return plain;
    }
    if (sealed != null && sealed.startsWith(V1)) {
      for (DataKey key : readable.values()) {
        String plain = Gcm.open(key.sealV1, null, sealed.substring(V1.length()));
        if (plain != null) {
          return plain;
        }
      }
      throw new SealException("sealed value cannot be opened with these data keys");
    }
    throw new SealException("not a sealed value");
  }

  /** Whether {@code sealed} is a data-key value that a rotation must seal again (first format, or a previous key). */
  public boolean isStale(String sealed) {
    return isSealed(sealed) && !sealed.startsWith(V2 + current.id + ".");
  }

  /** Whether {@code value} looks like a value this keyring seals (either format, any key). */
  public static boolean isSealed(String value) {
    return value != null && (value.startsWith(V1) || value.startsWith(V2));
  }

  /** The key id a value was sealed under ({@code v1} for the first format), or null if it is not sealed. */
  public static String keyIdOf(String sealed) {
    if (sealed == null) {
      return null;
    }
    if (sealed.startsWith(V1)) {
      return "v1";
    }
    int dot = sealed.startsWith(V2) ? sealed.indexOf('.', V2.length()) : -1;
    return dot < 0 ? null : sealed.substring(V2.length(), dot);
  }

  /**
   * The keyed hash that indexes a channel address under the current key, e.g.
   * {@code addressHash("sms", "+50255550147")}. Deterministic, so the same address always finds the same survivor;
   * useless without the data key.
   */
  public String addressHash(String channel, String address) {
    return current.addressHash(channel, address);
  }

  /**
   * The address's hash under every readable key, the current one first: during a rotation an address indexed
   * under a previous key is still found ({@code voz keys rotate} moves it to the current hash).
   */
  public List<String> addressHashes(String channel, String address) {
    List<String> hashes = new ArrayList<>(readable.size());
    readable.values().forEach(k -> hashes.add(k.addressHash(channel, address)));
    return hashes;
  }

  /**
   * The index of a staff bearer token, by the SHA-256 of the token (hex): an HMAC under a subkey of the current
   * data key, so that nobody without the key can write an index entry for a token of their own.
   */
  public String tokenIndex(String tokenSha256) {
    return current.tokenIndex(tokenSha256);
  }

  /** {@link #tokenIndex} under every readable key, the current one first. */
  public List<String> tokenIndexes(String tokenSha256) {
    List<String> hashes = new ArrayList<>(readable.size());
    readable.values().forEach(k -> hashes.add(k.tokenIndex(tokenSha256)));
    return hashes;
  }

  /**
   * A keyed hash that marks something happened without naming who (a survey answer recorded, an escalation's id,
   * a rate limit's bucket): {@code markerHash("feedback", campaign + "\n" + survivorId)}. Its key outlives a
   * rotation (kept sealed in Redis): a marker is never re-indexed, since what it hashes is not stored.
   */
  public String markerHash(String purpose, String text) {
    return HexFormat.of().formatHex(markerMacs.get().doFinal((purpose + ":" + text).getBytes(StandardCharsets.UTF_8)));
  }

  /** Wraps a survivor's own key under the data key (see {@link PersonalKey}). */
  public String wrap(String aad, PersonalKey key) {
    return seal(aad, key.encoded());
  }

  /** The survivor's own key wrapped by {@link #wrap}. */
  public PersonalKey unwrap(String aad, String wrapped) {
    return PersonalKey.decode(open(aad, wrapped));
  }

  byte[] pepper(String pin) {
    return hmac(pinPepper, pin);
  }

  private static String requireAad(String aad) {
    if (aad == null || aad.isEmpty()) {
      throw new IllegalArgumentException("every sealed value names its place (aad)");
    }
    return aad;
  }

  private static byte[] check(byte[] key) {
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException("the data key must be 32 bytes");
    }
    return key;
  }

  static byte[] hmac(byte[] key, String message) {
    return newMac(key).doFinal(message.getBytes(StandardCharsets.UTF_8));
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** One data key and its subkeys. */
  private static final class DataKey {
    final byte[] key;
    final String id;
    final SecretKeySpec seal;
    final SecretKeySpec sealV1;
    final ThreadLocal<Mac> addressMacs;
    final ThreadLocal<Mac> tokenMacs;

    DataKey(byte[] key) {
      this.key = key.clone();
      this.id = keyId(key);
      this.seal = new SecretKeySpec(hmac(key, "voz/seal/v2"), "AES");
      this.sealV1 = new SecretKeySpec(hmac(key, "voz/seal/v1"), "AES");
      byte[] addressKey = hmac(key, "voz/address/v1");
      byte[] tokenKey = hmac(key, "voz/staff-token/v1");
      // a Mac per thread: looking one up and keying it costs more than the HMAC of a short address
      this.addressMacs = ThreadLocal.withInitial(() -> newMac(addressKey));
      this.tokenMacs = ThreadLocal.withInitial(() -> newMac(tokenKey));
    }

    String addressHash(String channel, String address) {
      return HexFormat.of().formatHex(addressMacs.get().doFinal((channel + ":" + address).getBytes(StandardCharsets.UTF_8)));
    }

    String tokenIndex(String tokenSha256) {
      return HexFormat.of().formatHex(tokenMacs.get().doFinal(tokenSha256.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** A sealed value that cannot be opened: altered, truncated, sealed for another place, or under another key. */
  public static class SealException extends RuntimeException {
    public SealException(String message) {
      super(message);
    }
  }

  /**
   * Sealed under a data key this keyring does not have (by its key id): not altered, only unreadable here; another
   * instance configured with that key opens it (a rotation rolled out to some instances only).
   */
  public static final class UnknownKeyException extends SealException {
    public UnknownKeyException() {
      super("sealed under a data key this instance does not have");
    }
  }
}
