package org.voz.service.campaigns;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voz.consent.Survivor;
import org.voz.feedback.Campaign;
import org.voz.feedback.Invitation;
import org.voz.feedback.Participation;
import org.voz.safety.WriteFirst;
import org.voz.service.ConversationNudge;
import org.voz.service.EffectWriter;
import org.voz.service.Refusal;
import org.voz.service.casework.SurvivorUpdates;
import org.voz.service.jobs.PeriodicJob;
import org.voz.store.CampaignProgress;
import org.voz.store.CampaignStore;
import org.voz.store.FeedbackCohort;

/**
 * Every {@code feedback.invitations.every}, invites the cohort of each campaign whose start time has come:
 * for every survivor who agreed to be asked for feedback, in the campaign's filters (language, programme,
 * exit date), never opted out or locked, not invited yet, and whose risk level lets Voz invite them
 * ({@link WriteFirst}: never at high, only on the safe channel at medium), one version-checked commit (through
 * {@link SurvivorUpdates}, like a new consent request) records the invitation in their record and queues the
 * neutral nudge ("You have a new message. Reply with your PIN to read it.") for their safe channel and hours;
 * after the PIN, the main flow offers the survey.
 *
 * <p>Queued fast, sent at a pace: {@value #IN_FLIGHT} commits are in flight at once, spread over an event loop
 * per core (each opens and re-seals a survivor record: on one event loop, that thread is the limit), so a
 * cohort of 100,000 is queued in seconds; each nudge gets the next send slot of this instance ({@link SendSlots}: one every
 * 1/{@code perSecond} s, over passes and campaigns) as its outbox {@code notBefore} (moved to the next
 * opening of the survivor's contact hours if it falls outside them), so the outbox sends them at {@code perSecond}. The rate can be no
 * higher than the channel's own limit and the outbox's promotion of due entries (partitions x
 * {@code outbox.batchSize} per {@code outbox.sweepInterval}). A nudge whose commit failed leaves its slot
 * unused.
 *
 * <p>A survivor inside the campaign's quiet hours (in their own time zone), or whose invitation failed, is
 * left for a later pass. One instance fans a campaign out at a time (a lease); a survivor is never invited
 * twice, so a pass cut short, or one that left people for their quiet hours or after a failure, is finished
 * by a later one.
 */
public final class CampaignFanout extends PeriodicJob {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignFanout.class);
  private static final Duration LEASE = Duration.ofMinutes(10);
  public static final String ID_PREFIX = "invite:";
  /** Invitation commits in flight at once in a pass. */
  static final int IN_FLIGHT = 16;
  /** Invitations counted in {@code progress.invited} with one write. */
  static final int COUNT_BATCH = 100;

  private final CampaignStore campaigns;
  private final CampaignProgress progress;
  private final FeedbackCohort cohort;
  private final SurvivorUpdates updates;
  private final ConversationNudge nudge;
  private final Clock clock;
  private final SendSlots slots;
  /** Where the invitations run: the event loops borrowed at start (none before: the caller's). */
  private volatile List<Context> loops = List.of();

  public CampaignFanout(CampaignStore campaigns, CampaignProgress progress, FeedbackCohort cohort, SurvivorUpdates updates,
      ConversationNudge nudge, Clock clock, InvitationPace pace) {
    super(pace.every(), pace.every());
    this.campaigns = campaigns;
    this.progress = progress;
    this.cohort = cohort;
    this.updates = updates;
    this.nudge = nudge;
    this.clock = clock;
    this.slots = new SendSlots(pace.perSecond());
  }

  /** Borrows an event loop per core (at most {@value #IN_FLIGHT}) for the invitations, then starts the passes. */
  @Override
  public Future<?> start() {
    int n = Math.max(1, Math.min(IN_FLIGHT, Runtime.getRuntime().availableProcessors()));
    return borrowEventLoops(n).compose(borrowed -> {
      loops = borrowed;
      return super.start();
    });
  }

  /** One pass over the started campaigns; completes with the number of invitations queued. */
  @Override
  public Future<Integer> run() {
    return campaigns.started(clock.instant()).compose(ids -> oneByOne(ids, this::campaign)).onFailure(e -> LOG.warn("campaign fan-out pass failed: {}", e.getClass().getSimpleName()));
  }

  private Future<Integer> campaign(String id) {
    return campaigns.find(id).compose(found -> {
      Campaign c = found.orElse(null);
      if (c == null || c.closed(clock.instant())) {
        return Future.succeededFuture(0);
      }
      Left left = new Left(id);
      return campaigns.claimFanout(id, LEASE).compose(claimed -> !claimed ? Future.succeededFuture(0)
          : cohort.members().compose(ids -> inviteAll(c, ids, left))
              .compose(n -> left.invited.flush().map(n))
              // anyone left (quiet hours, a failed invitation): a later pass finishes; otherwise done for good
              .compose(n -> (left.quiet.get() + left.failed.get() > 0 ? campaigns.releaseFanout(id) : campaigns.fanoutDone(id)).map(n))
              .onSuccess(n -> LOG.info("campaign fan-out pass id={} invited={} inQuietHours={} failed={}", id, n,
                  left.quiet.get(), left.failed.get())));
    });
  }

  /** Who a pass left for a later one (counted from several invitations in flight), and who it invited. */
  private final class Left {
    final AtomicInteger quiet = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final InvitedCount invited;

    Left(String campaignId) {
      this.invited = new InvitedCount(campaignId, COUNT_BATCH, n -> progress.add(campaignId, Invitation.INVITED, n));
    }
  }

  /**
   * The invitations of a pass not yet counted in {@code progress.invited}, written a batch at a time after their
   * commits (one write per batch, not per invitation), from invitations in flight on several event loops: a
   * crash can leave up to a batch uncounted, never count one twice.
   */
  public static final class InvitedCount {
    private final String campaignId;
    private final int batch;
    private final java.util.function.IntFunction<Future<Void>> write;
    private final AtomicInteger uncounted = new AtomicInteger();

    /** @param write adds its argument to the campaign's {@code progress.invited} */
    public InvitedCount(String campaignId, int batch, java.util.function.IntFunction<Future<Void>> write) {
      this.campaignId = campaignId;
      this.batch = batch;
      this.write = write;
    }

    /** One more invitation committed; the batch's last writes the batch. Never fails. */
    public Future<Void> add() {
      return uncounted.incrementAndGet() >= batch ? flush() : Future.succeededFuture();
    }

    /** Writes the invitations not counted yet; a failed write keeps them for the next one (the pass's last). */
    public Future<Void> flush() {
      int n = uncounted.getAndSet(0);
      if (n == 0) {
        return Future.succeededFuture();
      }
      return write.apply(n).recover(e -> {
        uncounted.addAndGet(n);
        LOG.warn("campaign progress not updated campaign={} invitations={} error={}", campaignId, n,
            e.getClass().getSimpleName());
        return Future.succeededFuture();
      });
    }
  }

  /**
   * Invites {@code ids}, {@value #IN_FLIGHT} at a time spread over the borrowed event loops (each invitation
   * opens and re-seals a record: one event loop would be the limit); completes with how many were invited,
   * back on this verticle's context.
   */
  private Future<Integer> inviteAll(Campaign c, List<String> ids, Left left) {
    Context home = Vertx.currentContext();
    Promise<Integer> done = Promise.promise();
    inParallel(ids, IN_FLIGHT, loops, id -> invite(c, id, left).map(invited -> invited ? 1 : 0))
        .onComplete(result -> {
          if (home == null) {
            done.handle(result);
          } else {
            home.runOnContext(v -> done.handle(result));
          }
        });
    return done.future();
  }

  /**
   * True when {@code survivorId} was invited now. Quiet hours are checked last, only for someone otherwise
   * eligible, so that nobody who will never be invited keeps the campaign's fan-out open.
   */
  private Future<Boolean> invite(Campaign c, String survivorId, Left left) {
    boolean[] invited = new boolean[1];
    boolean[] quiet = new boolean[1];
    long[] slot = {0}; // taken once, kept if the change is applied again after a conflict
    return updates.update(survivorId, EffectWriter.Actor.system("campaign"), state -> {
          invited[0] = false;
          quiet[0] = false;
          Survivor s = state.survivor();
          Participation p = s.feedback();
          var opened = nudge.open(state.session());
          boolean talking = opened == null && !state.session().optedOut() && !state.session().locked();
          // a survivor whose risk level holds back invitations (high: Voz never writes first; medium: only on a safe
          // channel) is not invited at all: not even offered the survey after their next PIN
          if (!p.acceptsRequests() || p.invitation(c.id()).isPresent() || (opened == null && !talking)
              || !c.cohort().includes(s.language(), p.programme(), p.exitedOn())
              || updates.route(s, WriteFirst.Purpose.INVITATION).isEmpty()) {
            return new SurvivorUpdates.Change(s, state.session(), List.of(), null);
          }
          String zone = updates.windowOf(s).timezone(); // their own, else their phone number's place's
          quiet[0] = c.quietHours().quietAt(java.time.LocalTime.ofInstant(clock.instant(), java.time.ZoneId.of(zone)));
          if (quiet[0]) {
            return new SurvivorUpdates.Change(s, state.session(), List.of(), null);
          }
          invited[0] = true;
          if (!talking && slot[0] == 0) {
            slot[0] = slots.next(clock.millis());
          }
          Survivor withInvitation = s.withFeedback(p.with(Invitation.invited(c.id(), c.surveyId(), c.closesAt())));
          // in the middle of a conversation: no nudge; the offer comes after their next PIN
          return talking
              ? new SurvivorUpdates.Change(withInvitation, state.session(), List.of(), null)
              : new SurvivorUpdates.Change(withInvitation, opened, List.of(), nudge.text(s.language()),
                  ID_PREFIX + c.id() + ":" + UUID.randomUUID(), slot[0], WriteFirst.Purpose.INVITATION);
        })
        .compose(s -> {
          if (quiet[0]) {
            left.quiet.incrementAndGet();
          }
          return invited[0] ? left.invited.add().map(true) : Future.succeededFuture(false);
        })
        .recover(e -> {
          if (e instanceof Refusal refused && refused.kind() == Refusal.Kind.NOT_FOUND) {
            return Future.succeededFuture(false); // in the cohort without a record (an enrolment that did not complete)
          }
          // left for a later pass; an invitation committed before the failure is not repeated (invited once)
          left.failed.incrementAndGet();
          LOG.warn("campaign invitation failed campaign={} survivor={} error={}", c.id(), survivorId, e.getClass().getSimpleName());
          return Future.succeededFuture(false);
        });
  }
}
