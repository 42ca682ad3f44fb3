package org.voz.conversation;

import java.util.List;

/**
 * What the engine may know about the survivor it talks to: loaded by the shell before each step.
 * An unknown sender has no view (see {@link Engine#unknownSender}).
 */
public record SurvivorView(String survivorId, List<ConsentView> consents, List<org.voz.feedback.Invitation> surveys) {

  public SurvivorView(String survivorId, List<ConsentView> consents) {
    this(survivorId, consents, List.of());
  }

  public SurvivorView {
    consents = consents == null ? List.of() : List.copyOf(consents);
    surveys = surveys == null ? List.of() : List.copyOf(surveys);
  }
}
