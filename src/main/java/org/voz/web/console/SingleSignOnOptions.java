package org.voz.web.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voz.staff.StaffMember;

/**
 * The {@code console.sso:} section: optional OpenID Connect single sign-on (off by default; every key documented
 * in {@code config/application.yaml}).
 *
 * @param name         the provider's name on the sign-in page ("Sign in with {name}")
 * @param discoveryUrl the provider's issuer URL (its discovery document is {@code <issuer>/.well-known/openid-configuration};
 *                     the full document URL is accepted too)
 * @param scopes       requested scopes; {@code openid} is always asked for
 * @param memberClaim  the ID token claim whose value is a Voz staff id
 * @param roleClaim    the ID token claim (a string or a list of strings) holding the provider's roles or groups
 * @param roles        provider role or group → Voz role; a member signs in only if one of theirs maps to their Voz role
 */
public record SingleSignOnOptions(boolean enabled, String name, String discoveryUrl, String clientId, String clientSecret,
    List<String> scopes, String memberClaim, String roleClaim, Map<String, String> roles) {

  public static final SingleSignOnOptions OFF = new SingleSignOnOptions(false, "", "", "", "", List.of(), "", "", Map.of());

  public SingleSignOnOptions {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
    roles = roles == null ? Map.of() : Map.copyOf(roles);
  }

  /** The issuer URL: the discovery URL without {@code /.well-known/openid-configuration} and a final slash. */
  public String issuer() {
    String url = discoveryUrl == null ? "" : discoveryUrl.strip();
    String wellKnown = "/.well-known/openid-configuration";
    if (url.endsWith(wellKnown)) {
      url = url.substring(0, url.length() - wellKnown.length());
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** What is wrong with these settings in any environment (nothing when off). */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!enabled) {
      return problems;
    }
    require(problems, name, "console.sso.name");
    require(problems, discoveryUrl, "console.sso.discoveryUrl");
    require(problems, clientId, "console.sso.clientId");
    require(problems, clientSecret, "console.sso.clientSecret (VOZ_SSO_CLIENT_SECRET)");
    require(problems, memberClaim, "console.sso.memberClaim");
    require(problems, roleClaim, "console.sso.roleClaim");
    if (discoveryUrl != null && !discoveryUrl.isBlank() && !discoveryUrl.startsWith("https://") && !discoveryUrl.startsWith("http://")) {
      problems.add("console.sso.discoveryUrl must be an http(s) URL");
    }
    if (roles.isEmpty()) {
      problems.add("console.sso.roles must map at least one provider role to a Voz role");
    }
    roles.forEach((given, role) -> {
      if (!StaffMember.ROLES.contains(role)) {
        problems.add("console.sso.roles." + given + " must be one of " + StaffMember.ROLES);
      }
    });
    return problems;
  }

  /** What production refuses: a provider or a callback reached without TLS. */
  public List<String> productionProblems(String publicUrl) {
    List<String> problems = new ArrayList<>();
    if (!enabled) {
      return problems;
    }
    if (discoveryUrl == null || !discoveryUrl.startsWith("https://")) {
      problems.add("console.sso.discoveryUrl must be an https URL in production");
    }
    if (publicUrl == null || !publicUrl.startsWith("https://")) {
      problems.add("VOZ_PUBLIC_URL must be an https URL in production when console.sso is on (the sign-in callback)");
    }
    return problems;
  }

  private static void require(List<String> problems, String value, String key) {
    if (value == null || value.isBlank()) {
      problems.add(key + " is required when console.sso.enabled is true");
    }
  }
}
