package org.voz.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the WireMock of {@link VozExtension} answers before the test adds its own stubs. Without this annotation:
 * Twilio's Messages API and the alert webhook accept everything, and a request no stub matched fails the test. On the
 * class or a method (the method's wins).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
@interface VozStubs {

  /** Twilio's Messages API accepts every message ({@link Stubs#twilioAccepts}). */
  boolean twilio() default true;

  /** The alert webhook accepts every alert ({@link Stubs#alertsAccept}). */
  boolean alerts() default true;

  /** A request no stub matched fails the test, checked once the service has stopped. */
  boolean failOnUnmatched() default true;
}
