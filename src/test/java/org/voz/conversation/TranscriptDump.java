package org.voz.conversation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** A helper for writing transcripts: {@code -Ddump=conversations/tests/x.yaml} prints what each turn really answers. */
@EnabledIfSystemProperty(named = "dump", matches = ".+")
class TranscriptDump {

  /** {@code -Ddump=a.yaml,b.yaml}: each file in turn. */
  @Test
  void dump() throws Exception {
    for (String file : System.getProperty("dump").split(",")) {
      dump(file.strip());
    }
  }

  private void dump(String file) throws Exception {
    Conversations conversations = Conversations.load(Path.of("conversations"));
    Engine engine = Transcript.engine(conversations);
    Transcript transcript = Transcript.read(Path.of(file));
    Session session = transcript.startSession(conversations, Instant.parse("2026-11-23T12:00:00Z"));
    SurvivorView view = transcript.view();
    Instant now = Instant.parse("2026-11-23T12:00:00Z");
    StringBuilder out = new StringBuilder();
    for (Transcript.Turn turn : transcript.turns()) {
      now = now.plus(turn.after());
      Transition t = engine.step(session, new Inbound(turn.send(), "sms", turn.media()), now, view, transcript.pin()::equals);
      out.append("  - send: \"").append(turn.send()).append("\"\n");
      if (!turn.after().equals(Duration.ofSeconds(30))) {
        out.append("    after: ").append(turn.after().toMinutes()).append("m\n");
      }
      if (turn.media()) {
        out.append("    media: true\n");
      }
      if (t.replies().isEmpty()) {
        out.append("    silent: true\n");
      }
      for (Effect.Reply r : t.replies()) {
        out.append("    expect: |\n");
        for (String line : r.text().split("\n", -1)) {
          out.append("      ").append(line).append("\n");
        }
        if (turn.choices() != null) {
          out.append("    choices: [").append(String.join(", ", r.buttons().stream().map(Choice::label).toList())).append("]\n");
        }
      }
      java.util.List<String> alerts = t.effects().stream().filter(Effect.RaiseAlert.class::isInstance)
          .map(e -> ((Effect.RaiseAlert) e).type()).toList();
      if (!alerts.isEmpty()) {
        out.append("    alerts: [").append(String.join(", ", alerts)).append("]\n");
      }
      java.util.List<Effect> others = t.effects().stream().filter(e -> !(e instanceof Effect.Reply)).toList();
      if (!others.isEmpty() && (turn.effects() != null || others.stream().anyMatch(e -> !(e instanceof Effect.RaiseAlert)))) {
        out.append("    effects:\n");
        for (Effect e : others) {
          java.util.Map<String, String> flat = new java.util.TreeMap<>(Transcript.flat(e));
          String kind = flat.remove("kind");
          out.append("      - ").append(kind).append(": {").append(flat.entrySet().stream()
              .map(x -> x.getKey() + ": \"" + x.getValue() + "\"").collect(java.util.stream.Collectors.joining(", ")))
              .append("}\n");
        }
      }
      session = t.session();
      view = TranscriptTest.applyChanges(view, t);
    }
    String original = java.nio.file.Files.readString(Path.of(file));
    String head = original.substring(0, original.indexOf("\nturns:") + "\nturns:\n".length());
    java.nio.file.Files.writeString(Path.of(file), head + out);
  }
}
