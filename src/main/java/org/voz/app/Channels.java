package org.voz.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.voz.channel.ChannelContext;
import org.voz.channel.ChannelModule;
import org.voz.channel.simulator.SimulatorModule;
import org.voz.channel.telegram.TelegramModule;
import org.voz.channel.twilio.TwilioModule;

/** The channel modules Voz runs, in one place: a new channel is one folder and one line here. */
final class Channels {

  private Channels() {}

  static List<ChannelModule> modules(ChannelContext ctx, Config config, List<Function<ChannelContext, ChannelModule>> more) {
    List<ChannelModule> modules = new ArrayList<>();
    if (!config.production() && config.simulator().enabled()) {
      modules.add(new SimulatorModule(ctx, DemoSurvivors.PERSONAS));
    }
    modules.add(new TwilioModule(ctx, config.twilio()));
    modules.add(new TelegramModule(ctx, config.telegram()));
    more.forEach(channel -> modules.add(channel.apply(ctx)));
    return List.copyOf(modules);
  }
}
