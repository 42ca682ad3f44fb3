package org.voz.app;

import org.voz.service.campaigns.CampaignFanout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.voz.testing.TestRedis.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.voz.crypto.Keyring;
import org.voz.store.CampaignProgress;
import org.voz.testing.TestRedis;

@ExtendWith(VertxExtension.class)
@DisplayName("CampaignFanout.InvitedCount: progress.invited written a batch at a time, every invitation counted once")
class InvitedCountTest {

  @Test
  @DisplayName("batches of 3 from two threads at once: a write per full batch, the rest at the flush, 250 in all")
  void batchesThenTheRest(Vertx vertx) throws Exception {
    CampaignProgress progress = new CampaignProgress(await(TestRedis.connect(vertx)), TestRedis.keys(),
        new Keyring(Keyring.newKey()));
    String campaign = "c-" + UUID.randomUUID();
    AtomicInteger writes = new AtomicInteger();
    CampaignFanout.InvitedCount count = new CampaignFanout.InvitedCount(campaign, 3, n -> {
      writes.incrementAndGet();
      return progress.add(campaign, "invited", n);
    });

    List<Future<Void>> adds = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 125; i++) {
          adds.add(count.add());
        }
      });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    await(Future.all(new ArrayList<>(adds)));
    assertThat(invited(progress, campaign)).as("whole batches only, before the flush").isBetween(248L, 250L);
    assertThat(writes.get()).as("far fewer writes than invitations").isLessThan(125);
    await(count.flush());
    assertThat(invited(progress, campaign)).isEqualTo(250);
    int before = writes.get();
    await(count.flush());
    assertThat(writes.get()).as("nothing left: a second flush writes nothing").isEqualTo(before);
    assertThat(invited(progress, campaign)).isEqualTo(250);
  }

  @Test
  @DisplayName("a write that fails keeps its invitations for the next one, and the invitation does not fail")
  void aFailedWriteIsKeptForTheNext(Vertx vertx) {
    CampaignProgress progress = new CampaignProgress(await(TestRedis.connect(vertx)), TestRedis.keys(),
        new Keyring(Keyring.newKey()));
    String campaign = "c-" + UUID.randomUUID();
    boolean[] down = {true};
    CampaignFanout.InvitedCount count = new CampaignFanout.InvitedCount(campaign, 2, n -> down[0]
        ? Future.failedFuture(new IllegalStateException("Redis down"))
        : progress.add(campaign, "invited", n));
    assertThat(count.add().succeeded()).isTrue();
    assertThat(count.add().succeeded()).as("the batch's write failed; the invitation did not").isTrue();
    down[0] = false;
    await(count.add()); // 3 uncounted, over the batch: written
    assertThat(invited(progress, campaign)).isEqualTo(3);
    await(count.flush());
    assertThat(invited(progress, campaign)).isEqualTo(3);
  }

  private static long invited(CampaignProgress progress, String campaign) {
    return await(progress.counters(campaign)).get("invited");
  }
}
