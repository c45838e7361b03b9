package org.bayan.console;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sign-ins that the server can end. Quarkus keeps the signed-in user in an encrypted cookie and nothing
 * on the server, so signing out only asks the browser to drop it and a copy would keep working. Each sign-in
 * therefore also gets a ticket: a second cookie naming the user, the sign-in time and a random id, signed with
 * the console key. A console request needs both, for the same user, younger than
 * {@link ConsoleConfig#sessionMax()}, and not signed out. Sign-outs are written to the database, so every
 * instance refuses the ticket: the one that signed out at once, the others within {@link #REFRESH}.
 */
@ApplicationScoped
public class SignIns {

    public static final String COOKIE = "bayan-sign-in";

    /** How often an instance reads the sign-outs other instances wrote. */
    static final String REFRESH = "5s";

    private static final Logger LOG = Logger.getLogger(SignIns.class);
    private static final String PURPOSE = "console-sign-in";

    /** A valid ticket: whose it is, when they signed in, and its id (what a sign-out records). */
    public record Ticket(String user, Instant signedIn, String id) {
    }

    @Inject
    ConsoleSession.FormKey key;

    @Inject
    ConsoleConfig config;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    private final SecureRandom random = new SecureRandom();
    /** Signed-out ticket ids and when; only age removes one, so a refresh racing a sign-out cannot undo it. */
    private final Map<String, Instant> signedOut = new ConcurrentHashMap<>();

    void load(@Observes StartupEvent event) {
        refresh();
    }

    /** A new ticket for a user who just signed in. */
    public String issue(String user) {
        byte[] id = new byte[18];
        random.nextBytes(id);
        String payload = encode(user) + "." + clock.instant().getEpochSecond() + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        return payload + "." + key.sign(PURPOSE, payload);
    }

    /**
     * The ticket if it is well-formed, signed with this desk's key, for {@code user}, not older than the longest
     * sign-in and not signed out; empty otherwise. Reads memory only, so it may run on any thread.
     */
    public Optional<Ticket> valid(String cookie, String user) {
        if (cookie == null || user == null) {
            return Optional.empty();
        }
        int lastDot = cookie.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String payload = cookie.substring(0, lastDot);
        byte[] expected = key.sign(PURPOSE, payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, cookie.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.");
        if (parts.length != 3 || !user.equals(decode(parts[0]))) {
            return Optional.empty();
        }
        Instant signedIn;
        try {
            signedIn = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Ticket ticket = new Ticket(user, signedIn, parts[2]);
        return isLive(ticket) ? Optional.of(ticket) : Optional.empty();
    }

    /**
     * Whether a ticket that was valid is still: not signed out (here, or on another instance as of the last
     * {@link #REFRESH}) and not older than the longest sign-in. Memory only; what an open live stream asks.
     */
    public boolean isLive(Ticket ticket) {
        return !ticket.signedIn().plus(config.sessionMax()).isBefore(clock.instant())
                && !signedOut.containsKey(ticket.id());
    }

    /** Ends a sign-in everywhere: this instance refuses its ticket now, the others at their next refresh. */
    @Transactional
    public void signOut(Ticket ticket) {
        signedOut.put(ticket.id(), clock.instant());
        // the same ticket may be signed out on a second instance before its refresh: replace, never fail
        em.createNativeQuery("DELETE FROM console_sign_out WHERE ticket = ?1").setParameter(1, ticket.id()).executeUpdate();
        em.createNativeQuery("INSERT INTO console_sign_out (ticket, signed_out_at) VALUES (?1, ?2)")
                .setParameter(1, ticket.id()).setParameter(2, clock.instant()).executeUpdate();
    }

    /** Reads the sign-outs of every instance; forgets those older than the longest sign-in. */
    @Scheduled(every = REFRESH, delayed = REFRESH, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        Instant oldest = clock.instant().minus(config.sessionMax());
        int purged = em.createNativeQuery("DELETE FROM console_sign_out WHERE signed_out_at < ?1")
                .setParameter(1, oldest).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT ticket, signed_out_at FROM console_sign_out").getResultList();
        for (Object[] row : rows) {
            signedOut.putIfAbsent((String) row[0], instant(row[1]));
        }
        signedOut.values().removeIf(at -> at.isBefore(oldest));
        if (purged > 0) {
            LOG.debugf("Forgot %d sign-outs older than %s", purged, config.sessionMax());
        }
    }

    private static Instant instant(Object column) {
        if (column instanceof Instant instant) {
            return instant;
        }
        if (column instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        if (column instanceof java.sql.Timestamp time) {
            return time.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + column.getClass().getName());
    }

    private static String encode(String user) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String encoded) {
        try {
            return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
