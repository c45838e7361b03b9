package org.bayan.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;

/**
 * Sign-in page (the form posts to Quarkus' {@code /j_security_check}), sign-out, and the language switch.
 * The login cookie is encrypted by Quarkus, expires after {@code quarkus.http.auth.form.timeout} of inactivity
 * and is replaced at every sign-in, so a cookie planted before sign-in is never the session afterwards. Sign-out
 * also ends the sign-in's ticket ({@link SignIns}), so a copy of the login cookie stops working too.
 */
@Path("/")
public class LoginResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(ConsoleView view, boolean failed, boolean loggedOut);
    }

    @Inject
    ConsoleSession session;

    @Inject
    SecurityIdentity identity;

    @Inject
    SignIns signIns;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Object login(@QueryParam("error") String error, @QueryParam("out") String out) {
        if (!identity.isAnonymous()) {
            return Forms.seeOther("/console");
        }
        return Templates.login(session.view("login", null, null), error != null, out != null)
                .setLocale(session.locale());
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response root() {
        return Forms.seeOther("/console");
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@RestForm("token") String token, @CookieParam(SignIns.COOKIE) String ticket) {
        if (!identity.isAnonymous()) {
            session.requireFormToken(token);
            // SignInFilters let this request through only with a live ticket for this user
            signIns.valid(ticket, identity.getPrincipal().getName()).ifPresent(signIns::signOut);
            FormAuthenticationMechanism.logout(identity);
        }
        return Response.seeOther(URI.create("/login?out=1")).cookie(SignInFilters.expired(SignIns.COOKIE)).build();
    }

    /** Remembers the chosen language for a year and goes back to where the switch was used (same site only). */
    @GET
    @Path("lang/{code}")
    public Response language(@PathParam("code") String code, @QueryParam("back") String back) {
        String target = back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/console";
        Response.ResponseBuilder response = Response.seeOther(URI.create(target));
        if (ConsoleSession.LANGUAGES.contains(code)) {
            response.cookie(new NewCookie.Builder(ConsoleSession.LANGUAGE_COOKIE).value(code).path("/")
                    .maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build());
        }
        return response.build();
    }
}
