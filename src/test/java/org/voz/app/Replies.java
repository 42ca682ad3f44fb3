package org.voz.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.voz.conversation.Conversations;
import org.voz.conversation.Engine;
import org.voz.conversation.Inbound;
import org.voz.conversation.Session;
import org.voz.conversation.SurvivorView;

/** What the conversation engine answers, worked out apart from the service, to compare with what it sent. */
final class Replies {

  private static final Engine ENGINE = new Engine(Conversations.load(Path.of("conversations")), Engine.Options.DEFAULTS);

  private Replies() {}

  /** The first reply of a fresh conversation in {@code language} to {@code text} (over SMS). */
  static String first(String language, String text) {
    return ENGINE.step(Session.fresh(language), Inbound.text(text, "sms"), Instant.now(),
        SurvivorView.of("x", List.of()), pin -> false).replies().get(0).text();
  }

  /** The neutral answer to an unknown sender's {@code text} (over SMS). */
  static String unknownSender(String text) {
    return ENGINE.unknownSender(Inbound.text(text, "sms"), Instant.now()).replies().get(0).text();
  }
}
