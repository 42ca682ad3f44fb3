package org.voz.app;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.List;
import org.voz.crypto.PasswordHasher;
import org.voz.feedback.Aggregator;
import org.voz.feedback.Redactor;
import org.voz.feedback.SurveyCatalog;
import org.voz.service.ConversationNudge;
import org.voz.service.casework.Enrolment;
import org.voz.service.casework.FileRequestWork;
import org.voz.service.casework.SurvivorRecords;
import org.voz.service.casework.RequestMessages;
import org.voz.service.staff.AlertEmails;
import org.voz.service.staff.AlertInbox;
import org.voz.service.staff.InboxFlags;
import org.voz.service.staff.LiveAlerts;
import org.voz.store.AlertEmailSettings;
import org.voz.store.DeadLetters;
import org.voz.service.staff.ConsoleAccounts;
import org.voz.store.AccessLog;
import org.voz.service.staff.StaffAdmin;
import org.voz.store.ConsoleAudit;
import org.voz.store.AlertRepository;
import org.voz.store.CampaignStore;
import org.voz.store.ConsoleSessions;
import org.voz.store.DocumentStore;
import org.voz.store.FeedbackCohort;
import org.voz.store.FeedbackStore;
import org.voz.store.LedgerReader;
import org.voz.store.RequestIndex;
import org.voz.store.StaffCredentials;
import org.voz.store.TelegramLinks;
import org.voz.web.api.AlertsApi;
import org.voz.web.api.CampaignResultsApi;
import org.voz.web.api.CampaignsApi;
import org.voz.web.api.CaseworkApi;
import org.voz.web.api.ContractErrors;
import org.voz.web.api.JsonBodies;
import org.voz.web.api.RequestsApi;
import org.voz.web.api.StaffAccountsApi;
import org.voz.web.api.StaffApi;
import org.voz.web.api.StaffAuth;
import org.voz.web.api.StaffContract;
import org.voz.web.console.CaseworkPages;
import org.voz.web.console.ConsoleRoutes;
import org.voz.web.console.SingleSignOn;

/**
 * The staff console under {@code /console} ({@link ConsoleRoutes}) and the staff API under {@code /api/v1}, routed and validated from the OpenAPI contract ({@link StaffContract}):
 * every route behind the bearer-token check, then the roles the operation's security requirement names, then
 * the contract's validation of parameters and body (a refusal is the usual 400 naming the field), then the
 * handler bound to the operationId.
 */
final class StaffRoutes {

  private static final String PREFIX = "/api/v1/";

  private final Services services;
  private final StaffAuth auth;
  private final org.voz.web.AuthThrottle throttle;
  private final StaffApi staff;
  private final CaseworkApi casework;
  private final AlertsApi alerts;
  private final CampaignsApi campaigns;
  private final CampaignResultsApi results;
  private final org.voz.web.api.CampaignUpdatesApi campaignUpdates;
  private final RequestsApi requests;
  private final org.voz.web.api.RecordsApi records;
  private final org.voz.web.api.LabelsApi labels;
  private final ConsoleAccounts accounts;
  private final StaffAccountsApi staffAccounts;
  private final ConsoleRoutes console;
  private OpenAPIContract contract;
  private final LiveAlerts live;

  StaffRoutes(Services s, String adminToken) {
    this.services = s;
    Config config = s.config();
    this.auth = new StaffAuth(adminToken, s.staff());
    Config.Throttle t = config.throttle();
    this.throttle = new org.voz.web.AuthThrottle(t.authFailures(), t.authWindow(), t.authMaxBlock(), s.clock(),
        s.metrics(), address -> s.keyring().addressHash("client", address).substring(0, 16),
        config.console().clientAddressHeader());
    Config.Console c = config.console();
    StaffCredentials credentials = new StaffCredentials(s.redis(), s.keys(), s.keyring());
    ConsoleAudit audit = new ConsoleAudit(s.redis(), s.keys(), c.auditMaxEvents());
    this.accounts = new ConsoleAccounts(s.vertx(), s.staff(), credentials, new PasswordHasher(c.passwordIterations()),
        s.clock(), new ConsoleAccounts.Options(c.inviteTtl(), c.maxFailures(), c.maxFailuresPerAddress(), c.lockout(),
            ConsoleAccounts.Options.DEFAULTS.slowdownStep()), audit, s.keyring());
    StaffAdmin admin = new StaffAdmin(s.staff(), credentials, accounts, audit, s.clock());
    this.staffAccounts = new StaffAccountsApi(admin, config.http().publicUrl());
    AlertRepository alertRepository = new AlertRepository(s.redis(), s.keys(), s.keyring());
    AlertInbox inbox = new AlertInbox(alertRepository, new org.voz.store.HandledAlerts(s.redis(), s.keys(), s.survivors()),
        s.clock());
    this.live = new LiveAlerts(alertRepository, config.inbox().maxStreamsPerSession());
    SingleSignOn signOn = c.sso().enabled()
        ? new SingleSignOn(s.vertx(), c.sso(), config.http().publicUrl(), s.clock()) : null;
    this.console = new ConsoleRoutes(s.staff(), new ConsoleSessions(s.redis(), s.keys(), s.keyring(), c.idleTimeout()),
        accounts, inbox, new ConsoleRoutes.Inbox(
            new InboxFlags(new RequestIndex(s.redis(), s.keys()), s.survivors(), new DeadLetters(s.redis(), s.keys()),
                new org.voz.store.Undelivered(s.redis(), s.keys()), s.clock()),
            live, config.inbox().heartbeat(),
            new AlertEmails(new AlertEmailSettings(s.redis(), s.keys(), s.keyring()), config.mail().enabled())),
        config.production(),
        new ConsoleRoutes.Admin(admin, signOn, c.clientAddressHeader(), config.http().publicUrl()));
    org.voz.service.casework.ConsentCodes codes = new org.voz.service.casework.ConsentCodes(
        s.conversations()::labelled, config.production());
    Enrolment enrolment = new Enrolment(s.vertx(), s.staff(), s.survivors(), s.pins(), s.updates(),
        new FeedbackCohort(s.redis(), s.keys()), new TelegramLinks(s.redis(), s.keys()), config.telegram().linkTtl(),
        s.conversations().languages(), s.clock(), codes);
    this.staff = new StaffApi(s.staff(), s.survivors(), enrolment, config.telegram().botUsername(), accounts,
        config.http().publicUrl(), s.clock());
    SurvivorRecords records = new SurvivorRecords(s.vertx(), s.updates(), s.survivors(), s.staff(),
        new LedgerReader(s.sessions(), s.keys(), s.survivors()), s.pins(),
        new ConversationNudge(s.conversations(), s.clock(), config.conversation().idleTimeout()),
        s.conversations().languages(), s.clock(), new TelegramLinks(s.redis(), s.keys()), config.telegram().linkTtl(),
        new AccessLog(s.redis(), s.keys(), s.survivors()), codes);
    this.casework = new CaseworkApi(s.updates(), records, s.clock());
    this.alerts = new AlertsApi(inbox);
    this.labels = new org.voz.web.api.LabelsApi(s.conversations().languages(), s.conversations().consentLabels());
    org.voz.service.casework.LegalHolds holds = new org.voz.service.casework.LegalHolds(s.updates(), s.clock());
    org.voz.service.casework.ErasureRequests erasureRequests = new org.voz.service.casework.ErasureRequests(s.updates(),
        s.erasure(), new ConversationNudge(s.conversations(), s.clock(), config.conversation().idleTimeout()), s.clock());
    this.records = new org.voz.web.api.RecordsApi(s.erasure(), holds, erasureRequests);
    SurveyCatalog surveys = new SurveyCatalog(s.conversations().surveys());
    CampaignStore campaignStore = new CampaignStore(s.redis(), s.keys(), s.keyring());
    org.voz.store.CampaignProgress progress = new org.voz.store.CampaignProgress(s.redis(), s.keys(), s.keyring());
    this.campaigns = new CampaignsApi(campaignStore, surveys, s.clock(), progress);
    this.campaignUpdates = new org.voz.web.api.CampaignUpdatesApi(new org.voz.service.campaigns.CampaignUpdates(
        campaignStore, progress, new org.voz.store.CampaignUpdateLog(s.redis(), s.keys()), s.updates(),
        new ConversationNudge(s.conversations(), s.clock(), config.conversation().idleTimeout()),
        s.conversations().languages(), config.feedback().updates().perCampaign()));
    this.results = new CampaignResultsApi(campaignStore, new FeedbackStore(s.redis(), s.keys(), s.keyring()), surveys,
        new Aggregator(Aggregator.DEFAULT_K, new Redactor(), config.feedback().safeguarding().matcher()), s.clock());
    Config.Requests files = config.requests();
    RequestMessages messages = new RequestMessages(s.conversations(),
        new ConversationNudge(s.conversations(), s.clock(), config.conversation().idleTimeout()),
        config.http().publicUrl(), files.documentLifetime());
    FileRequestWork fileWork = new FileRequestWork(s.vertx(), s.updates(), s.survivors(),
        new RequestIndex(s.redis(), s.keys()), new DocumentStore(s.redis(), s.keys(), s.keyring()), messages, s.clock(),
        files.documentLifetime(), new AccessLog(s.redis(), s.keys(), s.survivors()));
    this.requests = new RequestsApi(fileWork, s.survivors(), new RequestIndex(s.redis(), s.keys()),
        files.maxDocumentBytes());
    console.withCasework(new CaseworkPages.Uses(records, fileWork, enrolment, inbox, config.telegram().botUsername(),
        files.maxDocumentBytes(), s.clock(), holds, config.retention().rule(), erasureRequests,
        s.conversations()));
  }

  /** Loads the contract; before {@link #mount}. */
  Future<Void> load() {
    return StaffContract.load(services.vertx()).onSuccess(loaded -> contract = loaded).mapEmpty();
  }

  /** The open consoles listening for alerts on this instance (fed by the alert feed). */
  LiveAlerts live() {
    return live;
  }

  /** The console's accounts (the dev demo invites through them). */
  ConsoleAccounts accounts() {
    return accounts;
  }

  void mount(Router router) {
    if (contract == null) {
      throw new IllegalStateException("the staff API's contract is not loaded");
    }
    console.mount(router);
    router.route("/api/v1/*").handler(throttle::handle).handler(auth::authenticate);
    RouterBuilder builder = RouterBuilder.create(services.vertx(), contract, JsonBodies.extractor());
    builder.rootHandler(this::roles);
    staff.bind(builder);
    staffAccounts.bind(builder);
    casework.bind(builder);
    alerts.bind(builder);
    campaigns.bind(builder);
    results.bind(builder);
    campaignUpdates.bind(builder);
    requests.bind(builder);
    records.bind(builder);
    labels.bind(builder);
    for (OpenAPIRoute route : builder.getRoutes()) {
      if (route.getHandlers().isEmpty()) {
        throw new IllegalStateException("no handler for operation " + route.getOperation().getOperationId());
      }
      route.setDoSecurity(false); // authentication above, roles in the root handler: before the validation
      route.addFailureHandler(ContractErrors::handle);
    }
    Router api = builder.createRouter();
    // mounted at the root (its routes are absolute paths), entered only by /api/v1/ requests
    router.route().handler(ctx -> enter(ctx, api, false)).failureHandler(ctx -> enter(ctx, api, true));
  }

  private static void enter(RoutingContext ctx, Router api, boolean failure) {
    String path = ctx.normalizedPath();
    if (path == null || !path.startsWith(PREFIX)) {
      ctx.next();
    } else if (failure) {
      api.handleFailure(ctx);
    } else {
      api.handleContext(ctx);
    }
  }

  /** 403 unless the member has one of the roles the operation's bearer requirement names. */
  private void roles(RoutingContext ctx) {
    Operation operation = contract.findOperation(ctx.request().path(), ctx.request().method());
    List<String> roles = operation == null ? List.of() : StaffContract.roles(operation);
    if (!roles.isEmpty()) {
      StaffAuth.require(ctx, roles.toArray(String[]::new));
    }
    ctx.next();
  }
}
