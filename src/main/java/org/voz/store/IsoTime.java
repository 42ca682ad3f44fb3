package org.voz.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The stored records' dates, read and written without {@link java.time.format.DateTimeFormatter}, which was a
 * tenth of a campaign fan-out's CPU (every invitation opens a survivor record full of instants). Exactly the
 * JavaTimeModule's text: an instant as {@link Instant#toString()} ({@code 2026-12-04T21:19:16.123Z}, the fraction
 * in groups of three digits), a date as {@code 2026-12-04}. Anything else (another year range, an offset, a
 * number) goes to JavaTimeModule's own deserializer, so what is accepted, and every error, is unchanged.
 */
final class IsoTime {

  private IsoTime() {}

  /** Registered after JavaTimeModule, so these take its place for {@link Instant} and {@link LocalDate}. */
  static SimpleModule module() {
    SimpleModule module = new SimpleModule("voz-iso-time");
    module.addSerializer(Instant.class, new JsonSerializer<>() {
      @Override
      public void serialize(Instant value, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeString(format(value));
      }
    });
    module.addDeserializer(Instant.class, new JsonDeserializer<>() {
      @Override
      public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
          Instant fast = parseInstant(p.getText());
          if (fast != null) {
            return fast;
          }
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
      }
    });
    module.addDeserializer(LocalDate.class, new JsonDeserializer<>() {
      @Override
      public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
          LocalDate fast = parseDate(p.getText());
          if (fast != null) {
            return fast;
          }
        }
        return LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
      }
    });
    return module;
  }

  /** {@link Instant#toString()}, for years 0000 to 9999 without a formatter. */
  static String format(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      return instant.toString();
    }
    char[] out = new char[30];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, t.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, t.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, t.getHour(), 2);
    out[13] = ':';
    digits(out, 14, t.getMinute(), 2);
    out[16] = ':';
    digits(out, 17, t.getSecond(), 2);
    int n = 19;
    int nano = instant.getNano();
    if (nano > 0) {
      out[n++] = '.';
      if (nano % 1_000_000 == 0) {
        digits(out, n, nano / 1_000_000, 3);
        n += 3;
      } else if (nano % 1000 == 0) {
        digits(out, n, nano / 1000, 6);
        n += 6;
      } else {
        digits(out, n, nano, 9);
        n += 9;
      }
    }
    out[n++] = 'Z';
    return new String(out, 0, n);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (1 to 9 fraction digits), or {@code null} for any other text (which the
   * caller gives to the full parser: it may still be valid, or it fails there with its usual message).
   */
  static Instant parseInstant(String s) {
    int length = s.length();
    if (length < 20 || length > 30 || s.charAt(length - 1) != 'Z' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    LocalDate date = parseDate(s.substring(0, 10));
    int hour = number(s, 11, 2);
    int minute = number(s, 14, 2);
    int second = number(s, 17, 2);
    if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nano = 0;
    if (length > 20) {
      int fraction = length - 21;
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nano = number(s, 20, fraction);
      if (nano < 0) {
        return null;
      }
      for (int i = fraction; i < 9; i++) {
        nano *= 10;
      }
    } else if (length != 20) {
      return null;
    }
    long seconds = date.toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds, nano);
  }

  /** {@code yyyy-MM-dd}, a real date, or {@code null}. */
  static LocalDate parseDate(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int year = number(s, 0, 4);
    int month = number(s, 5, 2);
    int day = number(s, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null; // 2026-02-30: the full parser says why
    }
  }

  /** The {@code count} decimal digits at {@code from}, or -1 if one is not a digit. */
  private static int number(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void digits(char[] out, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
