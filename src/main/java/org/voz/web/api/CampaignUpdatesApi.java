package org.voz.web.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.conversation.SmsSegments;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.staff.StaffMember;
import org.voz.store.CampaignProgress;
import org.voz.store.CampaignStore;
import org.voz.web.ApiError;

/**
 * Closing the loop: {@code POST /api/v1/campaigns/{id}/updates} with {@code {"text": {"es": "…", "en": "…"}}}
 * sends a short "what we changed because of your feedback" message to everyone who answered the campaign,
 * anonymously or not, in their language (else the first language given). The list of who answered holds no
 * answer and the anonymous answers hold no id ({@link CampaignProgress}), so this reaches anonymous answerers
 * without linking them to what they said. Each message goes through the survivor's own commit and contact
 * window, on a safe channel, never to an opted-out or locked survivor. It reaches a phone someone else may read: write
 * it as neutrally as the nudge; it is refused over one SMS segment.
 */
public final class CampaignUpdatesApi {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignUpdatesApi.class);

  record Update(Map<String, String> text) {}

  private final CampaignStore campaigns;
  private final CampaignProgress progress;
  private final SurvivorUpdates updates;

  public CampaignUpdatesApi(CampaignStore campaigns, CampaignProgress progress, SurvivorUpdates updates) {
    this.campaigns = campaigns;
    this.progress = progress;
    this.updates = updates;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "publishCampaignUpdate").addHandler(this::publish);
  }

  private void publish(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    String id = ctx.pathParam("id");
    Update body = Requests.parse(ctx.body().asString(), Update.class);
    // the contract has checked that there is a text per language, none blank; one SMS segment each is checked here
    body.text().forEach((language, text) -> {
      if (SmsSegments.segments(text) != 1) {
        throw ApiError.badRequest("text." + language, "each text is one SMS segment, not empty");
      }
    });
    String fallback = body.text().values().iterator().next();
    campaigns.find(id)
        .compose(found -> found.isEmpty()
            ? Future.failedFuture(ApiError.notFound("no campaign with this id"))
            : progress.answerers(id))
        .compose(ids -> sendAll(ids, caller.id(), body.text(), fallback))
        .onSuccess(sent -> {
          LOG.info("campaign update published id={} by={} sent={}", id, caller.id(), sent);
          ctx.response().setStatusCode(202);
          ctx.json(new JsonObject().put("campaignId", id).put("queued", sent));
        })
        .onFailure(ctx::fail);
  }

  private Future<Integer> sendAll(List<String> ids, String staffId, Map<String, String> texts, String fallback) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (String survivorId : ids) {
      boolean[] sent = new boolean[1];
      chain = chain.compose(n -> updates.update(survivorId, staffId, state -> {
            sent[0] = !state.session().optedOut() && !state.session().locked();
            return new SurvivorUpdates.Change(state.survivor(), state.session(), List.of(),
                sent[0] ? texts.getOrDefault(state.survivor().language(), fallback) : null);
          })
          .map(s -> n + (sent[0] ? 1 : 0))
          .recover(e -> Future.succeededFuture(n)));
    }
    return chain;
  }
}
