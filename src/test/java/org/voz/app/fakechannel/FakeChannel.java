package org.voz.app.fakechannel;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.voz.channel.ChannelContext;
import org.voz.channel.ChannelModule;
import org.voz.contact.Capabilities;
import org.voz.contact.ChannelId;
import org.voz.dispatch.OutboundText;
import org.voz.service.inbound.InboundMessage;

/**
 * A channel that exists only in a test, to show what a new channel is: this one folder, and one line where
 * the modules are listed. Its webhook takes {@code POST /webhooks/fake?from=…&id=…} with the text as the body;
 * its sender keeps what the outbox delivered, by address.
 */
public final class FakeChannel implements ChannelModule {

  public static final ChannelId FAKE = new ChannelId("fake");

  private final ChannelContext ctx;
  private final Map<String, List<String>> sent = new ConcurrentHashMap<>();

  public FakeChannel(ChannelContext ctx) {
    this.ctx = ctx;
  }

  public List<String> sentTo(String address) {
    return sent.getOrDefault(address, List.of());
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public List<Outlet> outlets() {
    return List.of(new Outlet(FAKE, Capabilities.TEXT, this::send));
  }

  private Future<List<String>> send(String address, OutboundText text) {
    sent.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(text.asText()); // the words with their choices as numbered lines, as a text channel shows them
    return Future.succeededFuture(List.of());
  }

  @Override
  public void mount(Router router) {
    router.post("/webhooks/fake").handler(rc -> ctx.inbound()
        .receive(new InboundMessage(FAKE.value(), rc.queryParams().get("from"), rc.body().asString(), false,
            "fake:" + rc.queryParams().get("id")))
        .onSuccess(result -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail));
  }
}
