package org.voz.service.staff;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.voz.consent.Survivor;
import org.voz.requests.FileRequest;
import org.voz.staff.StaffMember;
import org.voz.store.DeadLetters;
import org.voz.store.OutboxEntry;
import org.voz.store.RequestIndex;
import org.voz.store.SurvivorRepository;
import org.voz.store.Undelivered;

/**
 * What stays wrong until someone acts, shown above a member's alerts (an alert is acknowledged and gone; these are
 * not): every request of their caseload still waiting past its due date, and every message about one of their
 * survivors that the outbox gave up on (a reply, or the note telling them of an alert) in the last
 * {@link #UNDELIVERED_WINDOW}, unless a later message of the same kind about that survivor went out since (then they
 * are reached again: nothing is wrong any more). A case manager sees their caseload's, an admin everyone's, a coordinator nothing.
 */
public final class InboxFlags {

  /** How far back an undelivered message is still flagged. */
  public static final Duration UNDELIVERED_WINDOW = Duration.ofDays(14);
  /** The kinds of outbox entry whose loss a case manager must hear of (alerts are flagged on their own card). */
  private static final Set<String> MESSAGES = java.util.Arrays.stream(OutboxEntry.Kind.values())
      .filter(OutboxEntry.Kind::flaggedWhenLost).map(OutboxEntry.Kind::wire).collect(Collectors.toUnmodifiableSet());

  /**
   * One flag: {@code overdue} (a request past its due date: {@code what} its reference, {@code since} the due date) or
   * {@code undelivered} (a message given up on: {@code what} its channel, {@code since} when).
   */
  public record Flag(String kind, String survivorId, String caseRef, String what, Instant since) {}

  private final RequestIndex requests;
  private final SurvivorRepository survivors;
  private final DeadLetters dead;
  private final Undelivered undelivered;
  private final Clock clock;

  public InboxFlags(RequestIndex requests, SurvivorRepository survivors, DeadLetters dead, Undelivered undelivered,
      Clock clock) {
    this.requests = requests;
    this.survivors = survivors;
    this.dead = dead;
    this.undelivered = undelivered;
    this.clock = clock;
  }

  /** The member's flags: overdue requests (soonest due first), then undelivered messages (newest first). */
  public Future<List<Flag>> of(StaffMember member) {
    if (!member.is(StaffMember.ADMIN) && !member.is(StaffMember.CASE_MANAGER)) {
      return Future.succeededFuture(List.of());
    }
    Instant now = clock.instant();
    Future<? extends Collection<String>> requesters = member.is(StaffMember.ADMIN)
        ? requests.requesters() : requests.caseload(member.id());
    Future<List<DeadLetters.DeadLetter>> lost = dead.since(now.minus(UNDELIVERED_WINDOW))
        .map(all -> all.stream().filter(d -> MESSAGES.contains(d.kind()) && !d.survivorId().isEmpty()).toList())
        .compose(this::notDeliveredSince);
    return Future.all(requesters, lost).compose(both -> {
      Set<String> ids = new LinkedHashSet<>(requesters.result());
      lost.result().forEach(d -> ids.add(d.survivorId()));
      return read(ids).map(found -> {
        Map<String, Survivor> mine = found.stream()
            .filter(s -> member.is(StaffMember.ADMIN) || member.id().equals(s.caseManager()))
            .collect(Collectors.toMap(Survivor::id, Function.identity()));
        List<Flag> flags = new ArrayList<>();
        mine.values().forEach(s -> s.requests().stream()
            .filter(r -> r.pending() && r.dueAt().isBefore(now))
            .sorted(Comparator.comparing(FileRequest::dueAt))
            .forEach(r -> flags.add(new Flag("overdue", s.id(), s.caseRef(), r.reference(), r.dueAt()))));
        flags.sort(Comparator.comparing(Flag::since));
        lost.result().stream().filter(d -> mine.containsKey(d.survivorId()))
            .sorted(Comparator.comparing(DeadLetters.DeadLetter::at).reversed())
            .forEach(d -> flags.add(new Flag("undelivered", d.survivorId(), mine.get(d.survivorId()).caseRef(),
                d.channel(), d.at())));
        return flags;
      });
    });
  }

  /**
   * The dead letters after which no message of their kind about their survivor went out: those since the first one
   * given up on after the last delivery of the kind ({@link Undelivered}).
   */
  private Future<List<DeadLetters.DeadLetter>> notDeliveredSince(List<DeadLetters.DeadLetter> lost) {
    List<String> ids = lost.stream().map(DeadLetters.DeadLetter::survivorId).distinct().toList();
    List<Future<Map<String, Instant>>> reads = ids.stream().map(undelivered::of).toList();
    return Future.all(reads).map(done -> {
      Map<String, Map<String, Instant>> since = new java.util.HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        since.put(ids.get(i), reads.get(i).result());
      }
      return lost.stream().filter(d -> {
        Instant first = since.get(d.survivorId()).get(d.kind());
        return first != null && !d.at().isBefore(first);
      }).toList();
    });
  }

  private Future<List<Survivor>> read(Set<String> ids) {
    List<Future<Optional<Survivor>>> reads = ids.stream().map(survivors::find).toList();
    return Future.all(reads).map(done -> reads.stream().map(Future::result).flatMap(Optional::stream).toList());
  }
}
