package org.voz.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voz.staff.StaffMember;

@DisplayName("Console texts: every key in every language; alerts in plain words")
class ConsoleMessagesTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "pt", "fr"})
  @DisplayName("a language has exactly the keys of Spanish (the default), none blank, apostrophes escaped")
  void sameKeys(String language) {
    Properties es = ConsoleMessages.load("es");
    Properties other = ConsoleMessages.load(language);
    Set<String> missing = new TreeSet<>(es.stringPropertyNames());
    missing.removeAll(other.stringPropertyNames());
    Set<String> extra = new TreeSet<>(other.stringPropertyNames());
    extra.removeAll(es.stringPropertyNames());
    assertThat(missing).as("keys missing in " + language).isEmpty();
    assertThat(extra).as("keys only in " + language).isEmpty();
    for (Properties texts : new Properties[] {es, other}) {
      texts.forEach((key, value) -> {
        assertThat((String) value).as(key + " in " + language).isNotBlank();
        // a MessageFormat pattern: a lone apostrophe would swallow the rest of the text
        assertThat(((String) value).replace("''", "")).as(key + " in " + language).doesNotContain("'");
      });
    }
  }

  @Test
  @DisplayName("the console speaks every staff language, the texts are formatted, an unknown language falls back to Spanish")
  void languages() {
    ConsoleMessages messages = new ConsoleMessages(StaffMember.LANGUAGES);
    assertThat(messages.languages()).containsExactly("es", "en", "pt", "fr");
    assertThat(messages.in("fr").get("back")).isEqualTo("Retour à l'accueil");
    assertThat(messages.in("en").get("signedInAs", "Ana (cm-ana)")).isEqualTo("Signed in as Ana (cm-ana)");
    assertThat(messages.in("xx").get("signIn.title")).isEqualTo("Iniciar sesión");
  }

  @Test
  @DisplayName("an alert shows its type in words, the case reference and what changed; an unknown type by its name")
  void alertInWords() {
    ConsoleMessages.Texts es = new ConsoleMessages(StaffMember.LANGUAGES).in("es");
    Views.Alert revoked = InboxPage.view(new JsonObject().put("id", "a1").put("type", "consent.revoked")
        .put("caseRef", "GT-2026-0147").put("data", "case-notes").put("recipient", "shelter-casa-esperanza")
        .put("purpose", "referral").put("at", "2026-11-23T10:15:00Z"), es);
    assertThat(revoked.type()).isEqualTo("Consentimiento revocado");
    assertThat(revoked.changed()).isEqualTo("case-notes, compartido con shelter-casa-esperanza para referral");
    assertThat(revoked.at()).isEqualTo("2026-11-23 10:15 UTC");
    assertThat(InboxPage.view(new JsonObject().put("id", "a2").put("type", "something.new"), es).type())
        .isEqualTo("Otra alerta (something.new)");
  }

  @Test
  @DisplayName("the QR code is an SVG with an accessible name and no style attribute (the CSP allows no inline style)")
  void qr() {
    String svg = QrSvg.of("otpauth://totp/Voz:cm-ana?secret=MZXW6YTBOI", "scan \"me\"");
    assertThat(svg).startsWith("<svg").contains("role=\"img\"").contains("aria-label=\"scan &quot;me&quot;\"")
        .doesNotContain("style=").contains("<path d=\"M");
  }
}
