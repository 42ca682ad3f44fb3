package org.voz.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.conversation.Choice;
import org.voz.store.Json;

@DisplayName("OutboundText as the outbox stores it")
class OutboundTextTest {

  private static final List<Choice> SI_NO = List.of(new Choice("1", "Sí"), new Choice("2", "No"));

  @Test
  @DisplayName("an entry written before the proactive flag existed reads as an answer, without a language")
  void oldEntriesRead() {
    OutboundText old = Json.read("{\"text\":\"Hola\"}", OutboundText.class);
    assertThat(old).isEqualTo(new OutboundText("Hola"));
    assertThat(old.proactive()).isFalse();
    assertThat(old.language()).isNull();
  }

  @Test
  @DisplayName("a reply keeps its words, its choices (key and label) and its menu flag through the outbox")
  void choicesRoundTrip() {
    OutboundText menu = OutboundText.reply("¿Qué quieres hacer?", SI_NO, true, "41");
    String json = Json.write(menu);
    assertThat(json).contains("\"choices\":[{\"key\":\"1\",\"label\":\"Sí\"},{\"key\":\"2\",\"label\":\"No\"}]");
    assertThat(Json.read(json, OutboundText.class)).isEqualTo(menu);
    assertThat(menu.asText()).isEqualTo("¿Qué quieres hacer?\n1. Sí\n2. No");
    assertThat(menu.buttons()).isEqualTo(SI_NO);
    OutboundText question = OutboundText.reply("¿Respeto?", SI_NO, false, null);
    assertThat(Json.read(Json.write(question), OutboundText.class)).isEqualTo(question);
    assertThat(question.buttons()).isEmpty();
  }

  @Test
  @DisplayName("an entry of the version before, whose text carried the numbered lines and whose choices were a menu's labels, is sent exactly as then")
  void entriesBeforeStructuredChoices() {
    OutboundText menu = Json.read("{\"text\":\"Elige:\\n1. Sí\\n2. No\",\"choices\":[\"Sí\",\"No\"],\"proactive\":false,"
        + "\"language\":null,\"smsFallback\":false,\"answers\":\"41\"}", OutboundText.class);
    assertThat(menu.asText()).isEqualTo("Elige:\n1. Sí\n2. No");
    assertThat(menu.buttons()).isEqualTo(SI_NO);
    assertThat(menu.text()).isEqualTo("Elige:");
    assertThat(menu.answers()).isEqualTo("41");

    OutboundText linesOnly = Json.read("{\"text\":\"1. Sí\\n2. No\",\"choices\":[\"Sí\",\"No\"]}", OutboundText.class);
    assertThat(linesOnly.asText()).isEqualTo("1. Sí\n2. No");
    assertThat(linesOnly.buttons()).isEqualTo(SI_NO);

    // the first part of a long SMS carried the choices too, without their lines: its text is sent as it is
    OutboundText part = Json.read("{\"text\":\"Primera parte\",\"choices\":[\"Sí\",\"No\"]}", OutboundText.class);
    assertThat(part.asText()).isEqualTo("Primera parte");
    assertThat(part.choices()).isEmpty();

    // a question's answers were lines of the text only
    OutboundText question = Json.read("{\"text\":\"¿Respeto?\\n1. Sí\\n2. No\\n0. Prefiero no decir\",\"choices\":[]}",
        OutboundText.class);
    assertThat(question.asText()).isEqualTo("¿Respeto?\n1. Sí\n2. No\n0. Prefiero no decir");
    assertThat(question.buttons()).isEmpty();
  }

  @Test
  @DisplayName("a proactive message keeps its flag and language through the outbox; unknown fields are ignored")
  void proactiveRoundTrip() {
    OutboundText nudge = OutboundText.proactive("Tienes un mensaje nuevo.", "es", true);
    assertThat(Json.read(Json.write(nudge), OutboundText.class)).isEqualTo(nudge);
    assertThat(Json.read("{\"text\":\"x\",\"later\":1}", OutboundText.class).text()).isEqualTo("x");
  }
}
