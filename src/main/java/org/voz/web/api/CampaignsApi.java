package org.voz.web.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.feedback.Campaign;
import org.voz.feedback.SurveyCatalog;
import org.voz.staff.StaffMember;
import org.voz.store.CampaignStore;
import org.voz.store.Json;
import org.voz.web.ApiError;

/** {@code POST /api/v1/campaigns}: a coordinator (or admin) creates a feedback campaign. */
public final class CampaignsApi {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignsApi.class);
  /** Results open when a campaign closes; without a closing time, 30 days after the start. */
  static final java.time.Duration DEFAULT_LENGTH = java.time.Duration.ofDays(30);

  record CohortBody(List<String> languages, List<String> programmes, String exitedFrom, String exitedTo) {}

  record QuietBody(String from, String to) {}

  record NewCampaign(String id, String surveyId, CohortBody cohort, String startAt, String closesAt, QuietBody quietHours) {}

  private final CampaignStore campaigns;
  private final SurveyCatalog surveys;
  private final Clock clock;
  private final org.voz.store.CampaignProgress progress;
  private final SecureRandom random = new SecureRandom();

  public CampaignsApi(CampaignStore campaigns, SurveyCatalog surveys, Clock clock) {
    this(campaigns, surveys, clock, null);
  }

  /** @param progress the campaigns' counters, shown by GET /api/v1/campaigns/{id}; null: not shown */
  public CampaignsApi(CampaignStore campaigns, SurveyCatalog surveys, Clock clock, org.voz.store.CampaignProgress progress) {
    this.progress = progress;
    this.campaigns = campaigns;
    this.surveys = surveys;
    this.clock = clock;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "createCampaign").addHandler(this::create);
    StaffContract.route(api, "showCampaign").addHandler(this::show);
  }

  /** The campaign and its progress: invited, delivered, started, completed (counts only). */
  private void show(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    campaigns.find(id)
        .compose(found -> found.isEmpty()
            ? Future.failedFuture(ApiError.notFound("no campaign with this id"))
            : (progress == null ? Future.succeededFuture(java.util.Map.<String, Long>of()) : progress.counters(id))
                .map(counts -> new JsonObject(Json.write(found.get())).put("progress", new JsonObject(new java.util.LinkedHashMap<>(counts)))))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    StaffMember caller = StaffAuth.member(ctx);
    NewCampaign body = Requests.parse(ctx.body().asString(), NewCampaign.class);
    Campaign campaign = campaign(body, caller);
    campaigns.create(campaign)
        .onSuccess(created -> {
          if (!created) {
            ApiError.send(ctx, 409, "conflict", "a campaign with this id exists", "id");
            return;
          }
          LOG.info("campaign created id={} survey={} by={}", campaign.id(), campaign.surveyId(), caller.id());
          ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/campaigns/" + campaign.id());
          ctx.json(new JsonObject(Json.write(campaign)));
        })
        .onFailure(ctx::fail);
  }

  private Campaign campaign(NewCampaign body, StaffMember caller) {
    String id = body.id() == null ? "cmp-" + HexFormat.of().formatHex(bytes()) : body.id();
    // the contract has checked the shape (codes, required fields, dates); what it cannot say is checked here
    require(surveys.find(body.surveyId()).isPresent(), "surveyId", "surveyId must name a known survey");
    Instant start = parse("startAt", () -> Instant.parse(body.startAt()));
    Instant closes = body.closesAt() == null ? start.plus(DEFAULT_LENGTH) : parse("closesAt", () -> Instant.parse(body.closesAt()));
    require(closes.isAfter(start), "closesAt", "closesAt must be after startAt");
    CohortBody c = body.cohort() == null ? new CohortBody(null, null, null, null) : body.cohort();
    LocalDate from = c.exitedFrom() == null ? null : LocalDate.parse(c.exitedFrom());
    LocalDate to = c.exitedTo() == null ? null : LocalDate.parse(c.exitedTo());
    require(from == null || to == null || !to.isBefore(from), "cohort.exitedTo", "exitedTo is before exitedFrom");
    QuietBody q = body.quietHours() == null ? new QuietBody("21:00", "08:00") : body.quietHours();
    Campaign.QuietHours quiet = new Campaign.QuietHours(parse("quietHours.from", () -> LocalTime.parse(q.from())),
        parse("quietHours.to", () -> LocalTime.parse(q.to())));
    return new Campaign(id, body.surveyId(), new Campaign.Cohort(c.languages(), c.programmes(), from, to), start, closes, quiet,
        caller.id(), clock.instant());
  }

  private byte[] bytes() {
    byte[] b = new byte[6];
    random.nextBytes(b);
    return b;
  }

  private static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw ApiError.badRequest(field, message);
    }
  }

  private static <T> T parse(String field, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(field, field + " cannot be read as a date or time");
    }
  }
}
