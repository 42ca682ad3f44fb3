package org.voz.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeMsg}: the formatted message with its control characters escaped, so that one event is one line
 * and no line break that came from outside (a path, a header) can forge another.
 */
public final class SafeMessageConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return escape(event.getFormattedMessage());
  }

  /** The text with each control character written as an escape: backslash-n, backslash-r, backslash-t, or backslash-u and four hex digits. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    int i = 0;
    while (i < text.length() && !Character.isISOControl(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
