package org.voz.service.casework;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.voz.consent.Survivor;
import org.voz.conversation.Conversations;
import org.voz.conversation.Effect;
import org.voz.conversation.Session;
import org.voz.conversation.Text;
import org.voz.requests.FileRequest;
import org.voz.safety.WriteFirst;
import org.voz.service.ConversationNudge;
import org.voz.service.SurvivorState;

/**
 * What a survivor is told at a change of one of their requests: only that there is a new message
 * (the details only after the PIN), or the one-time link to their document. Sent within their contact
 * window like every message Voz writes first; never after STOP. The conversation is opened at the files
 * flow's PIN step, so the PIN is the answer and shows the requests, unless the survivor is in the middle
 * of a conversation or locked.
 */
public final class RequestMessages {

  static final String FLOW = "files";

  private final Conversations conversations;
  private final ConversationNudge nudge;
  private final String publicUrl;
  private final Duration documentLifetime;

  public RequestMessages(Conversations conversations, ConversationNudge nudge, String publicUrl, Duration documentLifetime) {
    this.conversations = conversations;
    this.nudge = nudge;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
    this.documentLifetime = documentLifetime;
  }

  public SurvivorUpdates.Change tell(SurvivorState state, Survivor updated, List<Effect> effects, FileRequest request,
      String linkToken) {
    Session s = state.session();
    if (s.optedOut()) {
      return new SurvivorUpdates.Change(updated, s, effects, null);
    }
    String text = linkToken == null
        ? conversations.systemText("request_news", s.language())
        : Text.fill(conversations.systemText("request_link", s.language()), Map.of(
            "link", link(linkToken), "days", String.valueOf(Math.max(1, documentLifetime.toDays()))));
    // news is Voz writing first (held back where the risk level says so); a document's link is the delivery the
    // survivor chose, sent by the case manager's own act (ready, or a document uploaded to a ready request)
    return new SurvivorUpdates.Change(updated, opened(s), effects, text,
        linkToken == null ? WriteFirst.Purpose.REQUEST_NOTICE : WriteFirst.Purpose.CASE_MANAGER);
  }

  /** The public address of a one-time link. */
  String link(String token) {
    return publicUrl + "/d/" + token;
  }

  /** The conversation opened at the files flow's PIN step, unless locked or in the middle of one. */
  private Session opened(Session s) {
    Session opened = nudge.open(s, FLOW);
    return opened == null ? s : opened;
  }
}
