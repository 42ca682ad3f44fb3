package org.voz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

  /** What the stored records were written and read with before IsoTime: the text must not change. */
  private static final ObjectMapper JAVA_TIME = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  record Stamped(Instant at, LocalDate on) {}

  @Test
  @DisplayName("instants and dates are written exactly as JavaTimeModule wrote them, and read back equal")
  void sameTextAsJavaTimeModule() throws Exception {
    Random random = new Random(6);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      long seconds = i % 2 == 0
          ? 1_700_000_000L + random.nextInt(200_000_000) // the years Voz lives in
          : min + (long) (random.nextDouble() * (max - min));
      int nano = switch (i % 5) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000; // milliseconds, as the clock gives them
        case 2 -> random.nextInt(1_000_000) * 1000;
        case 3 -> random.nextInt(1_000_000_000);
        default -> (random.nextInt(9) + 1) * 100_000_000; // one significant digit: still printed as three
      };
      Stamped value = new Stamped(Instant.ofEpochSecond(seconds, nano),
          LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400)));
      String expected = JAVA_TIME.writeValueAsString(value);
      assertThat(Json.write(value)).isEqualTo(expected);
      assertThat(Json.read(expected, Stamped.class)).isEqualTo(value);
    }
  }

  @Test
  @DisplayName("every instant text the full parser takes is read the same, including what only it takes")
  void readsWhatTheFullParserReads() throws Exception {
    for (String text : List.of("2026-12-04T21:19:16Z", "2026-12-04T21:19:16.1Z", "2026-12-04T21:19:16.12Z",
        "2026-12-04T21:19:16.1234Z", "2026-12-04T21:19:16.123456789Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z", "2026-12-04T21:19:16+01:00", "+10000-01-01T00:00:00Z", "2026-12-04T23:59:60Z",
        "2026-12-04T24:00:00Z", "2026-12-04T21:19:16.Z")) { // the last two: taken by the full parser only
      String json = "{\"at\":\"" + text + "\"}";
      assertThat(Json.read(json, Stamped.class)).as(text).isEqualTo(JAVA_TIME.readValue(json, Stamped.class));
    }
    // numbers (epoch seconds) are JavaTimeModule's, as before
    assertThat(Json.read("{\"at\":1733346000.5}", Stamped.class).at()).isEqualTo(Instant.ofEpochSecond(1733346000L, 500_000_000));
  }

  @Test
  @DisplayName("what is not a date or an instant is refused, as before")
  void refusesWhatIsNot() {
    for (String json : List.of("{\"at\":\"2026-13-04T21:19:16Z\"}", "{\"at\":\"2026-12-04T21:19:16.1234567890Z\"}", "{\"at\":\"2026-12-04 21:19:16Z\"}",
        "{\"at\":\"yesterday\"}", "{\"on\":\"2026-02-30\"}", "{\"on\":\"2026-2-3\"}", "{\"on\":\"20261204\"}")) {
      assertThatThrownBy(() -> JAVA_TIME.readValue(json, Stamped.class)).as(json).isNotNull();
      assertThatThrownBy(() -> Json.read(json, Stamped.class)).as(json).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void parsesDirectly() {
    assertThat(IsoTime.parseInstant("2026-12-04T21:19:16.120Z")).isEqualTo(Instant.parse("2026-12-04T21:19:16.12Z"));
    assertThat(IsoTime.parseInstant("2026-12-04T21:19:16+01:00")).isNull(); // left to the full parser
    assertThat(IsoTime.parseDate("2026-12-04")).isEqualTo(LocalDate.of(2026, 12, 4));
    assertThat(IsoTime.parseDate("2026-02-30")).isNull();
    assertThat(IsoTime.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
  }
}
