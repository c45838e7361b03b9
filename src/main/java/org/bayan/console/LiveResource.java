package org.bayan.console;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.bayan.security.Role;

import java.time.Duration;

/** Server-sent events for the console: {@code case} when a case opens, {@code sla} when a target is at risk or breached. */
@Path("/console/stream")
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
public class LiveResource {

    /** A comment line now and then keeps proxies from closing a quiet stream. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    @Inject
    LiveFeed feed;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<OutboundSseEvent> events = feed.events()
                .map(e -> sse.newEventBuilder().name(e.name()).data(e.json()).mediaType(MediaType.TEXT_PLAIN_TYPE).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(KEEP_ALIVE)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(events, keepAlive);
    }
}
