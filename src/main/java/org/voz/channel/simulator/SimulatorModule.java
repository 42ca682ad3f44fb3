package org.voz.channel.simulator;

import io.vertx.ext.web.Router;
import java.util.List;
import org.voz.channel.ChannelContext;
import org.voz.channel.ChannelModule;
import org.voz.contact.Capabilities;
import org.voz.contact.ChannelId;

/**
 * The local chat simulator (development only, never in production): the page at {@code /simulator} and
 * {@code voz chat} write as a demo survivor on the {@code sim} channel, and read what the outbox delivered to
 * the simulator's in-memory inbox.
 */
public final class SimulatorModule implements ChannelModule {

  private final SimulatorInbox inbox = new SimulatorInbox();
  private final SimulatorRoutes routes;

  public SimulatorModule(ChannelContext ctx, List<SimulatorRoutes.Persona> personas) {
    if (ctx.production()) {
      throw new IllegalArgumentException("the simulator is for development only");
    }
    this.routes = new SimulatorRoutes(ctx.inbound(), inbox, personas);
  }

  @Override
  public String name() {
    return "simulator";
  }

  @Override
  public List<Outlet> outlets() {
    return List.of(new Outlet(ChannelId.SIMULATOR, Capabilities.TEXT.withButtons(), inbox));
  }

  @Override
  public void mount(Router router) {
    routes.mount(router);
  }
}
