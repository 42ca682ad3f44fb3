package org.voz.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configuration overrides for the service {@link VozExtension} starts: {@code "dotted.key=value"} entries, e.g.
 * {@code @VozConfig({"twilio.maxSegments=2"})}. On the class for every test, on a method for that test (the method's
 * entries win over the class's). {@code ${wiremock}} in a value is the test's WireMock base URL, e.g.
 * {@code "recipients.casa.url=${wiremock}/casa"}; {@code ${freePort}} a port free when the test started.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
@interface VozConfig {

  /** The placeholder for the WireMock base URL in a value. */
  String WIREMOCK = "${wiremock}";

  /** The placeholder for a port that was free when the test started (a second listener of the service's). */
  String FREE_PORT = "${freePort}";

  String[] value();
}
