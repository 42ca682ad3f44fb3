package org.voz.conversation;

import java.util.List;
import java.util.Objects;

/** The result of one engine step: the new session and what to do. */
public record Transition(Session session, List<Effect> effects) {
  public Transition {
    Objects.requireNonNull(session, "session");
    effects = effects == null ? List.of() : List.copyOf(effects);
  }

  public List<Effect.Reply> replies() {
    return effects.stream()
        .filter(Effect.Reply.class::isInstance)
        .map(Effect.Reply.class::cast)
        .toList();
  }
}
