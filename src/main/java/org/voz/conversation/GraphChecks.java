package org.voz.conversation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks of the graph of steps: every step reachable, no loop of messages. */
final class GraphChecks {

  private final Map<String, Flow> flows;
  private final List<Finding> findings = new ArrayList<>();

  private GraphChecks(Map<String, Flow> flows) {
    this.flows = flows;
  }

  static List<Finding> check(ConversationLoader.Loaded loaded) {
    GraphChecks checks = new GraphChecks(loaded.flows());
    checks.checkReachable();
    loaded.flows().values().forEach(flow -> flow.steps().values().stream()
        .filter(step -> !step.waits())
        .forEach(step -> checks.checkNoLoop(flow, step)));
    return checks.findings;
  }

  /**
   * Message steps (and PIN steps, which pass once verified, and consent checks, which pass either way)
   * must lead to a step that waits or ends, whichever way they branch.
   */
  private void checkNoLoop(Flow flow, Step from) {
    if (loops(new StepRef(flow.id(), from.id()), new HashSet<>())) {
      findings.add(Finding.error(from.source(),
          flow.id() + "." + from.id() + " loops through messages without waiting for an answer"));
    }
  }

  private boolean loops(StepRef ref, Set<StepRef> path) {
    if (ref == null) {
      return false;
    }
    if (!path.add(ref)) {
      return true;
    }
    Step step = flows.get(ref.flow()).step(ref.step());
    // a step that does not wait (and a PIN step, once verified) goes on by itself, to any of its targets
    boolean passes = !step.waits() || step instanceof PinStep;
    boolean loops = passes && step.targets().stream()
        .anyMatch(next -> loops(StepRef.resolve(flows, ref.flow(), next), path));
    path.remove(ref);
    return loops;
  }

  private void checkReachable() {
    Set<StepRef> reached = new HashSet<>();
    Deque<StepRef> todo = new ArrayDeque<>();
    for (String entry : SystemChecks.ENTRY_FLOWS) {
      Flow flow = flows.get(entry);
      if (flow != null && flow.step(flow.start()) != null) {
        todo.add(new StepRef(entry, flow.start()));
      }
    }
    // the engine leads a voice note or a picture to the offer of a person
    StepRef media = Conversations.MEDIA_OFFER;
    if (flows.containsKey(media.flow()) && flows.get(media.flow()).step(media.step()) != null) {
      todo.add(media);
    }
    // a survey flow is entered by start_survey, at its start (or where the survivor stopped, reached from it)
    flows.values().stream().filter(f -> f.survey() != null && f.step(f.start()) != null)
        .forEach(f -> todo.add(new StepRef(f.id(), f.start())));
    while (!todo.isEmpty()) {
      StepRef ref = todo.pop();
      if (!reached.add(ref)) {
        continue;
      }
      Step step = flows.get(ref.flow()).step(ref.step());
      for (String next : step.targets()) {
        StepRef target = StepRef.resolve(flows, ref.flow(), next);
        if (target != null) {
          todo.add(target);
        }
      }
    }
    for (Flow flow : flows.values()) {
      for (Step step : flow.steps().values()) {
        if (!reached.contains(new StepRef(flow.id(), step.id()))) {
          findings.add(Finding.error(step.source(), flow.id() + "." + step.id() + " is unreachable"));
        }
      }
    }
  }
}
