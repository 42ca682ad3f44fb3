package org.voz.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * {@code %exKinds}: a logged failure as {@code  [a.B <- c.D at e.F.g(F.java:12)]}: its classes and where the
 * innermost was thrown, never a message or the whole stack
 * (libraries log exceptions whose message quotes the request). Being a throwable converter, it stops logback
 * from appending the full stack trace.
 */
public final class ThrowableKindsConverter extends ThrowableHandlingConverter {

  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy failure = event.getThrowableProxy();
    return failure == null ? "" : " [" + kinds(failure) + "]";
  }

  /**
   * The classes of a failure and its causes, outermost first, the innermost with where it was thrown:
   * {@code a.B <- c.D at e.F.g(F.java:12)}. A place in the code tells nothing about anyone; a message may.
   */
  static String kinds(IThrowableProxy failure) {
    StringBuilder out = new StringBuilder(failure.getClassName());
    IThrowableProxy innermost = failure;
    IThrowableProxy cause = failure.getCause();
    for (int i = 0; cause != null && i < 5; i++, cause = cause.getCause()) {
      out.append(" <- ").append(cause.getClassName());
      innermost = cause;
    }
    StackTraceElementProxy[] frames = innermost.getStackTraceElementProxyArray();
    if (frames != null && frames.length > 0) {
      StackTraceElement top = frames[0].getStackTraceElement();
      out.append(" at ").append(top.getClassName()).append('.').append(top.getMethodName()).append('(')
          .append(top.getFileName()).append(':').append(top.getLineNumber()).append(')');
    }
    return out.toString();
  }
}
