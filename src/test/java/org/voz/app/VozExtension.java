package org.voz.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import io.vertx.core.Vertx;
import java.lang.reflect.AnnotatedElement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The integration tests' one extension (use {@link VozTest} on the class). Before each test it opens a
 * {@link VozRoom}: a WireMock on a free port with the default stubs of {@link VozStubs}, and, on first use, a Vert.x and
 * the real service (real HTTP on a free port, real Redis under a random key prefix) configured by {@link VozConfig}
 * and {@link VozClock}. After each test it closes the room: the service stopped before WireMock is stopped and checked
 * for unmatched requests (see {@link VozRoom#close()}).
 *
 * <p>Test and lifecycle methods take as parameters: {@link VozHarness} (the service, started if it is not yet),
 * {@link TelegramHarness} (the service with Telegram on), {@link VozRoom} (to start later, with more configuration, or a
 * twin), {@link WireMockServer} or {@link WireMockRuntimeInfo}, {@link Twilio} (what was sent), {@link MutableClock}
 * (with {@link VozClock}) and {@link Vertx}.
 */
final class VozExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VozExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    Map<String, String> config = new LinkedHashMap<>();
    context.getTestClass().flatMap(c -> find(c, VozConfig.class)).ifPresent(a -> parse(a, config));
    context.getTestMethod().flatMap(m -> find(m, VozConfig.class)).ifPresent(a -> parse(a, config));
    MutableClock clock = mostSpecific(context, VozClock.class).map(a -> new MutableClock(Instant.parse(a.value())))
        .orElse(null);
    VozStubs stubs = mostSpecific(context, VozStubs.class).orElse(Defaults.STUBS);
    context.getStore(NAMESPACE).put(VozRoom.class, new VozRoom(config, clock, stubs));
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    VozRoom room = context.getStore(NAMESPACE).remove(VozRoom.class, VozRoom.class);
    if (room != null) {
      room.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == VozRoom.class || type == VozHarness.class || type == TelegramHarness.class
        || type == WireMockServer.class || type == WireMockRuntimeInfo.class || type == Twilio.class
        || type == MutableClock.class || type == Vertx.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    VozRoom room = context.getStore(NAMESPACE).get(VozRoom.class, VozRoom.class);
    if (room == null) {
      throw new ParameterResolutionException("VozExtension gives parameters to tests and @BeforeEach/@AfterEach methods only");
    }
    Class<?> type = parameter.getParameter().getType();
    try {
      if (type == VozRoom.class) {
        return room;
      } else if (type == VozHarness.class) {
        return room.voz();
      } else if (type == TelegramHarness.class) {
        return room.telegram();
      } else if (type == WireMockServer.class) {
        return room.stub();
      } else if (type == WireMockRuntimeInfo.class) {
        return new WireMockRuntimeInfo(room.stub());
      } else if (type == Twilio.class) {
        return room.twilio();
      } else if (type == MutableClock.class) {
        return room.clock();
      } else {
        return room.vertx();
      }
    } catch (Exception e) {
      throw new ParameterResolutionException("could not provide a " + type.getSimpleName() + ": " + e, e);
    }
  }

  private static <A extends java.lang.annotation.Annotation> Optional<A> mostSpecific(ExtensionContext context, Class<A> type) {
    Optional<A> onMethod = context.getTestMethod().flatMap(m -> find(m, type));
    return onMethod.isPresent() ? onMethod : context.getTestClass().flatMap(c -> find(c, type));
  }

  private static <A extends java.lang.annotation.Annotation> Optional<A> find(AnnotatedElement element, Class<A> type) {
    return AnnotationSupport.findAnnotation(element, type);
  }

  private static void parse(VozConfig annotation, Map<String, String> into) {
    for (String entry : annotation.value()) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("@VozConfig entries are key=value, not: " + entry);
      }
      into.put(entry.substring(0, eq).trim(), entry.substring(eq + 1));
    }
  }

  /** Holds the defaults of {@link VozStubs}, for tests without the annotation. */
  @VozStubs
  private static final class Defaults {
    static final VozStubs STUBS = Defaults.class.getAnnotation(VozStubs.class);
  }
}
