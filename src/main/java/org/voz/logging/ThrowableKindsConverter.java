package org.voz.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %exKinds}: a logged failure as {@code  [a.B <- c.D]}, its classes only, never its message or stack
 * (libraries log exceptions whose message quotes the request). Being a throwable converter, it stops logback
 * from appending the full stack trace.
 */
public final class ThrowableKindsConverter extends ThrowableHandlingConverter {

  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy failure = event.getThrowableProxy();
    return failure == null ? "" : " [" + kinds(failure) + "]";
  }

  static String kinds(IThrowableProxy failure) {
    StringBuilder out = new StringBuilder(failure.getClassName());
    IThrowableProxy cause = failure.getCause();
    for (int i = 0; cause != null && i < 5; i++, cause = cause.getCause()) {
      out.append(" <- ").append(cause.getClassName());
    }
    return out.toString();
  }
}
