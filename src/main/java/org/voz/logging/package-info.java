/**
 * How log lines are written: whatever a library or Voz logs, a failure appears by its classes only (an
 * exception's message can quote the request body) and a message on one line with its control characters
 * escaped. Wired in {@code logback.xml}; both the text and the JSON format go through it.
 */
package org.voz.logging;
