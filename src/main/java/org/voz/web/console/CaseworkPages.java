package org.voz.web.console;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.ConsentItem;
import org.voz.consent.LedgerEvent;
import org.voz.consent.Receipts;
import org.voz.consent.Survivor;
import org.voz.feedback.Participation;
import org.voz.requests.FileRequest;
import org.voz.requests.FileRequests;
import org.voz.safety.ContactWindow;
import org.voz.safety.Minor;
import org.voz.safety.RiskLevel;
import org.voz.safety.RiskRules;
import org.voz.service.Refusal;
import org.voz.service.casework.Enrolment;
import org.voz.service.casework.FileRequestWork;
import org.voz.service.casework.SurvivorRecords;
import org.voz.staff.StaffMember;
import org.voz.store.LedgerReader;
import org.voz.web.console.CaseworkViews.Form;

/**
 * The case manager's casework pages: the caseload (a search by exact case reference, paged), a survivor's page
 * (consents and a consent request, a decision given in person or on paper, the ledger with its chain checked, file
 * requests with their status and document, the record's contacts, language, contact window, exit date, date of birth
 * and interpreter need, its risk level changed with a reason, a notice sent on purpose, the PIN,
 * a transfer by an admin, the Telegram link as a QR code), and the enrolment form. Every rule is the use cases'
 * ({@link SurvivorRecords}, {@link FileRequestWork}, {@link Enrolment}), shared with the staff API: a case manager
 * sees only their caseload, a coordinator never a survivor (403). The forms here check only what the API's contract
 * checks of a request's shape, and show each error next to its field in the member's language.
 */
public final class CaseworkPages {

  private static final Logger LOG = LoggerFactory.getLogger(CaseworkPages.class);
  static final int PAGE_SIZE = 20;
  private static final String SURVIVOR = "casework.survivor";
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final Set<String> NOTICES = Set.of("consent", "decision", "details", "pin", "transfer", "status", "document",
      "risk", "notice", "representative", "representative.confirmed", "representative.declined", "hold", "holdLifted",
      "erasureRefused");
  /** The notices about one file request: shown on its card, where the page opens. */
  private static final Set<String> REQUEST_NOTICES = Set.of("status", "document");

  /** The use cases the pages call, and what they need to show their answers. */
  public record Uses(SurvivorRecords records, FileRequestWork files, Enrolment enrolment,
      org.voz.service.staff.AlertInbox alerts, String botUsername, int maxDocumentBytes, java.time.Clock clock,
      org.voz.service.casework.LegalHolds holds, org.voz.consent.RetentionRule retention,
      org.voz.service.casework.ErasureRequests erasureRequests, org.voz.conversation.Conversations conversations) {}

  private final ConsoleRoutes console;
  private final Uses uses;

  CaseworkPages(ConsoleRoutes console, Uses uses) {
    this.console = console;
    this.uses = uses;
  }

  /** The upload's path: its body (multipart, larger than the usual limit) is read by its handler, after the session. */
  public static boolean ownBody(String path) {
    return path != null && path.startsWith("/console/requests/") && path.endsWith("/document");
  }

  void mount(Router router) {
    router.get("/console/survivors").handler(console.signedIn(this::caseload));
    router.get("/console/survivors/new").handler(console.signedIn(this::enrolPage));
    router.post("/console/survivors").handler(console.signedIn(this::enrol));
    router.get("/console/survivors/:id").handler(console.signedIn(ctx -> show(ctx, 200, Form.EMPTY)));
    router.post("/console/survivors/:id/consents").handler(console.signedIn(this::requestConsent));
    router.post("/console/survivors/:id/consents/:consentId/decision").handler(console.signedIn(this::decide));
    router.post("/console/survivors/:id/consents/:consentId/representative").handler(console.signedIn(this::representativeAnswer));
    router.post("/console/survivors/:id/representative").handler(console.signedIn(this::changeRepresentative));
    router.post("/console/survivors/:id/details").handler(console.signedIn(this::amend));
    router.post("/console/survivors/:id/risk").handler(console.signedIn(this::changeRisk));
    router.post("/console/survivors/:id/notice").handler(console.signedIn(this::sendNotice));
    router.post("/console/survivors/:id/pin").handler(console.signedIn(this::resetPin));
    router.post("/console/survivors/:id/transfer").handler(console.signedIn(this::transfer));
    router.post("/console/survivors/:id/hold").handler(console.signedIn(this::placeHold));
    router.post("/console/survivors/:id/hold/lift").handler(console.signedIn(this::liftHold));
    router.post("/console/survivors/:id/erasure/accept").handler(console.signedIn(this::acceptErasure));
    router.post("/console/survivors/:id/erasure/refuse").handler(console.signedIn(this::refuseErasure));
    router.post("/console/survivors/:id/telegram").handler(console.signedIn(this::telegram));
    router.post("/console/requests/:id/status").handler(console.signedIn(this::changeRequest));
    router.post("/console/requests/:id/document").handler(console.signedIn(this::upload, false));
  }

  // ---- the caseload ----

  private void caseload(RoutingContext ctx) {
    StaffMember member = ConsoleRoutes.member(ctx);
    ConsoleMessages.Texts t = console.texts(ctx);
    String ref = param(ctx, "ref");
    String caseManager = member.is(StaffMember.ADMIN) ? param(ctx, "caseManager") : member.id();
    int page = number(param(ctx, "page"));
    Future<CaseworkViews.Caseload> view = !ref.isEmpty()
        ? uses.records().byCaseRef(member, ref).map(found -> new CaseworkViews.Caseload(
            console.page(ctx, t.get(caseloadTitle(member)), "survivors"), ref, true, rows(found), 1, 1, found.size(),
            member.is(StaffMember.ADMIN), caseManager))
        : uses.records().caseload(member, caseManager, page, PAGE_SIZE).map(listing -> new CaseworkViews.Caseload(
            console.page(ctx, t.get(caseloadTitle(member)), "survivors"), "", false, rows(listing.survivors()),
            listing.page(), listing.pages(), listing.total(), member.is(StaffMember.ADMIN), caseManager));
    view.onSuccess(v -> console.renderer().render(ctx, 200, "survivors.jte", v)).onFailure(ctx::fail);
  }

  /** "Your caseload" for a case manager; an admin sees the team's. */
  private static String caseloadTitle(StaffMember member) {
    return member.is(StaffMember.ADMIN) ? "caseload.title.admin" : "caseload.title";
  }

  private static List<CaseworkViews.Row> rows(List<Survivor> survivors) {
    return survivors.stream().map(s -> new CaseworkViews.Row(s.id(), s.caseRef(), s.language(), s.caseManager(),
        (int) s.consents().stream().filter(c -> c.status().startsWith("granted")).count(),
        (int) s.consents().stream().filter(c -> c.status().equals("pending")).count(),
        (int) s.requests().stream().filter(FileRequest::pending).count())).toList();
  }

  // ---- a survivor's page ----

  /** The survivor's page, with the form posted (its values and errors) or none. */
  private void show(RoutingContext ctx, int status, Form form) {
    StaffMember member = ConsoleRoutes.member(ctx);
    ConsoleMessages.Texts t = console.texts(ctx);
    String id = survivorId(ctx);
    String done = param(ctx, "done");
    String receipt = param(ctx, "receipt");
    uses.records().view(member, id, "survivor_page")
        .compose(survivor -> uses.records().ledger(survivor)
            .compose(ledger -> uses.alerts().handled(id).compose(handled -> uses.records().locked(id).map(locked ->
                new CaseworkViews.Survivor(
                console.page(ctx, t.get("survivor.title", survivor.caseRef()), "survivors"), record(survivor, locked, t),
                survivor.consents().stream().map(c -> consent(c, t)).toList(), timeline(ledger, t), ledger.valid(),
                handled.stream().map(h -> handled(h, t)).toList(),
                survivor.requests().stream().map(r -> request(r, t)).toList(), form, nextConsentId(survivor),
                status == 200 && NOTICES.contains(done) ? t.get("done." + done) : null,
                status == 200 && REQUEST_NOTICES.contains(done) ? requestOf(survivor, param(ctx, "request")) : null,
                status == 200 && Receipts.wellFormed(receipt) ? receipt : null, member.is(StaffMember.ADMIN),
                languages(t), keeping(survivor))))))
        .onSuccess(view -> console.renderer().render(ctx, status, "survivor.jte", view))
        .onFailure(ctx::fail);
  }

  private CaseworkViews.Record record(Survivor s, boolean locked, ConsoleMessages.Texts t) {
    ContactWindow w = s.contactWindow();
    return new CaseworkViews.Record(s.id(), s.caseRef(), s.caseManager(), s.language(), languageName(s.language(), t),
        address(s, "sms"), address(s, "whatsapp"), (int) s.contacts().stream().filter(c -> c.channel().equals("telegram")).count(),
        w == null ? "" : w.timezone(), w == null ? "" : hhmm(w.from()), w == null ? "" : hhmm(w.to()),
        w == null ? List.of() : w.channels(), s.feedback().exitedOn() == null ? "" : s.feedback().exitedOn().toString(),
        locked, s.createdAt() == null ? "" : DAY.format(s.createdAt()), risk(s, t), representative(s));
  }

  private static CaseworkViews.Representative representative(Survivor s) {
    org.voz.consent.Representative r = s.representative();
    return r == null ? CaseworkViews.Representative.NONE : new CaseworkViews.Representative(true, r.name(), r.relation(),
        r.contacts().isEmpty() ? "" : r.contacts().get(0).address());
  }

  private CaseworkViews.Keeping keeping(Survivor s) {
    var hold = s.retention().hold();
    String eraseOn = uses.retention() == null ? "" : uses.retention().eraseOn(s).map(LocalDate::toString).orElse("");
    var request = s.retention().request();
    String requestedOn = request != null && request.open() ? DAY.format(request.at()) : "";
    return hold == null ? new CaseworkViews.Keeping(false, "", "", "", eraseOn, requestedOn)
        : new CaseworkViews.Keeping(true, hold.reason(), hold.by(), DAY.format(hold.at()), eraseOn, requestedOn);
  }

  private CaseworkViews.Risk risk(Survivor s, ConsoleMessages.Texts t) {
    LocalDate today = LocalDate.now(uses.clock().withZone(ZoneOffset.UTC));
    RiskLevel level = s.risk(today);
    return new CaseworkViews.Risk(level.code(), t.get("risk.level." + level.code()), Minor.isMinor(s.dateOfBirth(), today),
        s.dateOfBirth() == null ? "" : s.dateOfBirth().toString(), s.needsInterpreter(),
        uses.records().policyOf(s).writeFirst());
  }

  private static String hhmm(java.time.LocalTime time) {
    return time.format(DateTimeFormatter.ofPattern("HH:mm"));
  }

  private static String address(Survivor s, String channel) {
    return s.contacts().stream().filter(c -> c.channel().equals(channel)).map(Survivor.Contact::address).findFirst().orElse("");
  }

  private CaseworkViews.Consent consent(ConsentItem c, ConsoleMessages.Texts t) {
    org.voz.conversation.Conversations words = uses.conversations();
    CaseworkViews.Labels labels = new CaseworkViews.Labels(words.label("data", c.data(), t.language()),
        words.label("recipient", c.recipient(), t.language()), words.label("purpose", c.purpose(), t.language()));
    return new CaseworkViews.Consent(c.id(), c.data(), c.recipient(), c.purpose(), c.until() == null ? "" : c.until().toString(),
        c.status(), text(t, "consent.status." + c.status(), c.status()),
        c.status().equals("granted") || c.status().equals("granted_pending_confirmation")
            || c.status().equals(ConsentItem.PENDING_REPRESENTATIVE),
        Set.of("pending", "granted_pending_confirmation", "declined", "revoked").contains(c.status()),
        c.status().equals(ConsentItem.PENDING_REPRESENTATIVE), labels);
  }

  private static List<CaseworkViews.Event> timeline(LedgerReader.Checked ledger, ConsoleMessages.Texts t) {
    List<CaseworkViews.Event> events = new ArrayList<>();
    for (LedgerEvent e : ledger.events()) {
      String change;
      if (e.type().startsWith("risk.")) { // levels, the first one (at enrolment) without a level before it
        change = (e.from().isEmpty() ? "" : text(t, "risk.level." + e.from(), e.from()) + " → ")
            + text(t, "risk.level." + e.to(), e.to());
      } else {
        change = e.from().isEmpty() ? ""
            : text(t, "consent.status." + e.from(), e.from()) + " → " + text(t, "consent.status." + e.to(), e.to());
      }
      events.add(new CaseworkViews.Event(WHEN.format(e.at()), text(t, "event." + e.type(), e.type()), who(e.actor(), t),
          text(t, "how." + e.channel(), e.channel()), e.consentId(), change, e.receipt()));
    }
    java.util.Collections.reverse(events); // newest first
    return events;
  }

  /** The reference of the survivor's file request named, or null. */
  private static String requestOf(Survivor s, String reference) {
    return s.requests().stream().map(FileRequest::reference).filter(reference::equals).findFirst().orElse(null);
  }

  /** The id a new consent request is offered: {@code c<n>}, one past the highest such id of the record. */
  static String nextConsentId(Survivor s) {
    int highest = s.consents().stream().map(ConsentItem::id).filter(id -> id.matches("c[0-9]{1,9}"))
        .mapToInt(id -> Integer.parseInt(id.substring(1))).max().orElse(0);
    return "c" + (highest + 1);
  }

  private static CaseworkViews.HandledAlert handled(org.voz.store.HandledAlerts.Handled h, ConsoleMessages.Texts t) {
    String typeKey = "alert.type." + h.type();
    return new CaseworkViews.HandledAlert(h.alertId(), t.has(typeKey) ? t.get(typeKey) : t.get("alert.type.other", h.type()),
        h.raised() == null ? "" : WHEN.format(h.raised()), WHEN.format(h.at()), h.by(), h.note() == null ? "" : h.note());
  }

  private static String who(String actor, ConsoleMessages.Texts t) {
    if (actor.startsWith("staff:")) {
      return t.get("who.staff", actor.substring("staff:".length()));
    }
    if (actor.startsWith("system")) {
      return t.get("who.system");
    }
    return actor.equals("survivor") ? t.get("who.survivor") : actor;
  }

  private static CaseworkViews.Request request(FileRequest r, ConsoleMessages.Texts t) {
    List<CaseworkViews.Option> next = FileRequests.STATUSES.stream().filter(s -> FileRequests.allowed(r.status(), s))
        .map(s -> new CaseworkViews.Option(s, text(t, "request.status." + s, s))).toList();
    return new CaseworkViews.Request(r.id(), r.reference(), text(t, "request.kind." + r.kind(), r.kind()),
        text(t, "request.delivery." + r.delivery(), r.delivery()), r.status(), text(t, "request.status." + r.status(), r.status()),
        DAY.format(r.openedAt()), DAY.format(r.dueAt()), r.documentId() != null, next,
        FileRequestWork.OPEN_FOR_DOCUMENTS.contains(r.status()), r.reason());
  }

  private List<CaseworkViews.Option> languages(ConsoleMessages.Texts t) {
    return uses.records().languages().stream().map(l -> new CaseworkViews.Option(l, languageName(l, t))).toList();
  }

  private static String languageName(String language, ConsoleMessages.Texts t) {
    return text(t, "language." + language, language);
  }

  private static String text(ConsoleMessages.Texts t, String key, String fallback) {
    return t.has(key) ? t.get(key) : fallback;
  }

  // ---- the survivor's forms ----

  private void requestConsent(RoutingContext ctx) {
    Map<String, String> v = values(ctx, "consentId", "data", "recipient", "purpose", "until");
    Map<String, String> errors = new LinkedHashMap<>();
    FormChecks.code(v, "consentId", errors);
    FormChecks.code(v, "data", errors);
    FormChecks.code(v, "recipient", errors);
    FormChecks.code(v, "purpose", errors);
    LocalDate until = FormChecks.date(v, "until", true, errors);
    if (until != null && !until.isAfter(LocalDate.now(uses.clock().withZone(ZoneOffset.UTC)))) {
      errors.put("until", "err.future");
    }
    if (!errors.isEmpty()) {
      invalid(ctx, "consent", v, errors);
      return;
    }
    ConsentItem item = new ConsentItem(v.get("consentId"), v.get("data"), v.get("recipient"), v.get("purpose"), until,
        "pending", uses.clock().instant());
    act(ctx, "consent", v, uses.records().requestConsent(ConsoleRoutes.member(ctx), ctx.pathParam("id"), item),
        done -> back(ctx, "consent", null), Map.of("id", "consentId", "purpose", "recipient"));
  }

  private void decide(RoutingContext ctx) {
    String consentId = ctx.pathParam("consentId");
    String form = "decision:" + consentId;
    Map<String, String> v = values(ctx, "to", "given", "reason");
    Map<String, String> errors = new LinkedHashMap<>();
    if (!Set.of("revoked", "granted").contains(v.get("to"))) {
      errors.put("to", "err.choose");
    }
    if (!SurvivorRecords.GIVEN.contains(v.get("given"))) {
      errors.put("given", "err.choose");
    }
    if (v.get("reason").length() > SurvivorRecords.MAX_REASON) {
      errors.put("reason", "err.tooLong");
    }
    if (!errors.isEmpty()) {
      invalid(ctx, form, v, errors);
      return;
    }
    act(ctx, form, v, uses.records().recordDecision(ConsoleRoutes.member(ctx), ctx.pathParam("id"),
            new SurvivorRecords.Decision(consentId, v.get("to"), v.get("given"), v.get("reason"))),
        recorded -> back(ctx, "decision", recorded.receipt()), Map.of("status", "to"));
  }

  /** The answer of a minor's representative, one button each (confirmed, declined), with an optional note. */
  private void representativeAnswer(RoutingContext ctx) {
    String consentId = ctx.pathParam("consentId");
    String form = "representative:" + consentId;
    Map<String, String> v = values(ctx, "answer", "note");
    Map<String, String> errors = new LinkedHashMap<>();
    if (!Set.of("confirmed", "declined").contains(v.get("answer"))) {
      errors.put("answer", "err.choose");
    }
    if (v.get("note").length() > SurvivorRecords.MAX_REASON) {
      errors.put("note", "err.tooLong");
    }
    if (!errors.isEmpty()) {
      invalid(ctx, form, v, errors);
      return;
    }
    act(ctx, form, v, uses.records().recordRepresentative(ConsoleRoutes.member(ctx), ctx.pathParam("id"),
            new SurvivorRecords.RepresentativeAnswer(consentId, v.get("answer").equals("confirmed"), v.get("note"))),
        recorded -> back(ctx, "representative." + v.get("answer"), recorded.receipt()),
        Map.of("status", "answer", "representative", "answer"));
  }

  /** A minor's representative recorded, changed, or (every field empty) removed. */
  private void changeRepresentative(RoutingContext ctx) {
    Map<String, String> v = values(ctx, "repName", "repRelation", "repPhone", "repPin");
    Map<String, String> errors = new LinkedHashMap<>();
    org.voz.consent.Representative representative = representativeOf(v, errors);
    String repPin = v.remove("repPin"); // write-only: never shown back
    if (!errors.isEmpty()) {
      invalid(ctx, "representative", v, errors);
      return;
    }
    act(ctx, "representative", v, uses.records().amend(ConsoleRoutes.member(ctx), ctx.pathParam("id"),
            SurvivorRecords.Amendment.representativeOnly(representative, repPin.isEmpty() ? null : repPin)),
        done -> back(ctx, "representative", null),
        Map.of("representative.name", "repName", "representative.relation", "repRelation",
            "representative.contacts", "repPhone", "representative.pin", "repPin"));
  }

  /**
   * The representative a form gives (its fields {@code repName}, {@code repRelation}, {@code repPhone}, and the
   * write-only {@code repPin}: 4 to 8 digits, empty keeps the one set), each mistake beside its field; {@code null}
   * when every field is empty (none).
   */
  private org.voz.consent.Representative representativeOf(Map<String, String> v, Map<String, String> errors) {
    v.put("repPhone", v.get("repPhone").replaceAll("[\\s-]", ""));
    v.put("repPin", v.get("repPin").strip());
    FormChecks.pin(v, "repPin", false, errors);
    if (v.get("repName").isEmpty() && v.get("repRelation").isEmpty() && v.get("repPhone").isEmpty()
        && v.get("repPin").isEmpty()) {
      return null;
    }
    if (v.get("repName").isEmpty()) {
      errors.put("repName", "err.required");
    } else if (v.get("repName").length() > org.voz.consent.Representative.MAX_NAME) {
      errors.put("repName", "err.tooLong");
    }
    if (v.get("repRelation").isEmpty()) {
      errors.put("repRelation", "err.required");
    } else if (v.get("repRelation").length() > org.voz.consent.Representative.MAX_RELATION) {
      errors.put("repRelation", "err.tooLong");
    }
    // written with its country code or in the programme's national form, as the survivor's own numbers
    java.util.Optional<String> repPhone = v.get("repPhone").isEmpty() ? java.util.Optional.empty()
        : uses.enrolment().phones().e164(v.get("repPhone"));
    if (!v.get("repPhone").isEmpty() && repPhone.isEmpty()) {
      errors.put("repPhone", "err.phone");
    }
    return errors.isEmpty() ? new org.voz.consent.Representative(v.get("repName"), v.get("repRelation"),
        repPhone.map(number -> List.of(new Survivor.Contact("sms", number))).orElse(List.of())) : null;
  }

  private void amend(RoutingContext ctx) {
    Map<String, String> v = values(ctx, "sms", "whatsapp", "language", "timezone", "from", "to", "exitedOn",
        "dateOfBirth", "needsInterpreter");
    List<String> channels = ctx.request().formAttributes().getAll("channels");
    v.put("channels", String.join(",", channels));
    Map<String, String> errors = new LinkedHashMap<>();
    List<Survivor.Contact> phones = FormChecks.phones(v, uses.enrolment().phones(), errors);
    ContactWindow window = FormChecks.window(v, channels, errors);
    LocalDate exitedOn = FormChecks.date(v, "exitedOn", false, errors);
    LocalDate dateOfBirth = FormChecks.date(v, "dateOfBirth", false, errors);
    boolean interpreter = v.get("needsInterpreter").equals("true");
    if (!uses.records().languages().contains(v.get("language"))) {
      errors.put("language", "err.choose");
    }
    if (!errors.isEmpty()) {
      invalid(ctx, "details", v, errors);
      return;
    }
    StaffMember member = ConsoleRoutes.member(ctx);
    String id = ctx.pathParam("id");
    Future<Survivor> amended = uses.records().open(member, id).compose(before -> {
      // the form edits the phone numbers; the survivor's other contacts (Telegram chats) are kept as they are
      List<Survivor.Contact> contacts = new ArrayList<>(phones);
      before.contacts().stream().filter(c -> !c.channel().equals("sms") && !c.channel().equals("whatsapp"))
          .forEach(contacts::add);
      return uses.records().amend(member, id, new SurvivorRecords.Amendment(contacts, v.get("language"), true, window,
          true, exitedOn, true, dateOfBirth, null, null, interpreter));
    });
    act(ctx, "details", v, amended, done -> back(ctx, "details", null),
        Map.of("contacts", "sms", "contactWindow.to", "to", "contactWindow.timezone", "timezone",
            "riskLevel", "dateOfBirth"));
  }

  /** A new risk level and the case manager's reason (a minor's cannot be lowered: 409, beside the level). */
  private void changeRisk(RoutingContext ctx) {
    Map<String, String> v = values(ctx, "riskLevel", "riskReason");
    Map<String, String> errors = new LinkedHashMap<>();
    RiskLevel level = RiskLevel.of(v.get("riskLevel")).orElse(null);
    if (level == null) {
      errors.put("riskLevel", "err.choose");
    }
    if (v.get("riskReason").isEmpty()) {
      errors.put("riskReason", "err.riskReason");
    } else if (v.get("riskReason").length() > SurvivorRecords.MAX_REASON) {
      errors.put("riskReason", "err.tooLong");
    }
    if (!errors.isEmpty()) {
      invalid(ctx, "risk", v, errors);
      return;
    }
    act(ctx, "risk", v, uses.records().amend(ConsoleRoutes.member(ctx), ctx.pathParam("id"),
        SurvivorRecords.Amendment.risk(level, v.get("riskReason"))), done -> back(ctx, "risk", null), Map.of());
  }

  /** The neutral notice, sent now on purpose; when it cannot be, the page again saying why. */
  private void sendNotice(RoutingContext ctx) {
    uses.records().sendNotice(ConsoleRoutes.member(ctx), ctx.pathParam("id"))
        .onSuccess(done -> back(ctx, "notice", null))
        .onFailure(failure -> {
          if (failure instanceof Refusal refusal && refusal.kind() == Refusal.Kind.CONFLICT) {
            LOG.info("console form refused form=notice code={}", refusal.code());
            invalid(ctx, 409, "notice", new LinkedHashMap<>(), Map.of("notice", "err.notice." + refusal.code()));
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void resetPin(RoutingContext ctx) {
    Map<String, String> v = values(ctx, "pin", "pinAgain");
    Map<String, String> errors = new LinkedHashMap<>();
    FormChecks.pin(v, "pin", true, errors);
    if (!errors.containsKey("pin") && !v.get("pin").equals(v.get("pinAgain"))) {
      errors.put("pinAgain", "err.pinMismatch");
    }
    v.remove("pin"); // a PIN is never shown again, not even back in its own form
    v.remove("pinAgain");
    if (!errors.isEmpty()) {
      invalid(ctx, "pin", v, errors);
      return;
    }
    act(ctx, "pin", v, uses.records().resetPin(ConsoleRoutes.member(ctx), ctx.pathParam("id"),
        ctx.request().getFormAttribute("pin").strip()), done -> back(ctx, "pin", null), Map.of());
  }

  private void transfer(RoutingContext ctx) {
    Map<String, String> v = values(ctx, "caseManager");
    Map<String, String> errors = new LinkedHashMap<>();
    if (!FormChecks.STAFF_ID.matcher(v.get("caseManager")).matches()) {
      errors.put("caseManager", "err.caseManager");
    }
    if (!errors.isEmpty()) {
      invalid(ctx, "transfer", v, errors);
      return;
    }
    act(ctx, "transfer", v, uses.records().transfer(ConsoleRoutes.member(ctx), ctx.pathParam("id"), v.get("caseManager")),
        done -> back(ctx, "transfer", null), Map.of());
  }

  /** A legal hold, with its reason (none: the error beside the reason; one already placed: 409). */
  private void placeHold(RoutingContext ctx) {
    Map<String, String> v = values(ctx, "holdReason");
    Map<String, String> errors = new LinkedHashMap<>();
    if (v.get("holdReason").isEmpty()) {
      errors.put("holdReason", "err.holdReason");
    } else if (v.get("holdReason").length() > SurvivorRecords.MAX_REASON) {
      errors.put("holdReason", "err.tooLong");
    }
    if (!errors.isEmpty()) {
      invalid(ctx, "hold", v, errors);
      return;
    }
    act(ctx, "hold", v, uses.holds().place(ctx.pathParam("id"), ConsoleRoutes.member(ctx), v.get("holdReason")),
        done -> back(ctx, "hold", null), Map.of("hold", "holdReason"));
  }

  private void liftHold(RoutingContext ctx) {
    Map<String, String> v = values(ctx, "liftReason");
    if (v.get("liftReason").length() > SurvivorRecords.MAX_REASON) {
      invalid(ctx, "lift", v, Map.of("liftReason", "err.tooLong"));
      return;
    }
    act(ctx, "lift", v, uses.holds().lift(ctx.pathParam("id"), ConsoleRoutes.member(ctx), v.get("liftReason")),
        done -> back(ctx, "holdLifted", null), Map.of("hold", "liftReason"));
  }

  /** The survivor's erasure request accepted: the record is erased; the caseload, without them, is shown. */
  private void acceptErasure(RoutingContext ctx) {
    act(ctx, "erasure", new LinkedHashMap<>(), uses.erasureRequests().accept(ctx.pathParam("id"), ConsoleRoutes.member(ctx)),
        done -> Renderer.redirect(ctx, "/console/survivors"), Map.of("request", "erasure", "hold", "erasure"));
  }

  /** The survivor's erasure request refused, with the reason they will read after their PIN. */
  private void refuseErasure(RoutingContext ctx) {
    Map<String, String> v = values(ctx, "refusalReason");
    Map<String, String> errors = new LinkedHashMap<>();
    if (v.get("refusalReason").isEmpty()) {
      errors.put("refusalReason", "err.erasureReason");
    } else if (v.get("refusalReason").length() > SurvivorRecords.MAX_REASON) {
      errors.put("refusalReason", "err.tooLong");
    }
    if (!errors.isEmpty()) {
      invalid(ctx, "refusal", v, errors);
      return;
    }
    act(ctx, "refusal", v, uses.erasureRequests().refuse(ctx.pathParam("id"), ConsoleRoutes.member(ctx),
        v.get("refusalReason")), done -> back(ctx, "erasureRefused", null), Map.of("request", "refusalReason"));
  }

  private void telegram(RoutingContext ctx) {
    StaffMember member = ConsoleRoutes.member(ctx);
    String id = ctx.pathParam("id");
    uses.records().open(member, id)
        .compose(survivor -> uses.records().telegramLink(member, id)
            .onSuccess(code -> showTelegram(ctx, survivor, code, false)))
        .onFailure(ctx::fail);
  }

  private void showTelegram(RoutingContext ctx, Survivor survivor, String code, boolean enrolled) {
    ConsoleMessages.Texts t = console.texts(ctx);
    String link = "https://t.me/" + uses.botUsername() + "?start=" + code;
    console.renderer().render(ctx, enrolled ? 201 : 200, "telegram.jte", new CaseworkViews.Telegram(
        console.page(ctx, t.get(enrolled ? "enrol.done.title" : "telegram.title"), "survivors"), survivor.id(),
        survivor.caseRef(), link, QrSvg.of(link, t.get("telegram.qr")), enrolled));
  }

  // ---- file requests ----

  private void changeRequest(RoutingContext ctx) {
    String requestId = ctx.pathParam("id");
    String survivorId = FileRequests.survivorOf(requestId).orElse(null);
    if (survivorId == null) {
      ctx.fail(Refusal.notFound("no request with this id"));
      return;
    }
    String reference = requestId.substring(survivorId.length() + 1);
    Map<String, String> v = values(ctx, "status", "note");
    Map<String, String> errors = new LinkedHashMap<>();
    if (!FileRequests.STATUSES.contains(v.get("status"))) {
      errors.put("status", "err.choose");
    }
    if (v.get("note").length() > FileRequestWork.MAX_NOTE) {
      errors.put("note", "err.tooLong");
    }
    if (v.get("status").equals("refused") && v.get("note").isBlank()) {
      errors.put("note", "err.refusalReason");
    }
    ctx.put(SURVIVOR, survivorId); // the survivor's page is shown again on an error
    if (!errors.isEmpty()) {
      invalid(ctx, "request:" + reference, v, errors);
      return;
    }
    act(ctx, "request:" + reference, v, uses.files().change(ConsoleRoutes.member(ctx), requestId, v.get("status"), v.get("note")),
        done -> backToRequest(ctx, survivorId, "status", reference), Map.of());
  }

  /** The PDF of a file request, posted as multipart: read here, in memory only (never to disk), within its limit. */
  private void upload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String requestId = ctx.pathParam("id");
    String survivorId = FileRequests.survivorOf(requestId).orElse(null);
    int max = uses.maxDocumentBytes();
    Buffer pdf = Buffer.buffer();
    boolean[] tooLarge = {false};
    boolean[] file = {false};
    request.setExpectMultipart(true);
    request.uploadHandler(upload -> {
      file[0] = true;
      upload.handler(chunk -> {
        if (tooLarge[0] || pdf.length() + chunk.length() > max) {
          tooLarge[0] = true;
        } else {
          pdf.appendBuffer(chunk);
        }
      });
    });
    request.exceptionHandler(ctx::fail);
    request.endHandler(end -> {
      if (!ConsoleRoutes.csrfMatches(ctx, request.getFormAttribute(ConsoleSecurity.CSRF_FIELD))) {
        console.csrfRefused(ctx);
        return;
      }
      if (survivorId == null) {
        ctx.fail(Refusal.notFound("no request with this id"));
        return;
      }
      String reference = requestId.substring(survivorId.length() + 1);
      ctx.put(SURVIVOR, survivorId);
      Map<String, String> errors = new LinkedHashMap<>();
      if (tooLarge[0]) {
        errors.put("document", "err.tooLarge");
      } else if (!file[0] || pdf.length() == 0) {
        errors.put("document", "err.choosePdf");
      } else if (!FileRequestWork.looksLikePdf(pdf.getBytes())) {
        errors.put("document", "err.notPdf");
      }
      if (!errors.isEmpty()) {
        invalid(ctx, tooLarge[0] ? 413 : 400, "request:" + reference, new LinkedHashMap<>(), errors);
        return;
      }
      act(ctx, "request:" + reference, new LinkedHashMap<>(),
          uses.files().upload(ConsoleRoutes.member(ctx), requestId, pdf.getBytes()),
          stored -> backToRequest(ctx, survivorId, "document", reference), Map.of("status", "document"));
    });
    request.resume();
  }

  // ---- enrolment ----

  private void enrolPage(RoutingContext ctx) {
    StaffMember member = ConsoleRoutes.member(ctx);
    if (member.is(StaffMember.COORDINATOR)) {
      ctx.fail(Refusal.forbidden("a coordinator does not enrol survivors"));
      return;
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("language", uses.enrolment().defaultLanguage());
    defaults.put("status", "granted");
    renderEnrol(ctx, 200, new Form("enrol", defaults, Map.of()));
  }

  private void renderEnrol(RoutingContext ctx, int status, Form form) {
    ConsoleMessages.Texts t = console.texts(ctx);
    StaffMember member = ConsoleRoutes.member(ctx);
    console.renderer().render(ctx, status, "enrol.jte", new CaseworkViews.Enrol(
        console.page(ctx, t.get("enrol.title"), "enrol"), form, languages(t), member.is(StaffMember.ADMIN)));
  }

  private void enrol(RoutingContext ctx) {
    StaffMember member = ConsoleRoutes.member(ctx);
    if (member.is(StaffMember.COORDINATOR)) {
      ctx.fail(Refusal.forbidden("a coordinator does not enrol survivors"));
      return;
    }
    Map<String, String> v = values(ctx, "caseRef", "caseManager", "language", "sms", "whatsapp", "pin", "duressPin",
        "timezone", "from", "to", "data", "recipient", "purpose", "until", "status", "dateOfBirth", "riskLevel",
        "needsInterpreter", "repName", "repRelation", "repPhone", "repPin");
    List<String> channels = ctx.request().formAttributes().getAll("channels");
    v.put("channels", String.join(",", channels));
    String caseManager = member.is(StaffMember.ADMIN) ? v.get("caseManager") : member.id();
    Map<String, String> errors = new LinkedHashMap<>();
    FormChecks.code(v, "caseRef", errors);
    if (!FormChecks.STAFF_ID.matcher(caseManager).matches()) {
      errors.put("caseManager", "err.caseManager");
    }
    if (!uses.records().languages().contains(v.get("language"))) {
      errors.put("language", "err.choose");
    }
    List<Survivor.Contact> contacts = FormChecks.phones(v, uses.enrolment().phones(), errors);
    if (contacts.isEmpty() && !errors.containsKey("sms") && !errors.containsKey("whatsapp")) {
      errors.put("sms", "err.contactRequired");
    }
    FormChecks.pin(v, "pin", true, errors);
    FormChecks.pin(v, "duressPin", false, errors);
    ContactWindow window = FormChecks.window(v, channels, errors);
    List<ConsentItem> consents = FormChecks.firstConsent(v, errors, uses.clock().instant());
    LocalDate dateOfBirth = FormChecks.date(v, "dateOfBirth", false, errors);
    RiskLevel level = RiskLevel.of(v.get("riskLevel")).orElse(null);
    if (level == null && !v.get("riskLevel").isEmpty()) {
      errors.put("riskLevel", "err.choose");
    }
    org.voz.consent.Representative representative = representativeOf(v, errors);
    if (!v.get("repPin").isEmpty() && !errors.containsKey("repPin")
        && (v.get("repPin").equals(v.get("pin")) || v.get("repPin").equals(v.get("duressPin")))) {
      errors.put("repPin", "err.repPin"); // as the API: the representative's PIN is none of the survivor's
    }
    String pin = v.remove("pin"); // never shown back
    String duress = v.remove("duressPin");
    String repPin = v.remove("repPin");
    if (!errors.isEmpty()) {
      renderEnrol(ctx, 400, messages(ctx, new Form("enrol", v, errors)));
      return;
    }
    Enrolment.Command command = new Enrolment.Command(v.get("caseRef"), v.get("language"), caseManager, contacts, pin,
        duress.isEmpty() ? null : duress, consents, Participation.NONE, window,
        new Enrolment.Risk(dateOfBirth, level, v.get("needsInterpreter").equals("true")), representative,
        repPin.isEmpty() ? null : repPin);
    uses.enrolment().enrol(member, command)
        .compose(enrolled -> uses.records().open(member, enrolled.survivorId())
            .onSuccess(survivor -> showTelegram(ctx, survivor, enrolled.telegramCode(), true)))
        .onFailure(failure -> {
          String field = failure instanceof Refusal refusal
              ? formField(refusal, Map.of("contacts", "sms", "contactWindow", "timezone", "contactWindow.timezone",
                  "timezone", "representative.contacts", "repPhone", "representative.pin", "repPin")) : null;
          if (field != null && ((Refusal) failure).kind() != Refusal.Kind.FORBIDDEN) {
            renderEnrol(ctx, statusOf((Refusal) failure), messages(ctx, new Form("enrol", v,
                Map.of(field, errorKey((Refusal) failure, field)))));
          } else {
            ctx.fail(failure);
          }
        });
  }

  // ---- shared ----

  /** Runs a use case; on success {@code then}, on a refusal about a field the page again with it next to the field. */
  private <T> void act(RoutingContext ctx, String form, Map<String, String> values, Future<T> action,
      java.util.function.Consumer<T> then, Map<String, String> fields) {
    action.onSuccess(then::accept).onFailure(failure -> {
      String field = failure instanceof Refusal refusal && refusal.kind() != Refusal.Kind.FORBIDDEN
          && refusal.kind() != Refusal.Kind.NOT_FOUND ? formField(refusal, fields) : null;
      if (field == null) {
        ctx.fail(failure);
        return;
      }
      Refusal refusal = (Refusal) failure;
      LOG.info("console form refused form={} field={} code={}", form.replaceAll(":.*", ""), field, refusal.code());
      invalid(ctx, statusOf(refusal), form, values, Map.of(field, errorKey(refusal, field)));
    });
  }

  /** The form field a use case's refusal is about: its own name on the form, or the one it maps to. */
  private static String formField(Refusal refusal, Map<String, String> fields) {
    String field = refusal.field() == null ? null : refusal.field().replaceAll("\\[[0-9]+\\]$", "");
    if (field == null) {
      return null;
    }
    if (field.startsWith("contactWindow.channels")) {
      return "channels";
    }
    if (org.voz.service.casework.ConsentCodes.UNLABELLED.equals(refusal.code())) {
      return field.substring(field.lastIndexOf('.') + 1); // data, recipient or purpose, on either form
    }
    if (field.matches("contacts\\[[0-9]+]\\.address")) {
      field = "contacts"; // one of the phone numbers
    }
    if (field.matches("representative\\.contacts\\[[0-9]+]\\.address")) {
      field = "representative.contacts"; // the representative's phone
    }
    return fields.getOrDefault(field, field);
  }

  private static String errorKey(Refusal refusal, String field) {
    if ("legal_hold".equals(refusal.code())) {
      return "err.legalHold";
    }
    if (org.voz.service.casework.ConsentCodes.UNLABELLED.equals(refusal.code())) {
      return "err.unlabelled";
    }
    if (RiskRules.BELOW_FLOOR.equals(refusal.code())) {
      return "err.riskFloor";
    }
    if ("no_representative".equals(refusal.code())) {
      return "err.noRepresentative";
    }
    if (Enrolment.REPRESENTATIVE_OWN_CONTACT.equals(refusal.code())) {
      return "err.repOwnPhone";
    }
    if (Enrolment.TIMEZONE_REQUIRED.equals(refusal.code())) {
      return "err.timezoneNeeded";
    }
    if (RiskRules.REQUIRED.equals(refusal.code())) {
      return field.equals("duressPin") ? "err.riskDuressPin" : "err.riskWindow";
    }
    return switch (refusal.kind()) {
      case CONFLICT -> field.equals("sms") || field.equals("repPhone") ? "err.taken" : field.equals("consentId") || field.equals("recipient")
          ? "err.consentExists" : "err.status";
      case UNSUPPORTED -> "err.notPdf";
      case TOO_LARGE -> "err.tooLarge";
      default -> switch (field) {
        // a number refused for being another case manager's survivor's reads as one written wrong (TakenContacts)
        case "sms", "whatsapp", "repPhone" -> "err.phone";
        case "duressPin" -> "err.duress";
        case "repPin" -> "err.repPin";
        case "caseManager" -> "err.caseManager";
        case "channels" -> "err.channels";
        case "language" -> "err.choose";
        case "dateOfBirth" -> "err.dateOfBirth";
        default -> "err.invalid";
      };
    };
  }

  private static int statusOf(Refusal refusal) {
    return switch (refusal.kind()) {
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED -> 415;
      default -> 400;
    };
  }

  private void invalid(RoutingContext ctx, String form, Map<String, String> values, Map<String, String> errors) {
    invalid(ctx, 400, form, values, errors);
  }

  /** The survivor's page again, the posted form's values kept and each error next to its field. */
  private void invalid(RoutingContext ctx, int status, String form, Map<String, String> values, Map<String, String> errors) {
    Map<String, String> keyed = new LinkedHashMap<>();
    String suffix = form.contains(":") ? ":" + form.substring(form.indexOf(':') + 1) : "";
    errors.forEach((field, key) -> keyed.put(field + suffix, key));
    Map<String, String> kept = new LinkedHashMap<>();
    values.forEach((field, value) -> kept.put(field + suffix, value));
    show(ctx, status, messages(ctx, new Form(form, kept, keyed)));
  }

  /**
   * The form with its error keys turned into the member's words; its summary names each field by its label (and the
   * request's reference, on a request's form), in the order of the page.
   */
  private Form messages(RoutingContext ctx, Form form) {
    ConsoleMessages.Texts t = console.texts(ctx);
    Map<String, String> words = new LinkedHashMap<>();
    form.errors().forEach((field, key) -> words.put(field, t.get(key)));
    List<CaseworkViews.Problem> summary = words.entrySet().stream()
        .sorted(java.util.Comparator.comparingInt(e -> order("enrol".equals(form.name()) ? ENROL_ORDER : PAGE_ORDER, e.getKey())))
        .map(e -> new CaseworkViews.Problem(e.getKey().replace(':', '-'), summaryLine(form.name(), e.getKey(), e.getValue(), t)))
        .toList();
    return new Form(form.name(), form.values(), words, summary);
  }

  /** The fields of the enrolment form in the order they are shown. */
  private static final List<String> ENROL_ORDER = List.of("caseRef", "caseManager", "language", "sms", "whatsapp",
      "timezone", "from", "to", "channels", "dateOfBirth", "riskLevel", "pin", "duressPin", "data", "recipient", "purpose",
      "until", "status");
  /** The fields of the survivor page's forms in the order they are shown. */
  private static final List<String> PAGE_ORDER = List.of("riskLevel", "riskReason", "notice", "given", "reason",
      "consentId", "data", "recipient", "purpose", "until", "status", "note", "document", "sms", "whatsapp", "language",
      "timezone", "from", "to", "channels", "exitedOn", "dateOfBirth", "pin", "pinAgain", "caseManager");

  private static int order(List<String> fields, String key) {
    int at = fields.indexOf(key.contains(":") ? key.substring(0, key.indexOf(':')) : key);
    return at < 0 ? fields.size() : at;
  }

  /** "Label: error", the label without what it says in brackets ("(optional)"), the request's reference after it. */
  private static String summaryLine(String form, String key, String error, ConsoleMessages.Texts t) {
    String field = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
    String labelKey = switch (field) {
      case "caseRef" -> "field.caseRef";
      case "caseManager" -> "transfer".equals(form) ? "transfer.to" : "field.caseManager";
      case "language" -> "field.language";
      case "sms" -> "field.sms";
      case "whatsapp" -> "field.whatsapp";
      case "timezone" -> "window.timezone";
      case "from" -> "window.from";
      case "to" -> "window.to";
      case "channels" -> "window.channels";
      case "dateOfBirth" -> "field.dateOfBirth";
      case "riskLevel" -> "field.riskLevel";
      case "riskReason" -> "risk.reason";
      case "notice" -> "notice.title";
      case "pin" -> "pin".equals(form) ? "pin.new" : "field.pin";
      case "pinAgain" -> "pin.again";
      case "duressPin" -> "field.duressPin";
      case "repPin" -> "representative.pin";
      case "consentId" -> "consent.id";
      case "data" -> "consent.data";
      case "recipient" -> "consent.recipient";
      case "purpose" -> "consent.purpose";
      case "until" -> "consent.until";
      case "status" -> key.contains(":") ? "request.newStatus" : "enrol.consent.status";
      case "exitedOn" -> "field.exitedOn";
      case "given" -> "decision.given";
      case "reason" -> "decision.reason";
      case "note" -> "request.note";
      case "document" -> "request.upload";
      default -> null;
    };
    if (labelKey == null || !t.has(labelKey)) {
      return error;
    }
    String label = t.get(labelKey).replaceAll("\\s*\\([^)]*\\)$", "");
    String which = key.contains(":") ? " (" + key.substring(key.indexOf(':') + 1) + ")" : "";
    return t.get("error.line", label + which, error);
  }

  private void back(RoutingContext ctx, String done, String receipt) {
    back(ctx, survivorId(ctx), done, receipt);
  }

  /** The survivor the request is about: the path's, or the one a file request's id names. */
  private static String survivorId(RoutingContext ctx) {
    String id = ctx.get(SURVIVOR);
    return id != null ? id : ctx.pathParam("id");
  }

  private static void back(RoutingContext ctx, String survivorId, String done, String receipt) {
    Renderer.redirect(ctx, "/console/survivors/" + URLEncoder.encode(survivorId, StandardCharsets.UTF_8) + "?done=" + done
        + (receipt == null ? "" : "&receipt=" + receipt));
  }

  /** The survivor's page opened at the file request's card, which shows the notice. */
  private static void backToRequest(RoutingContext ctx, String survivorId, String done, String reference) {
    Renderer.redirect(ctx, "/console/survivors/" + URLEncoder.encode(survivorId, StandardCharsets.UTF_8) + "?done=" + done
        + "&request=" + URLEncoder.encode(reference, StandardCharsets.UTF_8) + "#request-" + reference);
  }

  private static Map<String, String> values(RoutingContext ctx, String... names) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : names) {
      String value = ctx.request().getFormAttribute(name);
      values.put(name, value == null ? "" : value.strip());
    }
    return values;
  }

  private static String param(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    return value == null ? "" : value.strip();
  }

  private static int number(String text) {
    try {
      return Math.max(1, Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
