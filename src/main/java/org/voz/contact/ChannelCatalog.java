package org.voz.contact;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The channels Voz sends on, and what each can carry, as the channel modules declare them on their outlets. What a
 * use case asks of a channel (is a reply cut into SMS segments? can what was shown be deleted?) it reads here, never
 * from the channel's id. A channel Voz does not run (its module configured off, or none) carries
 * {@link Capabilities#TEXT}.
 */
public final class ChannelCatalog {

  /** No channel at all. */
  public static final ChannelCatalog NONE = new ChannelCatalog(Map.of());

  private final Map<String, Capabilities> byId;

  /** @param channels each channel's capabilities */
  public ChannelCatalog(Map<ChannelId, Capabilities> channels) {
    Map<String, Capabilities> sorted = new TreeMap<>();
    channels.forEach((id, capabilities) -> sorted.put(id.value(), java.util.Objects.requireNonNull(capabilities)));
    this.byId = java.util.Collections.unmodifiableMap(sorted);
  }

  /** What the channel of this id (as outbox entries and contacts carry it) can carry; plain text if Voz does not run it. */
  public Capabilities of(String channel) {
    return byId.getOrDefault(channel, Capabilities.TEXT);
  }

  public Capabilities of(ChannelId channel) {
    return of(channel.value());
  }

  /** The channels that can delete what a survivor was shown, in the order of their ids. */
  public List<ChannelId> deleting() {
    return byId.entrySet().stream().filter(e -> e.getValue().deletion()).map(e -> new ChannelId(e.getKey())).toList();
  }
}
