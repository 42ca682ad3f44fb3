package org.voz.conversation;

import org.voz.consent.ConsentView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shows steps: from one step on, until a step waits for an answer or the conversation ends. */
final class StepWalker {

  /** Message steps chained longer than this are a loop; the validator should have caught it. */
  private static final int MAX_HOPS = 32;

  private final Conversations conversations;
  private final ConsentList consentList;
  private final RequestActions requests;
  private final SurveySteps surveys;
  private final CodesignOffer codesign;
  /** The variable of how many months the co-design team may contact a survivor who opts in. */
  static final String CODESIGN_MONTHS = "codesign_months";

  StepWalker(Conversations conversations, RequestActions requests, CodesignOffer codesign) {
    this.conversations = conversations;
    this.consentList = new ConsentList(conversations);
    this.requests = requests;
    this.surveys = new SurveySteps(conversations);
    this.codesign = codesign;
  }

  SurveySteps surveys() {
    return surveys;
  }

  CodesignOffer codesign() {
    return codesign;
  }

  /** The start of everything: the PIN prompt, or the main menu once verified (a PIN step passes then). */
  void enterHome(Draft d, SurvivorView view) {
    d.invalidCount = 0;
    if (d.locked) {
      lock(d);
      return;
    }
    enter(d, conversations.start(Conversations.MAIN), view);
  }

  void enterFlow(Draft d, String flowId, SurvivorView view) {
    d.invalidCount = 0;
    enter(d, conversations.start(flowId), view);
  }

  /** Shows steps from {@code ref} on; a flow that requires the PIN sends an unverified survivor home. */
  void enter(Draft d, StepRef ref, SurvivorView view) {
    for (int hop = 0; hop < MAX_HOPS && ref != null; hop++) {
      Step step = conversations.step(ref);
      if (step.requiresPin() && !d.verified) {
        ref = conversations.start(Conversations.MAIN);
      } else if (step instanceof ConsentCheckStep c) {
        ref = conversations.resolve(ref.flow(), check(d, c, view) ? c.next() : c.none());
      } else if (step instanceof ExitCheckStep c) {
        boolean afterExit = d.vars.remove(PersonActions.VAR_AFTER_EXIT) != null;
        ref = conversations.resolve(ref.flow(), afterExit ? c.next() : c.none());
      } else if (step instanceof SurveyCheckStep c) {
        ref = conversations.resolve(ref.flow(), surveys.check(d, view) ? c.next() : c.none());
      } else if (step instanceof QuestionStep && surveys.selected(d, view).isEmpty()) {
        ref = conversations.start(Conversations.MAIN); // a question outside a campaign has nowhere to go
      } else if (step instanceof SurveyDoneStep done) {
        surveys.done(d, view);
        d.say(render(done, d, view));
        ref = conversations.resolve(ref.flow(), done.next());
      } else if (step instanceof ConsentPickStep p && ConsentActions.listed(p, d, view).isEmpty()) {
        ref = conversations.resolve(ref.flow(), p.empty());
      } else if (step instanceof ErasureNewsStep e) {
        if (view.erasureRefusal() != null && d.effects.stream().noneMatch(Effect.ErasureRefusalTold.class::isInstance)) {
          d.say(render(e, d, view, Map.of(ErasureNewsStep.VARIABLE, view.erasureRefusal())));
          d.effects.add(new Effect.ErasureRefusalTold());
        }
        ref = conversations.resolve(ref.flow(), e.next());
      } else if (step instanceof NewsStep n) {
        news(d, n, view);
        ref = conversations.resolve(ref.flow(), n.next());
      } else if (step instanceof MessageStep m) {
        d.say(render(m, d, view));
        ref = conversations.resolve(ref.flow(), m.next());
      } else if (step instanceof PinStep p && d.verified) {
        ref = conversations.resolve(ref.flow(), p.next());
      } else if (step instanceof ChoiceStep c && !view.policy().codesignInvitations() && codesignOffer(c)) {
        ref = conversations.resolve(ref.flow(), declined(c)); // not made at this risk level: as if declined
      } else {
        show(d, ref, step, view);
        return;
      }
    }
    d.endConversation();
  }

  /** Whether a choice step is the co-design invitation: one of its options opts in. */
  private static boolean codesignOffer(ChoiceStep step) {
    return step.options().stream().anyMatch(o -> o.actions().stream().anyMatch(a -> a.name().equals(Action.CODESIGN_OPT_IN)));
  }

  /** Where declining the co-design invitation leads: the first option that does not opt in ({@code null}: the end). */
  private static String declined(ChoiceStep step) {
    return step.options().stream()
        .filter(o -> o.actions().stream().noneMatch(a -> a.name().equals(Action.CODESIGN_OPT_IN)) && o.next() != null)
        .map(Option::next).findFirst().orElse(null);
  }

  /**
   * Selects the first consent in the step's statuses not put off in this conversation; with {@code selected: true},
   * whether the consent already selected is in them (as this step's changes left it).
   */
  private static boolean check(Draft d, ConsentCheckStep step, SurvivorView view) {
    if (step.selected()) {
      return ConsentActions.selected(d, view)
          .filter(c -> step.statuses().isEmpty() || step.statuses().contains(c.status())).isPresent();
    }
    java.util.Set<String> deferred = ConsentActions.deferred(d);
    return ConsentActions.listed(step, d, view).stream()
        .filter(c -> !deferred.contains(c.id()))
        .findFirst()
        .map(c -> {
          d.vars.put(ConsentActions.VAR_CONSENT, c.id());
          return true;
        })
        .orElse(false);
  }

  /**
   * A news step: its text once for each update kept for the survivor and not read yet (in this conversation's
   * language, else the update's first), each then marked read. Said only once verified ({@link #enter} sees to it).
   */
  private void news(Draft d, NewsStep step, SurvivorView view) {
    java.util.Set<String> read = new java.util.HashSet<>();
    d.effects.stream().filter(Effect.NewsRead.class::isInstance).map(Effect.NewsRead.class::cast)
        .forEach(r -> read.add(r.campaignId() + "\n" + r.updateId()));
    for (org.voz.feedback.LoopNews news : view.news()) {
      if (read.add(news.campaignId() + "\n" + news.updateId())) {
        d.say(render(step, d, view, Map.of(NewsStep.VARIABLE, news.text(language(d)))));
        d.effects.add(new Effect.NewsRead(news.campaignId(), news.updateId()));
      }
    }
  }

  private void show(Draft d, StepRef ref, Step step, SurvivorView view) {
    if (step instanceof ConsentPickStep && !ref.equals(d.current())) {
      d.vars.remove(ConsentActions.VAR_PAGE);
    }
    String text = render(step, d, view);
    d.ask(text, choices(d, step), step instanceof ChoiceStep);
    if (step instanceof EndStep) {
      d.endConversation();
    } else {
      d.waitAt(ref);
      surveys.progress(d, ref, view);
    }
  }

  /** The step's text as the survivor reads it, with the numbered lines of its choices (for the ledger). */
  String prompt(Draft d, Step step, SurvivorView view) {
    return Prompts.numbered(render(step, d, view), choices(d, step));
  }

  /** What a step offers to answer with: a choice step's options, a question's answers; none for the others. */
  private List<Choice> choices(Draft d, Step step) {
    if (step instanceof QuestionStep question) {
      return surveys.choices(question, language(d));
    }
    return step instanceof ChoiceStep choice ? Choice.numbered(labels(d, choice.options())) : List.of();
  }

  private List<String> labels(Draft d, List<Option> options) {
    return Option.labels(options, conversations, language(d));
  }

  void quickExit(Draft d) {
    d.endConversation();
    d.vars.put(PersonActions.VAR_AFTER_EXIT, "1"); // the next conversation offers a person, once verified
    d.say(conversations.systemText("quick_exit", language(d)));
  }

  void lock(Draft d) {
    d.endConversation();
    d.say(conversations.systemText("locked", language(d)));
  }

  void saySystem(Draft d, String key) {
    d.say(conversations.systemText(key, language(d)));
  }

  String language(Draft d) {
    return conversations.languageOf(d.language);
  }

  /**
   * Fills a step's variables; the personal ones only once the PIN is verified: {@code {consents}} and
   * {@code {count}} (a consent_pick step's listed items, a page at a time; else all of them), and the
   * selected consent's {@code {data}}, {@code {recipient}}, {@code {purpose}}, {@code {until}},
   * {@code {status}} in plain words, and {@code {receipt}}.
   */
  private String render(Step step, Draft d, SurvivorView view) {
    return render(step, d, view, Map.of());
  }

  /** As {@link #render(Step, Draft, SurvivorView)}, with {@code shown}: values of the step's own, once verified. */
  private String render(Step step, Draft d, SurvivorView view, Map<String, String> shown) {
    String language = language(d);
    String template = step.text().in(language, conversations.defaultLanguage(), youth(d, view));
    // only what the template names changes the text: the rest (the list of every consent above all) is not worked out
    java.util.Set<String> used = Text.variablesOf(template);
    Map<String, String> vars = new HashMap<>();
    if (d.verified) {
      d.vars.forEach(vars::put);
      vars.putAll(shown);
      if (used.contains("compensation")) {
        vars.put("compensation", codesign.compensation(language, conversations.defaultLanguage()));
      }
      if (used.contains(CODESIGN_MONTHS)) {
        vars.put(CODESIGN_MONTHS, String.valueOf(codesign.months()));
      }
      if (!java.util.Collections.disjoint(used, ConsentList.FIELDS)) {
        ConsentActions.selected(d, view).ifPresent(c -> vars.putAll(consentList.fields(c, language)));
      }
      if (step instanceof ConsentPickStep pick) {
        return renderPage(pick, d, view, vars, language).text();
      } else if (used.contains("count") || used.contains("consents")) {
        List<ConsentView> all = ConsentActions.effective(d, view);
        vars.put("count", String.valueOf(all.size()));
        vars.put("consents", consentList.renderAll(all, language));
      }
      if (used.stream().anyMatch(RequestActions.VARIABLES::contains)) {
        vars.putAll(requests.variables(d, view, language));
      }
    } else {
      d.vars.forEach((k, v) -> {
        if (!FlowChecks.ENGINE_VARIABLES.contains(k) && !ConsentActions.VAR_CONSENT.equals(k)
            && !k.startsWith("request_")) {
          vars.put(k, v);
        }
      });
    }
    return Text.fill(template, vars);
  }

  /**
   * Whether a step's simpler wording for a minor ({@code es-youth}), where one is written, is said: to a minor, once
   * verified (before the PIN every text stays the one a watcher may read).
   */
  private static boolean youth(Draft d, SurvivorView view) {
    return d.verified && view.minor();
  }

  /** A page of a consent_pick step: its text and how many consents it shows. */
  record Page(String text, int shown) {}

  /**
   * The step's text with as many of its consents (from the page offset on, at most
   * {@link ConsentList#PAGE_SIZE}) as fit {@link TextChecks#SEGMENT_BUDGET} SMS segments; at least one.
   */
  Page renderPage(ConsentPickStep step, Draft d, SurvivorView view, Map<String, String> vars, String language) {
    List<ConsentView> listed = ConsentActions.listed(step, d, view);
    vars.put("count", String.valueOf(listed.size()));
    String template = step.text().in(language, conversations.defaultLanguage(), youth(d, view));
    for (int size = ConsentList.PAGE_SIZE; ; size--) {
      vars.put("consents", consentList.render(listed, page(d), size, language));
      String text = Text.fill(template, vars);
      if (size == 1 || SmsSegments.segments(text) <= TextChecks.SEGMENT_BUDGET) {
        return new Page(text, Math.min(size, listed.size() - ConsentList.pageStart(page(d), listed.size())));
      }
    }
  }

  /** How many consents the page the survivor sees at a consent_pick step shows. */
  int shownOnPage(ConsentPickStep step, Draft d, SurvivorView view) {
    Map<String, String> vars = new HashMap<>(d.vars);
    ConsentActions.selected(d, view).ifPresent(c -> vars.putAll(consentList.fields(c, language(d))));
    return renderPage(step, d, view, vars, language(d)).shown();
  }

  static int page(Draft d) {
    try {
      return Integer.parseInt(d.vars.getOrDefault(ConsentActions.VAR_PAGE, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
