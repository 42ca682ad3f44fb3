package org.voz.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.voz.conversation.Session;
import org.voz.crypto.Sealer;

/**
 * The sealed {@code blob} of a survivor's session hash, kept small because every survivor who ever wrote
 * has one: a JSON array in a fixed order, no field names, no version (the hash's {@code v} holds it),
 * then sealed (AES-GCM) like every value at rest:
 * {@code [2, language, flow, step, flags, pinFailures, invalidCount, lastActivity ms or null, turns, {vars}]}
 * with flags = verified 1 | locked 2 | optedOut 4. Sessions stored before this layout (a JSON object) are
 * still read.
 */
public final class SessionCodec {

  private static final int LAYOUT = 2;
  private static final int VERIFIED = 1;
  private static final int LOCKED = 2;
  private static final int OPTED_OUT = 4;

  private SessionCodec() {}

  /** The sealed blob of {@code survivorId}'s {@code session}. */
  public static String seal(Sealer sealer, String survivorId, Session session) {
    return sealer.seal(Aad.session(survivorId), encode(session));
  }

  /** The session of {@code survivorId} sealed in {@code blob}, at {@code version} (the hash's {@code v}). */
  public static Session open(Sealer sealer, String survivorId, String blob, long version) {
    return decode(sealer.open(Aad.session(survivorId), blob), version);
  }

  static String encode(Session s) {
    StringWriter out = new StringWriter(96);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartArray();
      g.writeNumber(LAYOUT);
      g.writeString(s.language());
      g.writeString(s.flow());
      g.writeString(s.step());
      g.writeNumber((s.verified() ? VERIFIED : 0) | (s.locked() ? LOCKED : 0) | (s.optedOut() ? OPTED_OUT : 0));
      g.writeNumber(s.pinFailures());
      g.writeNumber(s.invalidCount());
      if (s.lastActivity() == null) {
        g.writeNull();
      } else {
        g.writeNumber(s.lastActivity().toEpochMilli());
      }
      g.writeNumber(s.turns());
      g.writeStartObject();
      for (Map.Entry<String, String> e : s.vars().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a session", e);
    }
    return out.toString();
  }

  static Session decode(String text, long version) {
    if (text.startsWith("{")) { // the first layout: the record as a JSON object
      Session s = Json.read(text, Session.class);
      return new Session(version, s.language(), s.flow(), s.step(), s.verified(), s.pinFailures(), s.locked(),
          s.optedOut(), s.invalidCount(), s.lastActivity(), s.turns(), s.vars());
    }
    try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
      expect(p, JsonToken.START_ARRAY);
      int layout = nextInt(p);
      if (layout != LAYOUT) {
        throw new IllegalStateException("unknown session layout " + layout);
      }
      String language = nextString(p);
      String flow = nextString(p);
      String step = nextString(p);
      int flags = nextInt(p);
      int pinFailures = nextInt(p);
      int invalidCount = nextInt(p);
      Instant lastActivity = p.nextToken() == JsonToken.VALUE_NULL ? null : Instant.ofEpochMilli(p.getLongValue());
      long turns = p.nextToken() == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : fail("turns");
      expect(p, JsonToken.START_OBJECT);
      Map<String, String> vars = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        vars.put(name, nextString(p));
      }
      expect(p, JsonToken.END_ARRAY);
      return new Session(version, language, flow, step, (flags & VERIFIED) != 0, pinFailures, (flags & LOCKED) != 0,
          (flags & OPTED_OUT) != 0, invalidCount, lastActivity, turns, vars);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read a stored session", e);
    }
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    if (p.nextToken() != token) {
      fail("expected " + token);
    }
  }

  private static int nextInt(JsonParser p) throws IOException {
    return p.nextToken() == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : (int) fail("a number");
  }

  private static String nextString(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    return t == JsonToken.VALUE_NULL ? null : t == JsonToken.VALUE_STRING ? p.getText() : failString();
  }

  private static String failString() {
    fail("a string");
    return null;
  }

  private static long fail(String what) {
    throw new IllegalStateException("malformed stored session: " + what);
  }
}
