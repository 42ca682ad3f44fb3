package org.voz.conversation;

import java.util.List;
import org.voz.requests.FileRequest;

/**
 * What the engine may know about the survivor it talks to: loaded by the shell before each step.
 * An unknown sender has no view (see {@link Engine#unknownSender}).
 */
public record SurvivorView(String survivorId, List<ConsentView> consents, List<FileRequest> requests) {
  public SurvivorView {
    consents = consents == null ? List.of() : List.copyOf(consents);
    requests = requests == null ? List.of() : List.copyOf(requests);
  }

  /** A survivor without file requests. */
  public SurvivorView(String survivorId, List<ConsentView> consents) {
    this(survivorId, consents, List.of());
  }
}
