package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voz.conversation.Session;
import org.voz.crypto.Keyring;

class SessionCodecTest {

  private final Keyring keyring = new Keyring(Keyring.newKey());

  @Test
  void roundTripsEveryField() {
    Session s = new Session(7, "pt", "consents", "pick", true, 2, true, true, 1,
        Instant.parse("2026-11-23T14:05:06.789Z"), 42, Map.of("nickname", "Ana \"A\" ç", "pick", "2"));
    assertThat(SessionCodec.open(keyring, "s1", SessionCodec.seal(keyring, "s1", s), 7)).isEqualTo(s);
    Session fresh = Session.fresh("ht");
    assertThat(SessionCodec.open(keyring, "s1", SessionCodec.seal(keyring, "s1", fresh), 0)).isEqualTo(fresh);
  }

  @Test
  void theVersionComesFromTheHashNotTheBlob() {
    Session s = Session.fresh("es");
    assertThat(SessionCodec.open(keyring, "s1", SessionCodec.seal(keyring, "s1", s), 12).version()).isEqualTo(12);
  }

  @Test
  void readsSessionsStoredInTheFirstLayout() {
    Session s = new Session(3, "fr", "main", "menu", true, 0, false, false, 0,
        Instant.parse("2026-11-23T14:05:06Z"), 9, Map.of("k", "v"));
    String old = keyring.seal(Aad.session("s1"), Json.write(s));
    assertThat(SessionCodec.open(keyring, "s1", old, 5))
        .isEqualTo(new Session(5, "fr", "main", "menu", true, 0, false, false, 0, s.lastActivity(), 9, Map.of("k", "v")));
  }

  @Test
  void isCompactAndSealed() {
    Session s = new Session(1, "en", "consents", "pick", true, 0, false, false, 0,
        Instant.parse("2026-11-23T14:05:06.789Z"), 1234, Map.of());
    String encoded = SessionCodec.encode(s);
    assertThat(encoded).isEqualTo("[2,\"en\",\"consents\",\"pick\",1,0,0,1795442706789,1234,{}]");
    String sealed = SessionCodec.seal(keyring, "s1", s);
    assertThat(sealed).startsWith("v2.").doesNotContain("consents").doesNotContain("pick");
    assertThat(sealed.length()).isLessThan(Json.write(s).length());
  }

  @Test
  void refusesAnUnknownLayout() {
    assertThatThrownBy(() -> SessionCodec.decode("[9,\"en\"]", 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SessionCodec.decode("[2,\"en\",null,null,\"x\"]", 0)).isInstanceOf(IllegalStateException.class);
  }
}
