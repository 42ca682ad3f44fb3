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
        .filter(step -> step.type() == Step.Type.MESSAGE)
        .forEach(step -> checks.checkNoLoop(flow, step)));
    return checks.findings;
  }

  /** Message steps (and PIN steps, which pass once verified) must lead to a step that waits or ends. */
  private void checkNoLoop(Flow flow, Step from) {
    Set<StepRef> seen = new HashSet<>();
    StepRef ref = new StepRef(flow.id(), from.id());
    while (ref != null && seen.add(ref)) {
      Step step = flows.get(ref.flow()).step(ref.step());
      if (step.type() != Step.Type.MESSAGE && step.type() != Step.Type.PIN) {
        return;
      }
      ref = StepRef.resolve(flows, ref.flow(), step.next());
    }
    if (ref != null) {
      findings.add(Finding.error(from.source(),
          flow.id() + "." + from.id() + " loops through messages without waiting for an answer"));
    }
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
    while (!todo.isEmpty()) {
      StepRef ref = todo.pop();
      if (!reached.add(ref)) {
        continue;
      }
      Step step = flows.get(ref.flow()).step(ref.step());
      List<String> nexts = new ArrayList<>();
      nexts.add(step.next());
      step.options().forEach(o -> nexts.add(o.next()));
      for (String next : nexts) {
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
