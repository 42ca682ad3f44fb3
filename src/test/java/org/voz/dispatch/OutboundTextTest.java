package org.voz.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.voz.store.Json;

@DisplayName("OutboundText as the outbox stores it")
class OutboundTextTest {

  @Test
  @DisplayName("an entry written before the proactive flag existed reads as an answer, without a language")
  void oldEntriesRead() {
    OutboundText old = Json.read("{\"text\":\"Hola\",\"choices\":[\"Sí\",\"No\"]}", OutboundText.class);
    assertThat(old).isEqualTo(new OutboundText("Hola", List.of("Sí", "No")));
    assertThat(old.proactive()).isFalse();
    assertThat(old.language()).isNull();
  }

  @Test
  @DisplayName("a proactive message keeps its flag and language through the outbox; unknown fields are ignored")
  void proactiveRoundTrip() {
    OutboundText nudge = OutboundText.proactive("Tienes un mensaje nuevo.", "es", true);
    assertThat(Json.read(Json.write(nudge), OutboundText.class)).isEqualTo(nudge);
    assertThat(Json.read("{\"text\":\"x\",\"later\":1}", OutboundText.class).text()).isEqualTo("x");
  }
}
