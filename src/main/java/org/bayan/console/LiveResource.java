package org.bayan.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.bayan.security.Role;

import java.time.Duration;
import java.util.Optional;

/**
 * Server-sent events for the console: {@code case} when a case opens, {@code sla} when a target is at risk or
 * breached, and a last {@code ended} when the sign-in behind the stream ends (signed out in any tab or on any
 * instance, or older than the longest sign-in), after which the stream closes: an open stream would otherwise
 * keep delivering case excerpts to a browser that signed out.
 */
@Path("/console/stream")
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
public class LiveResource {

    /** A comment line now and then keeps proxies from closing a quiet stream. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    /** How often an open stream asks whether its sign-in still holds (a memory lookup). */
    static final Duration SIGN_IN_CHECK = Duration.ofSeconds(1);

    @Inject
    LiveFeed feed;

    @Inject
    SignIns signIns;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse, @CookieParam(SignIns.COOKIE) String cookie) {
        OutboundSseEvent ended = sse.newEventBuilder().name("ended").data("sign-in ended")
                .mediaType(MediaType.TEXT_PLAIN_TYPE).build();
        // SignInFilters let the request in with a live ticket; it may have been signed out since
        Optional<SignIns.Ticket> ticket = signIns.valid(cookie, identity.getPrincipal().getName());
        if (ticket.isEmpty()) {
            return Multi.createFrom().item(ended);
        }
        Multi<OutboundSseEvent> events = feed.events()
                .map(e -> sse.newEventBuilder().name(e.name()).data(e.json()).mediaType(MediaType.TEXT_PLAIN_TYPE).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(KEEP_ALIVE)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        Multi<OutboundSseEvent> signInEnds = Multi.createFrom().ticks().every(SIGN_IN_CHECK)
                .filter(tick -> !signIns.isLive(ticket.get()))
                .map(tick -> ended);
        return Multi.createBy().merging().streams(events, keepAlive, signInEnds)
                .select().first(event -> event != ended)
                .onCompletion().continueWith(ended);
    }
}
