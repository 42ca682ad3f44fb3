package org.voz.conversation;

import org.voz.consent.ConsentView;
import java.util.List;
import org.voz.feedback.LoopNews;
import org.voz.requests.FileRequest;
import org.voz.safety.RiskPolicy;

/**
 * What the engine may know about the survivor it talks to: loaded by the shell before each step.
 * An unknown sender has no view (see {@link Engine#unknownSender}).
 *
 * @param news   the "what we changed" updates kept for them and not read yet, oldest first (shown by a
 *               {@code news} step once verified)
 * @param policy what the survivor's risk level changes in the conversation (its idle timeout, whether a survey ends
 *               with the co-design invitation); the shell picks it from the record's level
 * @param minor  whether the survivor is a minor today (the shell decides it from their date of birth): a consent they
 *               grant waits for their representative ({@code pending_representative}); revoking never waits
 * @param erasureRefusal the reason their case manager gave for refusing their erasure request, when they were not told
 *               yet (shown by an {@code erasure_news} step once verified); {@code null}: nothing to tell
 */
public record SurvivorView(String survivorId, List<ConsentView> consents, List<FileRequest> requests,
    List<org.voz.feedback.Invitation> surveys, List<LoopNews> news, RiskPolicy policy, boolean minor,
    String erasureRefusal) {
  public SurvivorView {
    consents = consents == null ? List.of() : List.copyOf(consents);
    requests = requests == null ? List.of() : List.copyOf(requests);
    surveys = surveys == null ? List.of() : List.copyOf(surveys);
    news = news == null ? List.of() : news.stream().filter(n -> !n.seen()).toList();
    policy = policy == null ? RiskPolicy.LOW : policy;
  }

  /**
   * An adult survivor with {@code consents} and nothing else to show, at the low risk level; the {@code with…} methods
   * add the rest.
   */
  public static SurvivorView of(String survivorId, List<ConsentView> consents) {
    return new SurvivorView(survivorId, consents, List.of(), List.of(), List.of(), RiskPolicy.LOW, false, null);
  }

  public SurvivorView withRequests(List<FileRequest> newRequests) {
    return new SurvivorView(survivorId, consents, newRequests, surveys, news, policy, minor, erasureRefusal);
  }

  public SurvivorView withSurveys(List<org.voz.feedback.Invitation> newSurveys) {
    return new SurvivorView(survivorId, consents, requests, newSurveys, news, policy, minor, erasureRefusal);
  }

  public SurvivorView withNews(List<LoopNews> newNews) {
    return new SurvivorView(survivorId, consents, requests, surveys, newNews, policy, minor, erasureRefusal);
  }

  public SurvivorView withPolicy(RiskPolicy newPolicy) {
    return new SurvivorView(survivorId, consents, requests, surveys, news, newPolicy, minor, erasureRefusal);
  }

  public SurvivorView withMinor(boolean isMinor) {
    return new SurvivorView(survivorId, consents, requests, surveys, news, policy, isMinor, erasureRefusal);
  }

  public SurvivorView withErasureRefusal(String reason) {
    return new SurvivorView(survivorId, consents, requests, surveys, news, policy, minor, reason);
  }

  /** The same survivor with nothing personal to show (under the duress PIN), under the same policy. */
  public SurvivorView emptied() {
    return new SurvivorView(survivorId, List.of(), List.of(), List.of(), List.of(), policy, minor, null);
  }
}
