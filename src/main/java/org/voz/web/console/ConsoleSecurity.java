package org.voz.web.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The console's CSP (no inline script; every answer's other headers are the edge's, {@code web.SecurityHeaders}), and
 * the cookies: the session's, and before sign-in a CSRF cookie the sign-in and invitation forms repeat
 * (double submit). Both HttpOnly, SameSite=Strict, Secure in production, scoped to {@code /console}.
 */
final class ConsoleSecurity {

  static final String SESSION_COOKIE = "voz_console";
  static final String CSRF_COOKIE = "voz_csrf";
  static final String CSRF_FIELD = "_csrf";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "font-src 'none'; connect-src 'self'; form-action 'self'; " + org.voz.web.SecurityHeaders.FRAME_ANCESTORS
      + "; base-uri 'none'";

  private final boolean secure;
  private final String addressHeader;
  private final SecureRandom random = new SecureRandom();

  /** @param addressHeader the header a trusted reverse proxy sets to the client's address; blank: the TCP peer's */
  ConsoleSecurity(boolean secure, String addressHeader) {
    this.secure = secure;
    this.addressHeader = addressHeader == null ? "" : addressHeader.strip();
  }

  boolean secure() {
    return secure;
  }

  /**
   * The client's address, for counting failed sign-ins per address (only ever kept as a keyed hash): the TCP peer,
   * or behind a reverse proxy the last entry of the configured header (the one the nearest proxy added, which the
   * client cannot forge).
   */
  String clientAddress(RoutingContext ctx) {
    return org.voz.web.ClientAddress.of(ctx, addressHeader);
  }

  /** The console's own CSP (its script and style files); the rest is every answer's (web.SecurityHeaders). */
  void headers(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", CSP);
    ctx.next();
  }

  Cookie cookie(String name, String value) {
    return Cookie.cookie(name, value).setPath("/console").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
        .setSecure(secure);
  }

  void expire(RoutingContext ctx, String name) {
    ctx.response().addCookie(cookie(name, "").setMaxAge(0));
  }

  /** The pre-session CSRF token: the cookie's, or a new one set now. */
  String preSessionToken(RoutingContext ctx) {
    Cookie existing = ctx.request().getCookie(CSRF_COOKIE);
    if (existing != null && !existing.getValue().isBlank()) {
      return existing.getValue();
    }
    String token = randomToken();
    ctx.response().addCookie(cookie(CSRF_COOKIE, token));
    return token;
  }

  /** Whether the form repeats the pre-session CSRF cookie. */
  static boolean preSessionTokenMatches(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(CSRF_COOKIE);
    return cookie != null && matches(cookie.getValue(), ctx.request().getFormAttribute(CSRF_FIELD));
  }

  static boolean matches(String expected, String given) {
    return expected != null && !expected.isBlank() && given != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
