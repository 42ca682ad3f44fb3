package org.voz.store;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run by its SHA1 ({@code EVALSHA}); on {@code NOSCRIPT} (a restarted or new node) it is sent
 * once with {@code EVAL}, which also caches it on that node. On a Cluster every key must share one slot.
 */
public final class LuaScript {

  private final String name;
  private final String source;
  private final String sha;

  public LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
  }

  /** Loads {@code name} from the classpath next to {@code owner}. */
  public static LuaScript resource(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing script " + name);
      }
      return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public String sha() {
    return sha;
  }

  /** Runs the script; the future completes on the caller's context. */
  public <T> Future<T> run(Redis redis, ScriptOutputType type, String[] keys, String... args) {
    return redis.<T>future(redis.commands().evalsha(sha, type, keys, args))
        .recover(e -> isNoScript(e)
            ? redis.<T>future(redis.commands().eval(source, type, keys, args))
            : Future.failedFuture(e));
  }

  private static boolean isNoScript(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")) {
        return true;
      }
    }
    return false;
  }

  private static String sha1(String source) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
