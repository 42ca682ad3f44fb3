package org.voz.web.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.voz.staff.StaffMember;
import org.voz.store.StaffRepository;
import org.voz.web.ApiError;

/** Bearer-token authentication of {@code /api/v1}: the bootstrap admin token, or a staff member's token. */
public final class StaffAuth {

  private static final String KEY = "voz.staff";

  private final String adminToken;
  private final StaffRepository staff;

  public StaffAuth(String adminToken, StaffRepository staff) {
    this.adminToken = adminToken;
    this.staff = staff;
  }

  public void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      unauthorized(ctx);
      return;
    }
    String token = header.substring(7).trim();
    lookup(token)
        .onSuccess(member -> {
          if (member.isEmpty()) {
            unauthorized(ctx);
          } else {
            ctx.put(KEY, member.get());
            ctx.next();
          }
        })
        .onFailure(ctx::fail);
  }

  private Future<Optional<StaffMember>> lookup(String token) {
    if (!adminToken.isEmpty()
        && MessageDigest.isEqual(
            adminToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      return Future.succeededFuture(Optional.of(StaffMember.bootstrapAdmin()));
    }
    return staff.byToken(token);
  }

  private static void unauthorized(RoutingContext ctx) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ApiError.send(ctx, 401, "unauthorized", "a valid bearer token is required", null);
  }

  /** The authenticated member of this request. */
  public static StaffMember member(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** Fails with 403 unless the member has one of {@code roles}. */
  public static StaffMember require(RoutingContext ctx, String... roles) {
    StaffMember member = member(ctx);
    for (String role : roles) {
      if (member.is(role)) {
        return member;
      }
    }
    throw ApiError.forbidden("this action needs the role " + String.join(" or ", roles));
  }

  /** Fails with 403 unless {@code caller} is an admin or the case manager {@code survivor} is enrolled under. */
  public static void requireCaseload(StaffMember caller, org.voz.consent.Survivor survivor) {
    if (!caller.is(StaffMember.ADMIN) && !survivor.caseManager().equals(caller.id())) {
      throw ApiError.forbidden("this survivor is not in your caseload");
    }
  }
}
