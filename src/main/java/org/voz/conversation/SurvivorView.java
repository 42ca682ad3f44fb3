package org.voz.conversation;

import org.voz.consent.ConsentView;
import java.util.List;
import org.voz.feedback.LoopNews;
import org.voz.requests.FileRequest;

/**
 * What the engine may know about the survivor it talks to: loaded by the shell before each step.
 * An unknown sender has no view (see {@link Engine#unknownSender}).
 *
 * @param news the "what we changed" updates kept for them and not read yet, oldest first (shown by a
 *             {@code news} step once verified)
 */
public record SurvivorView(String survivorId, List<ConsentView> consents, List<FileRequest> requests,
    List<org.voz.feedback.Invitation> surveys, List<LoopNews> news) {
  public SurvivorView {
    consents = consents == null ? List.of() : List.copyOf(consents);
    requests = requests == null ? List.of() : List.copyOf(requests);
    surveys = surveys == null ? List.of() : List.copyOf(surveys);
    news = news == null ? List.of() : news.stream().filter(n -> !n.seen()).toList();
  }

  /** A survivor without updates to read. */
  public SurvivorView(String survivorId, List<ConsentView> consents, List<FileRequest> requests,
      List<org.voz.feedback.Invitation> surveys) {
    this(survivorId, consents, requests, surveys, List.of());
  }

  /** A survivor without survey invitations. */
  public SurvivorView(String survivorId, List<ConsentView> consents, List<FileRequest> requests) {
    this(survivorId, consents, requests, List.of());
  }

  /** A survivor without file requests or survey invitations. */
  public SurvivorView(String survivorId, List<ConsentView> consents) {
    this(survivorId, consents, List.of(), List.of());
  }
}
