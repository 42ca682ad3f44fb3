package org.voz.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A 'what we changed' update kept for a survivor: their language else the first given, kept once, read once")
class LoopNewsTest {

  private static LoopNews news(String updateId) {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("en", "Thank you: we now open on Saturdays.");
    texts.put("es", "Gracias: ahora abrimos los sábados.");
    return LoopNews.unread("exit-2026", updateId, texts, "en");
  }

  @Test
  @DisplayName("the text in the survivor's language, else in the fallback language")
  void language() {
    assertThat(news("u1").text("es")).isEqualTo("Gracias: ahora abrimos los sábados.");
    assertThat(news("u1").text("pt")).isEqualTo("Thank you: we now open on Saturdays.");
    assertThatThrownBy(() -> LoopNews.unread("exit-2026", "u1", Map.of("es", "Gracias."), "en"))
        .as("an unread update has a text in its fallback language").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("kept once per update; read, its texts are dropped and its ids kept, so it is never kept again")
  void keptOnceReadOnce() {
    Participation p = Participation.NONE.withNews(news("u1")).withNews(news("u1")).withNews(news("u2"));
    assertThat(p.unread()).extracting(LoopNews::updateId).containsExactly("u1", "u2");

    Participation read = p.withNewsRead("exit-2026", "u1");
    assertThat(read.unread()).extracting(LoopNews::updateId).containsExactly("u2");
    LoopNews gone = read.news().get(0);
    assertThat(gone.seen()).isTrue();
    assertThat(gone.texts()).isEmpty();
    assertThat(read.hasNews("exit-2026", "u1")).isTrue();
    assertThat(read.withNews(news("u1"))).as("the same update again keeps nothing").isSameAs(read);
    assertThat(read.withNewsRead("other", "u2").unread()).hasSize(1);
  }

  @Test
  @DisplayName("an invitation changed keeps the updates, and updates keep the invitations")
  void withInvitations() {
    Participation p = new Participation(true, "shelter", null, List.of()).withNews(news("u1"))
        .with(Invitation.invited("exit-2026", "exit"));
    assertThat(p.unread()).hasSize(1);
    assertThat(p.invitations()).hasSize(1);
    assertThat(p.withNewsRead("exit-2026", "u1").invitations()).hasSize(1);
    assertThat(p.withExitedOn(java.time.LocalDate.of(2026, 6, 30)).unread()).hasSize(1);
  }
}
