package org.voz.web.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Map;
import org.voz.service.campaigns.CampaignUpdates;

/**
 * Closing the loop: {@code POST /api/v1/campaigns/{id}/updates} with {@code {"text": {"es": "…", "en": "…"}}}, a thin
 * handler over {@link CampaignUpdates} (who may, once per text, no links or numbers, linked answerers only; the phone
 * gets the neutral nudge, the text is read after the PIN). 202 when kept for the answerers, 200 when the same update
 * had been posted before (nothing done again).
 */
public final class CampaignUpdatesApi {

  record Update(Map<String, String> text, Boolean allowLinks) {}

  private final CampaignUpdates updates;

  public CampaignUpdatesApi(CampaignUpdates updates) {
    this.updates = updates;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "publishCampaignUpdate").addHandler(this::publish);
  }

  private void publish(RoutingContext ctx) {
    Update body = Requests.parse(ctx.body().asString(), Update.class);
    updates.publish(StaffAuth.member(ctx), ctx.pathParam("id"), body.text(), Boolean.TRUE.equals(body.allowLinks()))
        .onSuccess(published -> {
          ctx.response().setStatusCode(published.duplicate() ? 200 : 202);
          ctx.json(new JsonObject().put("campaignId", published.campaignId()).put("updateId", published.updateId())
              .put("queued", published.queued()).put("duplicate", published.duplicate()));
        })
        .onFailure(ctx::fail);
  }
}
