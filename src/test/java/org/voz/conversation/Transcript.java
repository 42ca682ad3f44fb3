package org.voz.conversation;

import org.voz.consent.ConsentView;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * One conversation of conversations/tests/, written turn by turn.
 *
 * <pre>
 * name: what it shows
 * survivor: {id: s-test, language: es, pin: "4821", consents: [{id: c1, data: …, status: granted}]}
 * turns:
 *   - send: "4821"
 *     after: 16m          # optional: advance the clock first (default 30s)
 *     expect: |           # the whole reply; or silent: true for no reply
 *       ...
 *     choices: [...]      # optional: the buttons of the reply
 *     alerts: [pin.locked]  # optional: the alerts raised (default none)
 *     effects:              # optional: every effect but the reply, exactly, in order
 *       - consent: {id: c1, from: granted, to: revoked, receipt: K7P2QX, flow: revoke, version: 1, reason: ""}
 *       - alert: {type: consent.revoked, consentId: c1, recipient: …, data: …, purpose: …, receipt: K7P2QX}
 *       - ledger: {type: consent.reason, consentId: c1, receipt: K7P2QX, reason: …, flow: revoke, flowVersion: 1}
 *       - request: {id: s-test.R-K7P2QX, reference: R-K7P2QX, type: copy, delivery: link, purpose: …, note: "", due: …}
 *       - answer: {campaign: …, question: overall, survivor: "", skipped: "false", values: "4", text: "", share: "false"}
 *       - progress: {campaign: …, status: started, step: respected, mode: anonymous, share: "false"}
 *       - consent_added: {id: codesign-9, data: …, recipient: …, purpose: …}
 *       - news_read: {campaign: exit-2026, update: u1}
 * </pre>
 * The survivor may have file requests: {@code requests: [{reference: R-K7P2QX, kind: copy, delivery: link,
 * status: refused, reason: "…", opened: "2026-11-01T10:00:00Z"}]} (due 30 days after opened), and open survey
 * invitations: {@code surveys: [{campaign: exit-2026, survey: exit}]}, "what we changed" updates kept for them
 * to read: {@code news: [{campaign: exit-2026, update: u1, text: {es: "…", en: "…"}}]} (the first text the fallback),
 * and a risk level: {@code risk: high} (the shipped policy of that level: its idle timeout, no co-design invitation;
 * default low), whether they are a minor: {@code minor: true} (a grant waits for their representative; the level
 * then defaults to high), and an erasure request refused and not told yet: {@code erasure_refused: "the reason"}.
 * {@code waiting_at: files.pin} starts the conversation where a message Voz sent first left it (a request's status
 * change); {@code nudged: |} (top level) starts it where the neutral nudge left it ({@code ConversationNudge}, as a
 * campaign update or a consent request sends it) and checks the nudge's text, which must hold no update's text.
 * A consent change's {@code shown} text is always checked: it must be what the previous reply ended with.
 */
record Transcript(String file, String name, String survivorId, String language, String pin, List<ConsentView> consents,
    List<org.voz.requests.FileRequest> requests, String waitingAt, List<Turn> turns,
    List<org.voz.feedback.Invitation> surveys, List<org.voz.feedback.LoopNews> news, String nudged,
    org.voz.safety.RiskLevel risk, boolean minor, String erasureRefused) {

  /** The engine transcripts play against: the co-design offer's compensation is a fixed sample. */
  static Engine engine(Conversations conversations) {
    return new Engine(conversations, Engine.Options.DEFAULTS.withCodesign(CodesignOffer.DEFAULT.withCompensation(
        Map.of("es", "20 USD", "en", "20 USD", "pt", "20 USD", "fr", "20 USD", "ht", "20 USD"))));
  }

  /** The survivor as the engine sees them, under the shipped policy of their risk level ({@code risk:}, default low). */
  SurvivorView view() {
    return SurvivorView.of(survivorId, consents)
            .withRequests(requests)
            .withSurveys(surveys)
            .withNews(news)
            .withPolicy(org.voz.safety.RiskPolicies.DEFAULTS.of(risk))
            .withMinor(minor)
            .withErasureRefusal(erasureRefused);
  }

  /** The neutral nudge Voz sends first (as a campaign update does), a minute before {@code start}. */
  org.voz.service.ConversationNudge nudge(Conversations conversations, java.time.Instant start) {
    return new org.voz.service.ConversationNudge(conversations,
        java.time.Clock.fixed(start.minusSeconds(60), java.time.ZoneOffset.UTC), Duration.ofMinutes(15));
  }

  /**
   * The session before the first turn: a survivor who never wrote, or (with {@code waiting_at: files.pin})
   * one whose conversation Voz opened at a step, as a message it sent first does, a minute before, or (with
   * {@code nudged:}) where the neutral nudge opened it, a minute before.
   */
  Session startSession(Conversations conversations, java.time.Instant start) {
    if (nudged != null) {
      Session opened = nudge(conversations, start).open(Session.fresh(language));
      if (opened == null) {
        throw new IllegalStateException(file + ": the nudge did not open the conversation");
      }
      return opened;
    }
    if (waitingAt == null) {
      return Session.fresh(language);
    }
    String[] at = waitingAt.split("\\.", 2);
    return new Session(0, language, at[0], at[1], false, 0, false, false, 0, start.minusSeconds(60), 0, Map.of());
  }

  record Turn(int number, String send, boolean media, Duration after, String expect, List<String> choices, List<String> alerts,
      List<Map<String, String>> effects) {}

  /** An effect (not a reply) as the flat map a transcript writes it as: {@code kind} plus its fields. */
  static Map<String, String> flat(Effect effect) {
    Map<String, String> m = new java.util.TreeMap<>();
    if (effect instanceof Effect.ConsentChanged c) {
      m.put("kind", "consent");
      m.put("id", c.consentId());
      m.put("from", String.valueOf(c.from()));
      m.put("to", c.to());
      m.put("receipt", String.valueOf(c.receipt()));
      m.put("flow", String.valueOf(c.flow()));
      m.put("version", String.valueOf(c.flowVersion()));
      m.put("reason", c.reason());
    } else if (effect instanceof Effect.RaiseAlert a) {
      m.put("kind", "alert");
      m.put("type", a.type());
      m.putAll(a.fields());
    } else if (effect instanceof Effect.FileRequestOpened o) {
      m.put("kind", "request");
      m.put("id", o.request().id());
      m.put("reference", o.request().reference());
      m.put("type", o.request().kind());
      m.put("delivery", o.request().delivery());
      m.put("purpose", o.request().purpose());
      m.put("note", o.request().note());
      m.put("due", o.request().dueAt().toString());
      m.put("flow", o.flow());
      m.put("version", String.valueOf(o.flowVersion()));
    } else if (effect instanceof Effect.AppendLedger l) {
      m.put("kind", "ledger");
      m.put("type", l.type());
      m.putAll(l.fields());
    } else if (effect instanceof Effect.FeedbackAnswered f) {
      m.put("kind", "answer");
      m.put("campaign", f.answer().campaignId());
      m.put("question", f.answer().questionId());
      m.put("survivor", f.answer().anonymous() ? "" : f.answer().survivorId());
      m.put("skipped", String.valueOf(f.answer().skipped()));
      m.put("values", String.join(",", f.answer().values()));
      m.put("text", f.answer().text() == null ? "" : f.answer().text());
      m.put("share", String.valueOf(f.answer().shareText()));
    } else if (effect instanceof Effect.SurveyProgress p) {
      m.put("kind", "progress");
      m.put("campaign", p.invitation().campaignId());
      m.put("status", p.invitation().status());
      m.put("step", String.valueOf(p.invitation().step()));
      m.put("mode", String.valueOf(p.invitation().mode()));
      m.put("share", String.valueOf(p.invitation().share()));
    } else if (effect instanceof Effect.InterpreterRequested i) {
      m.put("kind", "interpreter");
      m.put("named", i.named());
    } else if (effect instanceof Effect.Complaint c) {
      m.put("kind", "complaint");
      m.put("text", c.text());
      m.put("anonymous", String.valueOf(c.anonymous()));
      m.put("language", c.language());
      m.put("turn", String.valueOf(c.turn()));
    } else if (effect instanceof Effect.NewsRead r) {
      m.put("kind", "news_read");
      m.put("campaign", r.campaignId());
      m.put("update", r.updateId());
    } else if (effect instanceof Effect.ConsentAdded a) {
      m.put("kind", "consent_added");
      m.put("id", a.consentId());
      m.put("data", a.data());
      m.put("recipient", a.recipient());
      m.put("purpose", a.purpose());
    } else {
      m.put("kind", effect.getClass().getSimpleName());
    }
    return m;
  }

  static Transcript read(Path path) throws IOException {
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Map<String, Object> root = new Yaml().load(reader);
      Map<String, Object> survivor = map(root.get("survivor"));
      List<ConsentView> consents = new ArrayList<>();
      for (Object c : list(survivor.get("consents"))) {
        Map<String, Object> m = map(c);
        consents.add(new ConsentView(str(m.get("id")), str(m.get("data")), str(m.get("recipient")),
            str(m.get("purpose")), str(m.get("until")), str(m.get("status"))));
      }
      String id = survivor.containsKey("id") ? str(survivor.get("id")) : "s-test";
      List<org.voz.requests.FileRequest> requests = new ArrayList<>();
      for (Object r : list(survivor.get("requests"))) {
        Map<String, Object> m = map(r);
        java.time.Instant opened = java.time.Instant.parse(str(m.get("opened")));
        String reference = str(m.get("reference"));
        requests.add(new org.voz.requests.FileRequest(org.voz.requests.FileRequests.id(id, reference), str(m.get("kind")),
            "", "", str(m.get("delivery")), str(m.get("status")), str(m.get("reason")), reference, opened,
            opened.plus(java.time.Duration.ofDays(30)), opened, null, false, false));
      }
      List<Turn> turns = new ArrayList<>();
      for (Object t : list(root.get("turns"))) {
        turns.add(turn(turns.size() + 1, map(t)));
      }
      List<org.voz.feedback.Invitation> surveys = new ArrayList<>();
      for (Object s : list(survivor.get("surveys"))) {
        Map<String, Object> m = map(s);
        surveys.add(org.voz.feedback.Invitation.invited(str(m.get("campaign")), str(m.get("survey"))));
      }
      List<org.voz.feedback.LoopNews> news = new ArrayList<>();
      for (Object n : list(survivor.get("news"))) {
        Map<String, Object> m = map(n);
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        map(m.get("text")).forEach((language, text) -> texts.put(language, str(text)));
        news.add(org.voz.feedback.LoopNews.unread(str(m.get("campaign")), str(m.get("update")), texts,
            texts.keySet().iterator().next()));
      }
      String nudged = root.containsKey("nudged") ? str(root.get("nudged")).replaceAll("\\n+$", "") : null;
      boolean minor = Boolean.TRUE.equals(survivor.get("minor"));
      return new Transcript(path.getFileName().toString(), str(root.get("name")), id, str(survivor.get("language")),
          str(survivor.get("pin")), consents, requests, root.containsKey("waiting_at") ? str(root.get("waiting_at")) : null,
          turns, surveys, news, nudged, survivor.containsKey("risk")
              ? org.voz.safety.RiskLevel.of(str(survivor.get("risk"))).orElseThrow(
                  () -> new IllegalArgumentException("risk: low, medium or high"))
              : minor ? org.voz.safety.RiskLevel.HIGH : org.voz.safety.RiskLevel.LOW, minor,
          survivor.containsKey("erasure_refused") ? str(survivor.get("erasure_refused")) : null);
    }
  }

  private static Turn turn(int number, Map<String, Object> t) {
    Object expect = t.get("expect");
    boolean silent = Boolean.TRUE.equals(t.get("silent")) || expect instanceof List<?> l && l.isEmpty();
    String expected = silent || expect == null ? null : str(expect).replaceAll("\\n+$", "");
    List<String> choices = t.containsKey("choices") ? list(t.get("choices")).stream().map(Transcript::str).toList() : null;
    List<String> alerts = list(t.get("alerts")).stream().map(Transcript::str).toList();
    List<Map<String, String>> effects = null;
    if (t.containsKey("effects")) {
      effects = new ArrayList<>();
      for (Object e : list(t.get("effects"))) {
        Map<String, Object> one = map(e);
        if (one.size() != 1) {
          throw new IllegalArgumentException("turn " + number
              + ": an effect is one of consent:, alert:, ledger:, request:, answer:, progress:, consent_added:, news_read:");
        }
        Map.Entry<String, Object> entry = one.entrySet().iterator().next();
        Map<String, String> flat = new java.util.TreeMap<>();
        flat.put("kind", entry.getKey());
        map(entry.getValue()).forEach((k, v) -> flat.put(k, str(v)));
        effects.add(flat);
      }
    }
    return new Turn(number, str(t.get("send")), Boolean.TRUE.equals(t.get("media")),
        duration(t.get("after")), expected, choices, alerts, effects);
  }

  static Duration duration(Object value) {
    if (value == null) {
      return Duration.ofSeconds(30);
    }
    String text = str(value).trim().toLowerCase(Locale.ROOT);
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("after: " + value + " (use 30s, 16m, 2h, 1d)");
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<Object> list(Object o) {
    return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
