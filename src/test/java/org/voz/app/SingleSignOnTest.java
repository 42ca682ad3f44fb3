package org.voz.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.Wait.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect single sign-on end to end: the service discovers a stub provider (WireMock serving the discovery
 * document, the JWKS and the token endpoint); each ID token is a real RS256 JWT signed here with a test RSA key. A
 * good token signs the member in; a wrong audience, a wrong issuer, an expired token, another key's signature, a
 * wrong nonce, an unmapped role, an unknown or a deactivated member are all refused with the same page.
 */
@VozTest
@VozConfig({"console.passwordIterations=1000", "console.sso.enabled=true", "console.sso.name=Keycloak",
    "console.sso.discoveryUrl=${wiremock}/realms/voz", "console.sso.clientId=voz-console",
    "console.sso.clientSecret=client-secret", "console.sso.roleClaim=groups",
    "console.sso.roles.voz-case-managers=case_manager", "console.sso.roles.voz-admins=admin"})
@DisplayName("Single sign-on against a stub OpenID Connect provider: real signed ID tokens, each wrong one refused")
class SingleSignOnTest {

  private static KeyPair providerKey;
  private static KeyPair otherKey;
  private VozHarness voz;
  private WireMockServer provider;
  private String issuer;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    providerKey = generator.generateKeyPair();
    otherKey = generator.generateKeyPair();
  }

  @BeforeEach
  void start(WireMockServer provider, VozHarness voz) throws Exception {
    this.provider = provider;
    this.voz = voz;
    issuer = provider.baseUrl() + "/realms/voz";
    provider.stubFor(get(urlPathEqualTo("/realms/voz/.well-known/openid-configuration")).willReturn(json(new JsonObject()
        .put("issuer", issuer).put("authorization_endpoint", issuer + "/auth").put("token_endpoint", issuer + "/token")
        .put("jwks_uri", issuer + "/certs").put("response_types_supported", new JsonArray().add("code"))
        .put("subject_types_supported", new JsonArray().add("public"))
        .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256")))));
    RSAPublicKey key = (RSAPublicKey) providerKey.getPublic();
    provider.stubFor(get(urlPathEqualTo("/realms/voz/certs")).willReturn(json(new JsonObject().put("keys", new JsonArray()
        .add(new JsonObject().put("kty", "RSA").put("kid", "k1").put("use", "sig").put("alg", "RS256")
            .put("n", b64(unsigned(key.getModulus().toByteArray()))).put("e", b64(key.getPublicExponent().toByteArray())))))));
    JsonObject cm = await(voz.client.post("/api/v1/staff").bearerTokenAuthentication(VozHarness.ADMIN)
        .sendJsonObject(new JsonObject().put("id", "cm-ana").put("role", "case_manager").put("name", "Ana"))).bodyAsJsonObject();
    assertThat(cm.getString("id")).isEqualTo("cm-ana");
  }

  @Test
  @DisplayName("the sign-in page offers the provider; a good ID token (PKCE, nonce) signs the member in and is kept as sign_in_sso")
  void signsIn() throws Exception {
    ConsoleClient browser = new ConsoleClient(voz);
    assertThat(browser.get("/console/sign-in").bodyAsString()).contains("Iniciar sesión con Keycloak", "href=\"/console/sign-in/sso\"");
    HttpResponse<Buffer> done = attempt(browser, claims -> {});
    assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
    assertThat(done.bodyAsString()).contains("http-equiv=\"refresh\"", "url=/console");
    assertThat(done.cookies()).anySatisfy(c -> assertThat(c).startsWith("voz_console=").contains("SameSite=Strict"));
    HttpResponse<Buffer> inbox = browser.get("/console");
    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(inbox.bodyAsString()).contains("cm-ana");
    // the code went back with the PKCE verifier and the client's credentials
    provider.verify(postRequestedFor(urlPathEqualTo("/realms/voz/token")).withRequestBody(containing("code=the-code"))
        .withRequestBody(containing("code_verifier=")));
    assertThat(eventTypes()).contains("sign_in_sso");
  }

  @Test
  @DisplayName("refused, with the same page: wrong audience, wrong issuer, expired, another key's signature, wrong nonce, wrong state")
  void badTokensRefused() throws Exception {
    Map<String, Consumer<JsonObject>> bad = new java.util.LinkedHashMap<>();
    bad.put("audience", c -> c.put("aud", "another-client"));
    bad.put("issuer", c -> c.put("iss", provider.baseUrl() + "/realms/other"));
    bad.put("expired", c -> c.put("exp", Instant.now().minusSeconds(600).getEpochSecond())
        .put("iat", Instant.now().minusSeconds(900).getEpochSecond()));
    bad.put("nonce", c -> c.put("nonce", "not-the-attempts-nonce"));
    bad.put("key", c -> c.put("signWith", "other"));
    for (var entry : bad.entrySet()) {
      ConsoleClient browser = new ConsoleClient(voz);
      HttpResponse<Buffer> refused = attempt(browser, entry.getValue());
      assertThat(refused.statusCode()).as(entry.getKey()).isEqualTo(401);
      assertThat(refused.bodyAsString()).as(entry.getKey()).contains("No se pudo iniciar sesión con Keycloak");
      assertThat(refused.cookies()).as(entry.getKey()).noneMatch(c -> c.startsWith("voz_console="));
      assertThat(browser.get("/console").statusCode()).as(entry.getKey()).isEqualTo(303);
    }
    // a callback whose state is not the attempt's (a forged or replayed link)
    ConsoleClient browser = new ConsoleClient(voz);
    browser.get("/console/sign-in/sso");
    HttpResponse<Buffer> forged = browser.get("/console/sign-in/sso/callback?code=the-code&state=forged");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(eventTypes()).doesNotContain("sign_in_sso").contains("sign_in_sso_refused");
  }

  @Test
  @DisplayName("refused: a provider role not mapped to the member's Voz role, an id that is no member, a deactivated member")
  void unmappedRefused() throws Exception {
    assertThat(attempt(new ConsoleClient(voz), c -> c.put("groups", new JsonArray().add("voz-admins").add("other")))
        .statusCode()).as("the provider says admin, Voz says case manager").isEqualTo(401);
    assertThat(attempt(new ConsoleClient(voz), c -> c.remove("groups")).statusCode()).as("no roles").isEqualTo(401);
    assertThat(attempt(new ConsoleClient(voz), c -> c.put("preferred_username", "cm-nobody")).statusCode()).isEqualTo(401);
    assertThat(await(voz.client.post("/api/v1/staff/cm-ana/deactivate").bearerTokenAuthentication(VozHarness.ADMIN)
        .send()).statusCode()).isEqualTo(200);
    assertThat(attempt(new ConsoleClient(voz), c -> {}).statusCode()).as("deactivated").isEqualTo(401);
  }

  /** Starts a sign-in, has the provider answer an ID token with the attempt's nonce (then {@code change}d), calls back. */
  private HttpResponse<Buffer> attempt(ConsoleClient browser, Consumer<JsonObject> change) throws Exception {
    HttpResponse<Buffer> start = browser.get("/console/sign-in/sso");
    assertThat(start.statusCode()).as(start.bodyAsString()).isEqualTo(303);
    URI to = URI.create(start.getHeader("Location"));
    assertThat(to.toString()).startsWith(issuer + "/auth?");
    Map<String, String> query = query(to);
    assertThat(query).containsEntry("client_id", "voz-console").containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
    assertThat(query.get("redirect_uri")).isEqualTo(voz.publicUrl + "/console/sign-in/sso/callback");
    assertThat(query.get("scope")).contains("openid");
    long now = Instant.now().getEpochSecond();
    JsonObject claims = new JsonObject().put("iss", issuer).put("aud", "voz-console").put("sub", "user-1")
        .put("exp", now + 300).put("iat", now).put("nonce", query.get("nonce"))
        .put("preferred_username", "cm-ana").put("groups", new JsonArray().add("voz-case-managers"));
    change.accept(claims);
    KeyPair signer = "other".equals(claims.remove("signWith")) ? otherKey : providerKey;
    provider.stubFor(post(urlPathEqualTo("/realms/voz/token")).willReturn(json(new JsonObject()
        .put("access_token", "opaque-access-token").put("token_type", "Bearer").put("expires_in", 300)
        .put("id_token", jwt(claims, signer)))));
    return browser.get("/console/sign-in/sso/callback?code=the-code&state=" + query.get("state"));
  }

  private java.util.List<String> eventTypes() throws Exception {
    return await(voz.client.get("/api/v1/audit/accounts?limit=200").bearerTokenAuthentication(VozHarness.ADMIN).send())
        .bodyAsJsonObject().getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")).toList();
  }

  /** An RS256 JWT, header kid k1, signed with {@code key}. */
  static String jwt(JsonObject claims, KeyPair key) throws Exception {
    String header = b64(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", "k1").encode()
        .getBytes(StandardCharsets.UTF_8));
    String body = b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key.getPrivate());
    rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
    return header + "." + body + "." + b64(rsa.sign());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(JsonObject body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.encode());
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A big-endian magnitude without the sign byte Java adds. */
  private static byte[] unsigned(byte[] bytes) {
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return out;
  }
}
