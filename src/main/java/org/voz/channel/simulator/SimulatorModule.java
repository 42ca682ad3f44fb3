package org.voz.channel.simulator;

import org.voz.channel.ChannelSender;

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

  /**
   * The SMS numbers the simulator owns: +1 555 555 0100 to 0199 (fictional numbers). A survivor enrolled in development
   * with one of them chats from the simulator, and what Voz sends them lands in its inbox instead of going to Twilio.
   */
  public static final java.util.regex.Pattern OWNED = java.util.regex.Pattern.compile("\\+155555501[0-9]{2}");

  private final SimulatorInbox inbox = new SimulatorInbox();
  private final SimulatorRoutes routes;

  public SimulatorModule(ChannelContext ctx, List<SimulatorRoutes.Persona> personas) {
    if (ctx.production()) {
      throw new IllegalArgumentException("the simulator is for development only");
    }
    this.routes = new SimulatorRoutes(ctx.inbound(), inbox, personas, SimulatorModule::owns);
  }

  public static boolean owns(String smsNumber) {
    return smsNumber != null && OWNED.matcher(smsNumber).matches();
  }

  /** The SMS sender, except for the numbers the simulator owns: theirs come to the simulator's inbox. */
  public ChannelSender owning(ChannelSender sms) {
    return new ChannelSender() {
      @Override
      public io.vertx.core.Future<List<String>> send(String address, org.voz.dispatch.OutboundText text) {
        return owns(address) ? inbox.send(address, text)
            : sms != null ? sms.send(address, text)
            : io.vertx.core.Future.failedFuture(org.voz.dispatch.DeliveryException.permanentFailure("no SMS sender"));
      }

      /** Twilio's numbers keep asking Twilio whether it already has a message sent again. */
      @Override
      public io.vertx.core.Future<List<String>> sendAgain(String address, org.voz.dispatch.OutboundText text,
          java.time.Instant since) {
        return owns(address) || sms == null ? send(address, text) : sms.sendAgain(address, text, since);
      }
    };
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
