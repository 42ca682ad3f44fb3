package org.voz.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Inbox cards: what is flagged on an alert")
class InboxPageTest {

  @Test
  @DisplayName("a message that failed, or an alert whose own webhook failed: not delivered; an overdue request: overdue")
  void flags() {
    assertThat(InboxPage.flag(new JsonObject().put("type", "delivery.failed"))).isEqualTo("undelivered");
    assertThat(InboxPage.flag(new JsonObject().put("type", "consent.revoked").put("delivery", "failed"))).isEqualTo("undelivered");
    assertThat(InboxPage.flag(new JsonObject().put("type", "file_request.overdue"))).isEqualTo("overdue");
    assertThat(InboxPage.flag(new JsonObject().put("type", "consent.revoked"))).isNull();
  }

  @Test
  @DisplayName("a card shows its tag in the member's language, and escapes what the alert carries")
  void card() {
    ConsoleMessages.Texts t = new ConsoleMessages(List.of("es", "en", "pt", "fr")).in("es");
    Views.Alert alert = InboxPage.view(new JsonObject().put("id", "a1").put("type", "delivery.failed")
        .put("caseRef", "GT<1>").put("at", "2026-11-23T10:15:00Z"), t);
    String html = new Renderer().html("alertCard.jte", new Views.Card(t, "tok", alert));
    assertThat(html).contains("Un mensaje no se pudo entregar", "data-flag=\"undelivered\">No entregado</strong>",
        "GT&lt;1&gt;", "2026-11-23 10:15 UTC", "value=\"tok\"").doesNotContain("GT<1>");
    assertThat(html).doesNotContain("data-case-link");
    // with the survivor's id, the case reference opens their page
    Views.Alert theirs = InboxPage.view(new JsonObject().put("id", "a2").put("type", "consent.revoked")
        .put("caseRef", "GT-1").put("survivorId", "s-1").put("at", "2026-11-23T10:15:00Z"), t);
    assertThat(new Renderer().html("alertCard.jte", new Views.Card(t, "tok", theirs)))
        .contains("href=\"/console/survivors/s-1\" data-case-link>GT-1</a>");
  }
}
