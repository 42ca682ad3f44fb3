package org.voz.channel.simulator;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.voz.channel.ChannelSender;
import org.voz.conversation.Choice;
import org.voz.dispatch.OutboundText;

/**
 * The simulator's "phone": replies the outbox delivered to a simulated address, kept in memory (dev
 * only) until the simulator page or {@code voz chat} reads them. The last 200 per address are kept.
 */
public final class SimulatorInbox implements ChannelSender {

  private static final int KEEP = 200;

  /**
   * One delivered reply: its text with the choices as numbered lines, and a menu's labels (the page shows them as
   * buttons); {@code seq} grows per address so a client asks for what came after.
   */
  public record Delivered(long seq, String text, List<String> choices) {}

  private final Map<String, List<Delivered>> byAddress = new ConcurrentHashMap<>();

  @Override
  public Future<List<String>> send(String address, OutboundText text) {
    List<Delivered> list = byAddress.computeIfAbsent(address, a -> new ArrayList<>());
    synchronized (list) {
      long seq = list.isEmpty() ? 1 : list.get(list.size() - 1).seq() + 1;
      list.add(new Delivered(seq, text.asText(), text.buttons().stream().map(Choice::label).toList()));
      if (list.size() > KEEP) {
        list.remove(0);
      }
    }
    return Future.succeededFuture(List.of());
  }

  public List<Delivered> after(String address, long seq) {
    List<Delivered> list = byAddress.getOrDefault(address, List.of());
    synchronized (list) {
      return list.stream().filter(d -> d.seq() > seq).toList();
    }
  }
}
