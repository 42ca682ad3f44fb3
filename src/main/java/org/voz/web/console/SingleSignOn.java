package org.voz.web.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OpenID Connect single sign-on (authorization code flow with PKCE, through vertx-auth-oauth2): the provider is
 * discovered on first use (and again after a failed discovery); each attempt draws a state, a nonce and a PKCE
 * verifier, kept only in the browser's short-lived {@link #COOKIE}. On the way back the state must match, the code
 * is exchanged, and the ID token must carry a valid signature (the provider's JWKS), this issuer, this client in
 * its audience, an expiry still ahead and the attempt's nonce; then its member claim names the staff id and its
 * role claim the provider roles, mapped to Voz roles. Whether that member may sign in is the use case's to say.
 */
public final class SingleSignOn {

  /** The attempt's cookie: {@code state.nonce.verifier}, HttpOnly, SameSite=Lax (it must come back from the provider). */
  static final String COOKIE = "voz_sso";
  static final String START = "/console/sign-in/sso";
  static final String CALLBACK = "/console/sign-in/sso/callback";
  private static final long LEEWAY_SECONDS = 60;

  /** What the provider vouched for: a staff id and the Voz roles its roles map to. */
  public record Vouched(String staffId, Set<String> roles) {}

  /** An attempt: the cookie to set and where to send the browser. */
  record Start(String cookie, String url) {}

  /** A sign-in the protocol refused; {@code reason} is a word for the log (never a token or a claim's value). */
  static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Vertx vertx;
  private final SingleSignOnOptions options;
  private final String redirectUri;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private Future<OAuth2Auth> provider;

  public SingleSignOn(Vertx vertx, SingleSignOnOptions options, String publicUrl, Clock clock) {
    this.vertx = vertx;
    this.options = options;
    this.redirectUri = (publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl) + CALLBACK;
    this.clock = clock;
  }

  /** The provider's name, for "Sign in with {name}". */
  public String name() {
    return options.name();
  }

  /** The discovered provider; discovered again if an earlier discovery failed. Runs on one event loop at a time. */
  private synchronized Future<OAuth2Auth> provider() {
    if (provider == null || provider.failed()) {
      OAuth2Options config = new OAuth2Options().setSite(options.issuer())
          .setClientId(options.clientId()).setClientSecret(options.clientSecret())
          .setHttpClientOptions(new HttpClientOptions().setConnectTimeout(5000).setIdleTimeout(30));
      provider = OpenIDConnectAuth.discover(vertx, config);
    }
    return provider;
  }

  Future<Start> start() {
    String state = random();
    String nonce = random();
    String verifier = random();
    List<String> scopes = new ArrayList<>(new LinkedHashSet<>(concat("openid", options.scopes())));
    return provider().map(auth -> new Start(state + "." + nonce + "." + verifier, auth.authorizeURL(
        new OAuth2AuthorizationURL().setRedirectUri(redirectUri).setScopes(scopes).setState(state)
            .setCodeChallenge(challenge(verifier)).setCodeChallengeMethod("S256")
            .putAdditionalParameter("nonce", nonce))));
  }

  /** The callback: checks the attempt and the ID token; fails with {@link Refused} for anything wrong. */
  Future<Vouched> finish(String cookie, String state, String code) {
    String[] attempt = cookie == null ? new String[0] : cookie.split("\\.");
    if (attempt.length != 3 || state == null || !ConsoleSecurity.matches(attempt[0], state)) {
      return Future.failedFuture(new Refused("state"));
    }
    if (code == null || code.isBlank()) {
      return Future.failedFuture(new Refused("no_code"));
    }
    String nonce = attempt[1];
    return provider()
        .compose(auth -> auth.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE).setCode(code)
            .setRedirectUri(redirectUri).setCodeVerifier(attempt[2])))
        .recover(failure -> Future.failedFuture(failure instanceof Refused ? failure : new Refused("token_exchange")))
        .compose(user -> {
          JsonObject idToken = user.attributes().getJsonObject("idToken");
          return Future.succeededFuture(vouched(idToken, nonce));
        });
  }

  /** The ID token's checks (vertx-auth-oauth2 has checked its signature, audience and issuer; checked again here). */
  private Vouched vouched(JsonObject idToken, String nonce) {
    if (idToken == null) { // no ID token, or one whose signature, audience or issuer vertx-auth refused
      throw new Refused("id_token");
    }
    if (!options.issuer().equals(stripSlash(idToken.getString("iss", "")))) {
      throw new Refused("issuer");
    }
    Object aud = idToken.getValue("aud");
    boolean audience = aud instanceof String s ? s.equals(options.clientId())
        : aud instanceof JsonArray a && a.contains(options.clientId());
    if (!audience) {
      throw new Refused("audience");
    }
    long now = clock.instant().getEpochSecond();
    Long exp = idToken.getLong("exp");
    if (exp == null || exp + LEEWAY_SECONDS < now) {
      throw new Refused("expired");
    }
    Long iat = idToken.getLong("iat");
    if (iat != null && iat - LEEWAY_SECONDS > now) {
      throw new Refused("issued_in_future");
    }
    if (!ConsoleSecurity.matches(nonce, idToken.getString("nonce"))) {
      throw new Refused("nonce");
    }
    Object member = idToken.getValue(options.memberClaim());
    if (!(member instanceof String staffId) || staffId.isBlank()) {
      throw new Refused("no_member_claim");
    }
    Set<String> roles = new LinkedHashSet<>();
    Object given = idToken.getValue(options.roleClaim());
    List<Object> values = given instanceof JsonArray a ? a.getList() : given == null ? List.of() : List.of(given);
    for (Object value : values) {
      String role = value instanceof String s ? options.roles().get(s) : null;
      if (role != null) {
        roles.add(role);
      }
    }
    return new Vouched(staffId, roles);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private String random() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
