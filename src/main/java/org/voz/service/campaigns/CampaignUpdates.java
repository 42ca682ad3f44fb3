package org.voz.service.campaigns;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.conversation.SmsSegments;
import org.voz.feedback.Campaign;
import org.voz.feedback.Invitation;
import org.voz.feedback.LoopUpdate;
import org.voz.service.EffectWriter;
import org.voz.service.Refusal;
import org.voz.safety.WriteFirst;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.staff.StaffMember;
import org.voz.store.CampaignProgress;
import org.voz.store.CampaignStore;
import org.voz.store.CampaignUpdateLog;

/**
 * Closing the loop: a short "what we changed because of your feedback" message to the people who answered a
 * campaign with their name ("so they can reply"), in their language (else the first language given).
 *
 * <ul>
 *   <li>Only the coordinator who created the campaign, or an admin, publishes on it.</li>
 *   <li>An update is known by its texts ({@link LoopUpdate#id}): the same one posted again sends nothing, and each
 *       survivor's commit carries it as its dedupe id, so one resumed after a crash reaches nobody twice. A coordinator
 *       publishes at most {@code perCampaign} different updates on a campaign; an admin has no limit.</li>
 *   <li>The text reaches the phone before any PIN: one SMS segment, and no link or phone number (what a phishing text
 *       carries) unless an admin posts it with {@code linksAllowed}.</li>
 *   <li>Never to an anonymous answerer (anonymous means no path back to the person), nor to an opted-out or locked
 *       survivor; each message through the survivor's own commit, contact window and safe channel.</li>
 * </ul>
 */
public final class CampaignUpdates {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignUpdates.class);
  /** How long a post that is sending holds its update against a repeat (a sender that died lets the next post on). */
  private static final Duration SENDING_LEASE = Duration.ofMinutes(10);

  /**
   * What a post did.
   *
   * @param queued    the survivors it was queued for (0 for a duplicate)
   * @param duplicate the same update had been posted before: nothing was sent again
   */
  public record Published(String campaignId, String updateId, int queued, boolean duplicate) {}

  private final CampaignStore campaigns;
  private final CampaignProgress progress;
  private final CampaignUpdateLog log;
  private final SurvivorUpdates updates;
  private final int perCampaign;

  /** @param perCampaign the most different updates a coordinator may publish on one campaign */
  public CampaignUpdates(CampaignStore campaigns, CampaignProgress progress, CampaignUpdateLog log,
      SurvivorUpdates updates, int perCampaign) {
    this.campaigns = campaigns;
    this.progress = progress;
    this.log = log;
    this.updates = updates;
    this.perCampaign = perCampaign;
  }

  public Future<Published> publish(StaffMember caller, String campaignId, Map<String, String> texts, boolean linksAllowed) {
    boolean admin = caller.is(StaffMember.ADMIN);
    if (linksAllowed && !admin) {
      return Future.failedFuture(Refusal.forbidden("only an admin may allow links and phone numbers in an update"));
    }
    return campaigns.find(campaignId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(Refusal.notFound("no campaign with this id"));
      }
      Campaign campaign = found.get();
      if (!admin && !caller.id().equals(campaign.createdBy())) {
        return Future.failedFuture(Refusal.forbidden("only the coordinator who created the campaign, or an admin, "
            + "may tell its answerers what changed"));
      }
      LoopUpdate update = new LoopUpdate(campaignId, texts);
      var problem = update.problem(linksAllowed, SmsSegments::segments);
      if (problem.isPresent()) {
        return Future.failedFuture(Refusal.invalid(problem.get().language() == null ? "text"
            : "text." + problem.get().language(), problem.get().message()));
      }
      String id = update.id();
      return log.claim(campaignId, id, admin ? -1 : perCampaign, SENDING_LEASE).compose(claim -> switch (claim) {
        case DUPLICATE -> Future.succeededFuture(new Published(campaignId, id, 0, true));
        case LIMIT -> Future.failedFuture(new Refusal(Refusal.Kind.CONFLICT, "too_many_updates",
            "this campaign has had its " + perCampaign + " updates; an admin may publish more", null));
        case CLAIMED -> progress.answerers(campaignId)
            .compose(ids -> sendAll(ids, caller.id(), campaignId, id, texts))
            .compose(sent -> log.sent(campaignId, id).map(new Published(campaignId, id, sent, false)))
            .onSuccess(p -> LOG.info("campaign update published campaign={} update={} by={} queued={}", campaignId, id,
                caller.id(), p.queued()))
            // given back: posted again, it goes on where this one stopped (each survivor's commit is deduplicated)
            .recover(e -> log.release(campaignId, id).transform(v -> Future.failedFuture(e)));
      });
    });
  }

  private Future<Integer> sendAll(List<String> ids, String staffId, String campaignId, String updateId,
      Map<String, String> texts) {
    String fallback = texts.values().iterator().next();
    Future<Integer> chain = Future.succeededFuture(0);
    for (String survivorId : ids) {
      // the dedupe keys of a partition are shared by its survivors: the id names the survivor too
      String dedupe = "campaign-update:" + campaignId + ":" + updateId + ":" + survivorId;
      boolean[] sent = new boolean[1];
      chain = chain.compose(n -> updates.update(survivorId, EffectWriter.Actor.staff(staffId), dedupe, state -> {
            boolean linked = state.survivor().feedback().invitation(campaignId)
                .map(i -> Invitation.LINKED.equals(i.mode())).orElse(false);
            sent[0] = linked && !state.session().optedOut() && !state.session().locked();
            // a survivor whose risk level holds back what Voz writes first is not counted as sent
            sent[0] = sent[0] && updates.route(state.survivor(), WriteFirst.Purpose.UPDATE).isPresent();
            return new SurvivorUpdates.Change(state.survivor(), state.session(), List.of(),
                sent[0] ? texts.getOrDefault(state.survivor().language(), fallback) : null, WriteFirst.Purpose.UPDATE);
          })
          .map(s -> n + (sent[0] ? 1 : 0))
          .recover(e -> Future.succeededFuture(n)));
    }
    return chain;
  }
}
