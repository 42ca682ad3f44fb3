package org.voz.web.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.ext.web.RoutingContext;

/** Renders the console's precompiled jte templates ({@code src/main/jte}, compiled with the sources). */
final class Renderer {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  void render(RoutingContext ctx, int status, String template, Object view) {
    StringOutput output = new StringOutput();
    engine.render(template, view, output);
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(output.toString());
    }
  }

  /** The template rendered to text (a piece of a page, e.g. one alert card sent to an open inbox). */
  String html(String template, Object view) {
    StringOutput output = new StringOutput();
    engine.render(template, view, output);
    return output.toString();
  }

  static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).end();
  }
}
