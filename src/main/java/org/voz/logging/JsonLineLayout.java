package org.voz.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;

/**
 * One JSON object per line for log shippers: {@code timestamp}, {@code level}, {@code logger}, {@code thread},
 * {@code message} and, for a failure, {@code error} (its classes only, as {@link ThrowableKindsConverter}).
 * JSON escapes every control character, so no message can break the line.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

  private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder out = new StringBuilder(160).append("{\"timestamp\":\"")
        .append(Instant.ofEpochMilli(event.getTimeStamp())).append("\",\"level\":\"").append(event.getLevel())
        .append("\",\"logger\":\"");
    JSON.quoteAsString(event.getLoggerName(), out);
    out.append("\",\"thread\":\"");
    JSON.quoteAsString(event.getThreadName(), out);
    out.append("\",\"message\":\"");
    JSON.quoteAsString(event.getFormattedMessage() == null ? "" : event.getFormattedMessage(), out);
    out.append('"');
    if (event.getThrowableProxy() != null) {
      out.append(",\"error\":\"");
      JSON.quoteAsString(ThrowableKindsConverter.kinds(event.getThrowableProxy()), out);
      out.append('"');
    }
    return out.append("}\n").toString();
  }
}
