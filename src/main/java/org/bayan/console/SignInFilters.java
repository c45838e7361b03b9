package org.bayan.console;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.security.Principal;
import java.util.Optional;

/**
 * Where {@link SignIns} meets HTTP: a successful form sign-in gets its ticket cookie, and a console request
 * whose login cookie comes without a valid ticket for the same user is sent back to the sign-in page with both
 * cookies cleared.
 */
@ApplicationScoped
public class SignInFilters {

    /** Quarkus' form-login path; the form posts here and Quarkus answers it before any resource. */
    static final String SIGN_IN_PATH = "/j_security_check";

    @Inject
    SignIns signIns;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String loginCookie;

    /**
     * Adds the ticket as the sign-in answer is written: Quarkus has set its login cookie only when the password
     * was right, so a failed sign-in gets no ticket.
     */
    void issueOnSignIn(@Observes Router router) {
        // first of all routes: Quarkus answers the sign-in post in its authentication step, before any filter
        router.route(HttpMethod.POST, SIGN_IN_PATH).order(RouteConstants.ROUTE_ORDER_HEADERS).handler(this::issueOnSignIn);
    }

    private void issueOnSignIn(RoutingContext rc) {
        rc.addHeadersEndHandler(v -> {
            // a login cookie the server set (not one the browser sent) with a value: the password was right
            boolean signedIn = rc.request().cookies(loginCookie).stream().anyMatch(c -> c instanceof ServerCookie set
                    && !set.isFromUserAgent() && !c.getValue().isEmpty());
            String user = rc.request().getFormAttribute("j_username");
            if (signedIn && user != null) {
                rc.response().addCookie(Cookie.cookie(SignIns.COOKIE, signIns.issue(user)).setPath("/")
                        .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(rc.request().isSSL()));
            }
        });
        rc.next();
    }

    /** Console pages and sign-out need a live ticket besides the login cookie. */
    @ServerRequestFilter
    public Optional<Response> requireTicket(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean console = path.equals("/console") || path.startsWith("/console/") || path.equals("/logout");
        Principal user = request.getSecurityContext().getUserPrincipal();
        if (!console || user == null) {
            return Optional.empty();
        }
        jakarta.ws.rs.core.Cookie ticket = request.getCookies().get(SignIns.COOKIE);
        if (signIns.valid(ticket == null ? null : ticket.getValue(), user.getName()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.FOUND).location(URI.create("/login"))
                .cookie(expired(loginCookie), expired(SignIns.COOKIE)).build());
    }

    static NewCookie expired(String name) {
        return new NewCookie.Builder(name).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
