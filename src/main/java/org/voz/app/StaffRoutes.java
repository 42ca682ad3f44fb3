package org.voz.app;

import org.voz.service.ConversationNudge;
import io.vertx.ext.web.Router;
import org.voz.feedback.Aggregator;
import org.voz.feedback.Redactor;
import org.voz.feedback.SurveyCatalog;
import org.voz.staff.AlertsApi;
import org.voz.staff.CampaignResultsApi;
import org.voz.staff.CampaignsApi;
import org.voz.staff.CaseworkApi;
import org.voz.staff.StaffApi;
import org.voz.staff.StaffAuth;
import org.voz.store.AlertRepository;
import org.voz.store.CampaignStore;
import org.voz.store.FeedbackStore;
import org.voz.store.LedgerReader;

/** The staff API under {@code /api/v1}: every route behind the bearer-token check. */
final class StaffRoutes {

  private final StaffAuth auth;
  private final StaffApi staff;
  private final CaseworkApi casework;
  private final AlertsApi alerts;
  private final CampaignsApi campaigns;
  private final CampaignResultsApi results;
  private final org.voz.staff.CampaignUpdatesApi campaignUpdates;

  StaffRoutes(Services s, String adminToken) {
    Config config = s.config();
    this.auth = new StaffAuth(adminToken, s.staff());
    this.staff = new StaffApi(s.vertx(), s.staff(), s.survivors(), s.updates(), s.links(), s.pins(),
        s.conversations().languages(), config.telegram().botUsername(), config.telegram().linkTtl(), s.clock(),
        new org.voz.store.FeedbackCohort(s.redis(), s.keys()));
    this.casework = new CaseworkApi(s.vertx(), s.updates(), s.survivors(), new LedgerReader(s.sessions(), s.keys(), s.keyring()),
        s.pins(), new ConversationNudge(s.conversations(), s.clock(), config.conversation().idleTimeout()), s.clock());
    this.alerts = new AlertsApi(new AlertRepository(s.redis(), s.keys(), s.keyring()), s.clock());
    SurveyCatalog surveys = new SurveyCatalog(s.conversations().surveys());
    CampaignStore campaignStore = new CampaignStore(s.redis(), s.keys(), s.keyring());
    org.voz.store.CampaignProgress progress = new org.voz.store.CampaignProgress(s.redis(), s.keys(), s.keyring());
    this.campaigns = new CampaignsApi(campaignStore, surveys, s.clock(), progress);
    this.campaignUpdates = new org.voz.staff.CampaignUpdatesApi(campaignStore, progress, s.updates());
    this.results = new CampaignResultsApi(campaignStore, new FeedbackStore(s.redis(), s.keys(), s.keyring()), surveys,
        new Aggregator(Aggregator.DEFAULT_K, new Redactor(), config.feedback().safeguarding().matcher()), s.clock());
  }

  void mount(Router router) {
    router.route("/api/v1/*").handler(auth::authenticate);
    staff.mount(router);
    casework.mount(router);
    alerts.mount(router);
    campaigns.mount(router);
    results.mount(router);
    campaignUpdates.mount(router);
  }
}
