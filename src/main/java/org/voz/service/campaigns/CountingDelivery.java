package org.voz.service.campaigns;

import io.vertx.core.Future;
import org.voz.dispatch.Delivery;
import org.voz.store.CampaignProgress;
import org.voz.store.OutboxEntry;

/** Counts a campaign's invitations as {@code delivered} once their channel accepted them. */
public final class CountingDelivery implements Delivery {

  private final Delivery inner;
  private final CampaignProgress progress;

  public CountingDelivery(Delivery inner, CampaignProgress progress) {
    this.inner = inner;
    this.progress = progress;
  }

  @Override
  public Future<Void> deliver(OutboxEntry entry) {
    return deliver(entry, Confirmation.NONE);
  }

  @Override
  public Future<Void> deliver(OutboxEntry entry, Confirmation confirmed) {
    return counted(entry, inner.deliver(entry, confirmed));
  }

  /** Sent again after an attempt whose outcome is unknown (that attempt was not counted: it never completed here). */
  @Override
  public Future<Void> deliverAgain(OutboxEntry entry, Confirmation confirmed, java.time.Instant since) {
    return counted(entry, inner.deliverAgain(entry, confirmed, since));
  }

  private Future<Void> counted(OutboxEntry entry, Future<Void> sent) {
    if (!entry.id().startsWith(CampaignFanout.ID_PREFIX)) {
      return sent;
    }
    String campaign = entry.id().substring(CampaignFanout.ID_PREFIX.length(), entry.id().lastIndexOf(':'));
    return sent.compose(v -> progress.count(campaign, "delivered").recover(e -> Future.succeededFuture()));
  }
}
