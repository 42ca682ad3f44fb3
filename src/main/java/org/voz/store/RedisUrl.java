package org.voz.store;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A parsed {@code REDIS_URL}: which kind of deployment, and the Lettuce URIs to reach it.
 *
 * <ul>
 *   <li>{@code redis://[user:pass@]host:port[/db]}, {@code rediss://…} (TLS): one server</li>
 *   <li>{@code redis-sentinel://[pass@]host:port[,host2:port2]/db#masterName}: Sentinel</li>
 *   <li>{@code redis://h1:p1,redis://h2:p2} or {@code redis://[pass@]h1:p1,h2:p2}: Redis Cluster seeds; nodes
 *       without a scheme take the first node's scheme and credentials</li>
 * </ul>
 *
 * <p>{@link #describe()} (and {@link #toString()}) never show the password: use them in logs.
 */
public record RedisUrl(Kind kind, List<RedisURI> nodes) {

  public enum Kind { STANDALONE, SENTINEL, CLUSTER }

  public RedisUrl {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("REDIS_URL names no node");
    }
  }

  /** Parses a {@code REDIS_URL}; an {@link IllegalArgumentException} that never repeats the password otherwise. */
  public static RedisUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("REDIS_URL is empty");
    }
    String trimmed = url.trim();
    String scheme = schemeOf(trimmed);
    if (scheme.startsWith("redis-sentinel")) {
      RedisURI uri = create(trimmed, scheme);
      if (uri.getSentinelMasterId() == null || uri.getSentinelMasterId().isBlank()) {
        throw new IllegalArgumentException("a redis-sentinel:// URL needs #masterName");
      }
      return new RedisUrl(Kind.SENTINEL, List.of(uri));
    }
    if (!scheme.equals("redis") && !scheme.equals("rediss") && !scheme.equals("redis-socket")) {
      throw new IllegalArgumentException("unsupported REDIS_URL scheme: " + scheme);
    }
    String[] parts = trimmed.split(",");
    if (parts.length == 1) {
      return new RedisUrl(Kind.STANDALONE, List.of(create(trimmed, scheme)));
    }
    String first = parts[0].trim();
    String authority = first.substring(scheme.length() + 3);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
    List<RedisURI> nodes = new ArrayList<>();
    for (String raw : parts) {
      String part = raw.trim();
      if (part.isEmpty()) {
        continue;
      }
      String node = part.contains("://") ? part : scheme + "://" + userInfo + part;
      String nodeScheme = schemeOf(node);
      if (!nodeScheme.equals("redis") && !nodeScheme.equals("rediss")) {
        throw new IllegalArgumentException("a cluster node must be redis:// or rediss://, not " + nodeScheme);
      }
      nodes.add(create(node, nodeScheme));
    }
    return new RedisUrl(Kind.CLUSTER, nodes);
  }

  /** The URL's kind and nodes, without any password: for logs. */
  public static String describe(String url) {
    return parse(url).describe();
  }

  public boolean cluster() {
    return kind == Kind.CLUSTER;
  }

  public boolean tls() {
    return nodes.stream().anyMatch(RedisURI::isSsl);
  }

  /** E.g. {@code standalone 127.0.0.1:6379 db 0}, {@code cluster h1:7000,h2:7001 (TLS)}. */
  public String describe() {
    RedisURI first = nodes.get(0);
    String text = switch (kind) {
      case STANDALONE -> "standalone " + hostPort(first) + " db " + first.getDatabase();
      case SENTINEL -> "sentinel master " + first.getSentinelMasterId() + " via "
          + first.getSentinels().stream().map(RedisUrl::hostPort).collect(Collectors.joining(","))
          + " db " + first.getDatabase();
      case CLUSTER -> "cluster " + nodes.stream().map(RedisUrl::hostPort).collect(Collectors.joining(","));
    };
    return text + credentials(first) + (tls() ? " (TLS)" : "");
  }

  /** Whether every node is reached with a password (in the URL: {@code redis://[user]:pass@host}). */
  public boolean hasPassword() {
    return nodes.stream().allMatch(uri -> {
      if (uri.getCredentialsProvider() == null) {
        return false;
      }
      RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().toFuture().getNow(null);
      return credentials != null && credentials.hasPassword();
    });
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String credentials(RedisURI uri) {
    if (uri.getCredentialsProvider() == null) {
      return "";
    }
    // URL credentials are static: the Mono completes at once, nothing blocks
    RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().toFuture().getNow(null);
    if (credentials == null) {
      return "";
    }
    String user = credentials.getUsername() != null ? " user " + credentials.getUsername() : "";
    return user + (credentials.hasPassword() ? " with password" : "");
  }

  private static String hostPort(RedisURI uri) {
    return uri.getSocket() != null ? uri.getSocket() : uri.getHost() + ":" + uri.getPort();
  }

  private static String schemeOf(String url) {
    int i = url.indexOf("://");
    if (i <= 0) {
      throw new IllegalArgumentException("REDIS_URL needs a scheme such as redis://");
    }
    return url.substring(0, i).toLowerCase(Locale.ROOT);
  }

  private static RedisURI create(String url, String scheme) {
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (RuntimeException e) {
      // Lettuce's message may quote the URL, password included: do not pass it on.
      throw new IllegalArgumentException("malformed " + scheme + ":// URL in REDIS_URL"
          + (scheme.startsWith("redis-sentinel") ? " (expected redis-sentinel://host:port[,host:port]/db#masterName)" : ""));
    }
    if (uri.getSocket() == null && uri.getSentinels().isEmpty()
        && (uri.getHost() == null || uri.getHost().isBlank())) {
      throw new IllegalArgumentException("a " + scheme + ":// URL in REDIS_URL has no host");
    }
    return uri;
  }
}
