package org.voz.service.inbound;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.feedback.Answer;
import org.voz.feedback.Invitation;
import org.voz.store.CampaignProgress;
import org.voz.store.FeedbackStore;

/**
 * What a transition's feedback effects write outside the survivor's commit, before it: each answer into the
 * campaign's store ({@link FeedbackStore#record}: an anonymous one without the survivor id) and an escalation
 * for a sensitive one; the campaign's started/completed counters only after it ({@link #count}). Written
 * before the commit so that a crash in between is repaired by the channel's retry: recording is idempotent per survivor and question, and so is
 * an escalation (raised on every write of a sensitive answer, queued once). Nothing here is logged.
 */
public final class FeedbackEffects {

  private final FeedbackStore answers;
  private final Escalations escalations;
  private final CampaignProgress progress;

  public FeedbackEffects(FeedbackStore answers, Escalations escalations, CampaignProgress progress) {
    this.answers = answers;
    this.escalations = escalations;
    this.progress = progress;
  }

  public Future<Void> write(Survivor survivor, List<Effect> effects) {
    List<Future<?>> writes = new ArrayList<>();
    // who may be told what changed: those who answered with their name ("so they can reply"), never an anonymous
    // answerer (anonymous means no path back to the person)
    effects.stream().filter(Effect.FeedbackAnswered.class::isInstance).map(e -> ((Effect.FeedbackAnswered) e).answer())
        .filter(answer -> !answer.anonymous()).findFirst()
        .ifPresent(answer -> writes.add(progress.answered(answer.campaignId(), survivor.id())));
    for (Effect effect : effects) {
      if (effect instanceof Effect.FeedbackAnswered answered) {
        Answer answer = withProfile(answered.answer(), survivor);
        // raised on every write, not only a new one: a retry after a failed raise must still raise it, and a
        // repeat is a no-op (Escalations#raise is idempotent)
        writes.add(answers.record(survivor.id(), answer).compose(stored -> escalations.escalates(answer)
            ? escalations.raise(answer, survivor)
            : Future.succeededFuture()));
      } else if (effect instanceof Effect.Complaint complaint) {
        // a complaint from the menu: to the safeguarding lead only, written before the commit like an answer
        writes.add(escalations.complaint(complaint, survivor));
      }
    }
    return Future.all(writes).mapEmpty();
  }

  /**
   * The campaign's started/completed counters for a transition that was committed: only then, once (a retried
   * webhook is a DUPLICATE, a re-run after a conflict counts only the transition that won). {@code before} is
   * the survivor as the engine saw them. A failure here loses a count, never doubles one.
   */
  Future<Void> count(Survivor before, List<Effect> effects) {
    List<Future<?>> writes = new ArrayList<>();
    java.util.Map<String, String> status = new java.util.HashMap<>();
    before.feedback().invitations().forEach(i -> status.put(i.campaignId(), i.status()));
    for (Effect effect : effects) {
      if (effect instanceof Effect.SurveyProgress moved) {
        Invitation now = moved.invitation();
        String was = status.getOrDefault(now.campaignId(), Invitation.INVITED);
        status.put(now.campaignId(), now.status());
        if (!was.equals(now.status())) {
          if (was.equals(Invitation.INVITED)) {
            writes.add(progress.count(now.campaignId(), Invitation.STARTED));
          }
          if (now.status().equals(Invitation.COMPLETED)) {
            writes.add(progress.count(now.campaignId(), Invitation.COMPLETED));
          }
        }
      }
    }
    return Future.all(writes).mapEmpty();
  }

  /** The coarse facts of the survivor's record (programme, exit quarter) the engine does not know. */
  private static Answer withProfile(Answer answer, Survivor survivor) {
    return new Answer(answer.campaignId(), answer.questionId(), answer.survivorId(),
        survivor.feedback().profile(answer.profile().language()), answer.skipped(), answer.values(), answer.text(),
        answer.shareText());
  }
}
