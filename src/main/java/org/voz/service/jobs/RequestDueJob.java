package org.voz.service.jobs;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voz.consent.Survivor;
import org.voz.conversation.Effect;
import org.voz.requests.FileRequest;
import org.voz.requests.FileRequests;
import org.voz.service.EffectWriter;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.store.RequestIndex;

/**
 * Every {@code interval}, raises the due-date alerts of file requests still waiting for their answer:
 * {@code file_request.due_soon} 7 days before the due date, {@code file_request.overdue} once it has passed,
 * each once per request (the record says it was raised, in the same version-checked commit as the alert,
 * so several instances running the job raise it once). Then the survivor is indexed at their next alert.
 */
public final class RequestDueJob extends PeriodicJob {

  private final RequestIndex index;
  private final SurvivorUpdates updates;
  private final Clock clock;

  public RequestDueJob(RequestIndex index, SurvivorUpdates updates, Clock clock, Duration interval) {
    super(interval, Duration.ofMillis(100));
    this.index = index;
    this.updates = updates;
    this.clock = clock;
  }

  /** One pass; the future completes with the number of alerts raised. */
  @Override
  public Future<Integer> run() {
    Instant now = clock.instant();
    return pass("file request due-date alerts", index.due(now), id -> alert(id, now));
  }

  private Future<Integer> alert(String survivorId, Instant now) {
    int[] count = new int[1];
    return updates.update(survivorId, EffectWriter.Actor.system("requests"), state -> {
          Survivor survivor = state.survivor();
          List<Effect> effects = new ArrayList<>();
          List<FileRequest> requests = new ArrayList<>();
          for (FileRequest r : survivor.requests()) {
            boolean soon = r.pending() && !r.dueSoonAlerted() && !now.isBefore(r.dueAt().minus(FileRequests.DUE_SOON));
            boolean over = r.pending() && !r.overdueAlerted() && !now.isBefore(r.dueAt());
            if (over) {
              effects.add(alert("file_request.overdue", r));
            } else if (soon) {
              effects.add(alert("file_request.due_soon", r));
            }
            requests.add(soon || over ? r.withAlerts(true, r.overdueAlerted() || over) : r);
          }
          count[0] = effects.size();
          Survivor updated = effects.isEmpty() ? survivor : survivor.withRequests(requests);
          return new SurvivorUpdates.Change(updated, state.session(), effects, null);
        })
        .compose(survivor -> index.index(survivorId, FileRequests.earliestAlert(survivor.requests())))
        .map(v -> count[0]);
  }

  private static Effect alert(String type, FileRequest r) {
    return new Effect.RaiseAlert(type, Map.of("requestId", r.id(), "reference", r.reference(), "requestKind", r.kind(),
        "status", r.status(), "dueAt", r.dueAt().toString()));
  }
}
