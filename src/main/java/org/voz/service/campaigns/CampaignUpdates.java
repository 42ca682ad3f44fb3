package org.voz.service.campaigns;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.conversation.Session;
import org.voz.conversation.SmsSegments;
import org.voz.feedback.Campaign;
import org.voz.feedback.Invitation;
import org.voz.feedback.LoopNews;
import org.voz.feedback.LoopUpdate;
import org.voz.feedback.Participation;
import org.voz.service.ConversationNudge;
import org.voz.service.EffectWriter;
import org.voz.service.Refusal;
import org.voz.safety.WriteFirst;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.staff.StaffMember;
import org.voz.store.CampaignProgress;
import org.voz.store.CampaignStore;
import org.voz.store.CampaignUpdateLog;

/**
 * Closing the loop: a short "what we changed because of your feedback" message for the people who answered a
 * campaign with their name ("so they can reply"), read in the conversation after their PIN.
 *
 * <ul>
 *   <li>Only the coordinator who created the campaign, or an admin, publishes on it.</li>
 *   <li>An update is known by its texts ({@link LoopUpdate#id}): the same one posted again does nothing, and each
 *       survivor's commit carries it as its dedupe id (and their record keeps its id once read), so one resumed after
 *       a crash reaches nobody twice. A coordinator publishes at most {@code perCampaign} different updates on a
 *       campaign; an admin has no limit.</li>
 *   <li>The phone gets only the neutral nudge ({@link ConversationNudge}: "You have a new message. Reply with your PIN
 *       to read it."), in the survivor's contact hours, on their safe channel, under the WhatsApp window's rules, as
 *       every message Voz writes first; someone in the middle of a conversation gets none (they read it when they
 *       are next back at the menu, or after their next PIN). The text itself is kept in their record, sealed with
 *       it ({@link LoopNews}, in the languages the conversations speak, the first given as the fallback), and the
 *       main flow's {@code news} step says it once after the PIN, then marks it read. Each text is at most
 *       {@value LoopUpdate#MAX_SEGMENTS} SMS segments, and holds no link or phone number (what a phishing text
 *       carries) unless an admin posts it with {@code linksAllowed}.</li>
 *   <li>Never for an anonymous answerer (anonymous means no path back to the person), nor for an opted-out or locked
 *       survivor; each through the survivor's own version-checked commit.</li>
 * </ul>
 */
public final class CampaignUpdates {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignUpdates.class);
  /** How long a post that is sending holds its update against a repeat (a sender that died lets the next post on). */
  private static final Duration SENDING_LEASE = Duration.ofMinutes(10);

  /**
   * What a post did.
   *
   * @param queued    the survivors it was kept for, to read after their PIN (0 for a duplicate)
   * @param duplicate the same update had been posted before: nothing was sent again
   */
  public record Published(String campaignId, String updateId, int queued, boolean duplicate) {}

  private final CampaignStore campaigns;
  private final CampaignProgress progress;
  private final CampaignUpdateLog log;
  private final SurvivorUpdates updates;
  private final ConversationNudge nudge;
  private final Set<String> languages;
  private final int perCampaign;

  /**
   * @param nudge       the neutral nudge every message Voz writes first is
   * @param languages   the languages the conversations speak: the texts kept for a survivor (others are never shown)
   * @param perCampaign the most different updates a coordinator may publish on one campaign
   */
  public CampaignUpdates(CampaignStore campaigns, CampaignProgress progress, CampaignUpdateLog log,
      SurvivorUpdates updates, ConversationNudge nudge, List<String> languages, int perCampaign) {
    this.campaigns = campaigns;
    this.progress = progress;
    this.log = log;
    this.updates = updates;
    this.nudge = nudge;
    this.languages = Set.copyOf(languages);
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

  /**
   * Keeps the update for each linked answerer (through their own commit, deduplicated by the update and the survivor)
   * and queues their nudge; completes with how many it was kept for. A survivor whose commit fails is left out (posted
   * again, the update goes on where this one stopped).
   */
  private Future<Integer> sendAll(List<String> ids, String staffId, String campaignId, String updateId,
      Map<String, String> texts) {
    String fallback = texts.keySet().iterator().next();
    Map<String, String> kept = new LinkedHashMap<>();
    kept.put(fallback, texts.get(fallback));
    texts.forEach((language, text) -> {
      if (languages.contains(language)) {
        kept.put(language, text);
      }
    });
    LoopNews news = LoopNews.unread(campaignId, updateId, kept, fallback);
    Future<Integer> chain = Future.succeededFuture(0);
    for (String survivorId : ids) {
      // the dedupe keys of a partition are shared by its survivors: the id names the survivor too
      String dedupe = "campaign-update:" + campaignId + ":" + updateId + ":" + survivorId;
      boolean[] sent = new boolean[1];
      chain = chain.compose(n -> updates.update(survivorId, EffectWriter.Actor.staff(staffId), dedupe, state -> {
            sent[0] = false;
            Survivor survivor = state.survivor();
            Participation feedback = survivor.feedback();
            boolean linked = feedback.invitation(campaignId).map(i -> Invitation.LINKED.equals(i.mode())).orElse(false);
            if (!linked || state.session().optedOut() || state.session().locked()
                || feedback.hasNews(campaignId, updateId)) {
              return new SurvivorUpdates.Change(survivor, state.session(), List.of(), null);
            }
            sent[0] = true;
            Survivor keeping = survivor.withFeedback(feedback.withNews(news));
            // in the middle of a conversation: no nudge; the news step says it at their next pass by the menu
            Session opened = nudge.open(state.session());
            // its nudge is Voz writing first: held back where the survivor's risk level says so (the update is kept
            // all the same, and said after their next PIN)
            return opened == null
                ? new SurvivorUpdates.Change(keeping, state.session(), List.of(), null)
                : new SurvivorUpdates.Change(keeping, opened, List.of(), nudge.text(opened.language()),
                    WriteFirst.Purpose.UPDATE);
          })
          .map(s -> n + (sent[0] ? 1 : 0))
          .recover(e -> {
            LOG.warn("campaign update not kept campaign={} update={} survivor={} error={}", campaignId, updateId,
                survivorId, e.getClass().getSimpleName());
            return Future.succeededFuture(n);
          }));
    }
    return chain;
  }
}
