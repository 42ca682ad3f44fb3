package org.voz.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The service {@link VozExtension} starts runs on a {@link MutableClock} set to this instant (ISO-8601, e.g.
 * {@code "2026-11-23T10:00:00Z"}); a test moves it through a {@code MutableClock} parameter. Without it the service
 * runs on the system clock. On the class or a method (the method's wins).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
@interface VozClock {

  String value();
}
