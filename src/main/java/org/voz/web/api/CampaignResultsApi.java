package org.voz.web.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import org.voz.feedback.Aggregator;
import org.voz.feedback.Cell;
import org.voz.feedback.CsvReport;
import org.voz.feedback.Filter;
import org.voz.feedback.QuestionResult;
import org.voz.feedback.Results;
import org.voz.feedback.Survey;
import org.voz.feedback.SurveyCatalog;
import org.voz.feedback.SvgChart;
import org.voz.store.CampaignStore;
import org.voz.store.FeedbackStore;
import org.voz.web.ApiError;

/**
 * A campaign's results for coordinators and admins: JSON, CSV and an SVG chart per question, all computed
 * from the stored answers with the {@link Aggregator}'s suppression, once the campaign has closed (409 before);
 * the first reading freezes the answer set ({@link FeedbackStore#released}), so later readings cannot differ. Filters: {@code ?language=},
 * {@code ?programme=}, {@code ?exitPeriod=2025-Q3}. No survivor id ever leaves the store through here.
 */
public final class CampaignResultsApi {

  private final CampaignStore campaigns;
  private final FeedbackStore answers;
  private final SurveyCatalog surveys;
  private final Aggregator aggregator;
  private final Clock clock;

  public CampaignResultsApi(CampaignStore campaigns, FeedbackStore answers, SurveyCatalog surveys, Aggregator aggregator,
      Clock clock) {
    this.clock = clock;
    this.campaigns = campaigns;
    this.answers = answers;
    this.surveys = surveys;
    this.aggregator = aggregator;
  }

  /** Binds the operations of the contract this API implements (authentication and roles come first). */
  public void bind(RouterBuilder api) {
    StaffContract.route(api, "campaignResults").addHandler(this::json);
    StaffContract.route(api, "campaignResultsCsv").addHandler(this::csv);
    StaffContract.route(api, "campaignQuestionChart").addHandler(this::svg);
  }

  private void json(RoutingContext ctx) {
    results(ctx).onSuccess(r -> ctx.json(toJson(r))).onFailure(ctx::fail);
  }

  private void csv(RoutingContext ctx) {
    results(ctx).onSuccess(r -> ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"" + r.campaignId() + "-results.csv\"")
            .end(CsvReport.render(r)))
        .onFailure(ctx::fail);
  }

  private void svg(RoutingContext ctx) {
    String questionId = ctx.pathParam("q");
    results(ctx)
        .map(r -> SvgChart.render(questionId, r.questions().stream().filter(x -> x.questionId().equals(questionId))
            .findFirst().orElseThrow(() -> ApiError.notFound("no question with this id in the campaign's survey")), r.k()))
        .onSuccess(svg -> ctx.response().putHeader("Content-Type", "image/svg+xml; charset=utf-8")
            .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                + org.voz.web.SecurityHeaders.FRAME_ANCESTORS)
            .end(svg))
        .onFailure(ctx::fail);
  }

  private Future<Results> results(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Filter filter = new Filter(ctx.queryParams().get("language"), ctx.queryParams().get("programme"),
        ctx.queryParams().get("exitPeriod"));
    return campaigns.find(id).compose(found -> {
      if (found.isEmpty()) {
        throw ApiError.notFound("no campaign with this id");
      }
      if (!found.get().closed(clock.instant())) {
        throw new ApiError(409, "not_closed", "results open when the campaign closes, at " + found.get().closesAt()
            + ": figures read while answers arrive would show each new answer", null);
      }
      Survey survey = surveys.find(found.get().surveyId())
          .orElseThrow(() -> ApiError.notFound("the campaign's survey is no longer available"));
      return answers.released(id).map(list -> aggregator.results(id, survey, list, filter));
    });
  }

  static JsonObject toJson(Results r) {
    JsonArray questions = new JsonArray();
    for (QuestionResult q : r.questions()) {
      JsonArray cells = new JsonArray();
      for (Cell c : q.cells()) {
        cells.add(new JsonObject().put("option", c.option()).put("count", c.count()).put("display", c.display(r.k()))
            .put("suppressed", c.suppressed()));
      }
      JsonObject json = new JsonObject().put("id", q.questionId()).put("type", q.type())
          .put("total", q.total()).put("totalDisplay", q.totalDisplay(r.k())).put("cells", cells)
          .put("mean", q.mean()).put("texts", new JsonArray(q.texts()));
      if (q.withheld() != null) {
        json.put("withheld", q.withheld());
      }
      questions.add(json);
    }
    JsonObject filter = new JsonObject();
    r.filter().constraints().forEach((d, v) -> filter.put(switch (d) {
      case LANGUAGE -> "language";
      case PROGRAMME -> "programme";
      case EXIT_PERIOD -> "exitPeriod";
    }, v));
    return new JsonObject().put("campaign", r.campaignId()).put("k", r.k()).put("filter", filter)
        .put("legend", r.legend()).put("questions", questions);
  }
}
