package org.voz.store;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.voz.crypto.DocumentCipher;
import org.voz.crypto.Keyring;

/**
 * Uploaded documents and their one-time links.
 *
 * <ul>
 *   <li>{@code voz:{p}:doc:<documentId>} (hash, TTL = the document's lifetime): {@code key} = the document's
 *       own AES key sealed by the data key, {@code data} = base64 of the AES-GCM ciphertext.</li>
 *   <li>{@code voz:dlink:<sha256 of the token>} (string, same TTL): sealed {@code survivorId, requestId,
 *       documentId}. Only the hash of a token is stored; deleting the key burns the link, and only the
 *       caller whose DEL removed it may use it.</li>
 * </ul>
 * Encryption runs on the caller's thread: call from a worker for large documents.
 */
public final class DocumentStore {

  /**
   * What a link opens. A {@code pass} is the short second link of a copy of the file's page, given once the
   * PIN was checked: it opens the document without asking again.
   */
  public record Link(String survivorId, String requestId, String documentId, boolean pass) {
    public Link(String survivorId, String requestId, String documentId) {
      this(survivorId, requestId, documentId, false);
    }
  }

  private static final LuaScript STORE = LuaScript.resource(DocumentStore.class, "document-store.lua");

  private final Redis redis;
  private final Keys keys;
  private final Keyring keyring;
  private final DocumentCipher cipher;
  private final SecureRandom random = new SecureRandom();

  public DocumentStore(Redis redis, Keys keys, Keyring keyring) {
    this.redis = redis;
    this.keys = keys;
    this.keyring = keyring;
    this.cipher = new DocumentCipher(keyring);
  }

  /** A new document id for {@code survivorId}'s upload. */
  public static String newDocumentId() {
    return UUID.randomUUID().toString();
  }

  /** Encrypts (blocking: call on a worker) what {@link #store} writes. */
  public DocumentCipher.Sealed seal(String documentId, byte[] pdf) {
    return cipher.encrypt(documentId, pdf);
  }

  /** Writes the document and its lifetime in one step (a crash never leaves it kept forever). */
  public Future<Void> store(String survivorId, String documentId, DocumentCipher.Sealed sealed, Duration lifetime) {
    String key = docKey(survivorId, documentId);
    return STORE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {key}, sealed.wrappedKey(),
        Base64.getEncoder().encodeToString(sealed.data()), String.valueOf(lifetime.toMillis())).mapEmpty();
  }

  /** The sealed document, if it is still kept. */
  public Future<Optional<DocumentCipher.Sealed>> load(String survivorId, String documentId) {
    return redis.future(redis.commands().hgetall(docKey(survivorId, documentId)))
        .map(fields -> fields == null || fields.get("key") == null || fields.get("data") == null
            ? Optional.empty()
            : Optional.of(new DocumentCipher.Sealed(fields.get("key"), Base64.getDecoder().decode(fields.get("data")))));
  }

  /** Opens a sealed document (blocking: call on a worker). */
  public byte[] open(String documentId, DocumentCipher.Sealed sealed) {
    return cipher.decrypt(documentId, sealed);
  }

  public Future<Void> delete(String survivorId, String documentId) {
    return redis.future(redis.commands().del(docKey(survivorId, documentId))).mapEmpty();
  }

  /** A new one-time link to a document; returns the token (the only place it exists in clear). */
  public Future<String> issueLink(Link link, Duration lifetime) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String value = keyring.seal(Aad.documentLink(StaffRepository.sha256(token)), Json.write(link));
    return redis.future(redis.commands().psetex(linkKey(token), lifetime.toMillis(), value)).map(ok -> token);
  }

  /** What a token opens, while the link lives. */
  public Future<Optional<Link>> link(String token) {
    if (!wellFormed(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    return redis.future(redis.commands().get(linkKey(token)))
        .map(sealed -> Optional.ofNullable(sealed).map(s -> Json.read(keyring.open(Aad.documentLink(StaffRepository.sha256(token)), s), Link.class)));
  }

  /** Burns the link: true only for the one caller that removed it. */
  public Future<Boolean> burn(String token) {
    if (!wellFormed(token)) {
      return Future.succeededFuture(false);
    }
    return redis.future(redis.commands().del(linkKey(token))).map(n -> n != null && n == 1L);
  }

  private static boolean wellFormed(String token) {
    return token != null && token.matches("[A-Za-z0-9_-]{43}");
  }

  private String docKey(String survivorId, String documentId) {
    return keys.inPartition(keys.partitionOf(survivorId), "doc", documentId);
  }

  private String linkKey(String token) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return keys.global("dlink", HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
