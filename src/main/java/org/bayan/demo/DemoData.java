package org.bayan.demo;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.bayan.ingest.Channel;
import org.bayan.ingest.InboundMessage;
import org.bayan.ingest.InboxService;
import org.bayan.ingest.MessageKind;
import org.bayan.reply.CannedResponseStore;
import org.bayan.reply.CannedResponses;
import org.bayan.routing.CaseWorkflow;
import org.bayan.security.Role;
import org.bayan.security.UserService;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Loads the demo desk: {@code demo/messages.tsv} (320 messages in the six varieties, written by the team,
 * arriving over the last three days, one rumor spiking in the last quarter hour) goes through the real
 * pipeline — stored with its arrival time, classified, routed, clustered, indexed. Then the older cases get a
 * history: demo responders answer and resolve about two thirds of them through the real workflow, and the
 * answer and resolution times are moved back to plausible minutes after arrival (drawn with a fixed seed),
 * so the dashboard has days of figures. Runs once per database (the messages' ids mark it) and in the
 * background, so the service answers while it loads.
 */
@ApplicationScoped
public class DemoData {

    static final String RESOURCE = "demo/messages.tsv";
    static final String ID_PREFIX = "demo-";
    static final List<String> RESPONDERS = List.of("responder", "nadia", "youssef");
    /** Cases younger than this stay untouched: the live part of the demo queue. */
    static final Duration UNTOUCHED = Duration.ofMinutes(45);
    static final Duration PROCESSING_WAIT = Duration.ofMinutes(3);

    @Inject
    DemoConfig config;

    @Inject
    InboxService inbox;

    @Inject
    UserService users;

    @Inject
    CaseWorkflow workflow;

    @Inject
    CannedResponseStore canned;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Thread loader = new Thread(this::load, "bayan-demo-loader");
        loader.setDaemon(true);
        loader.start();
    }

    void load() {
        try {
            QuarkusTransaction.requiringNew().run(this::createUsers);
            if (alreadyLoaded()) {
                Log.info("Demo data already loaded in this database");
                return;
            }
            List<DemoMessage> messages = read();
            Instant now = clock.instant();
            List<InboundMessage> inbound = new ArrayList<>();
            List<Instant> arrivals = new ArrayList<>();
            for (DemoMessage m : messages) {
                inbound.add(m.inbound());
                arrivals.add(now.minus(Duration.ofMinutes(m.minutesAgo())));
            }
            inbox.storeArrived(inbound, arrivals);
            Log.infof("Demo data: stored %d messages; waiting for processing", messages.size());
            if (!awaitProcessing()) {
                Log.warn("Demo data: processing did not finish in time; the desk history was not added");
                return;
            }
            int handled = addHistory(now);
            Log.infof("Demo data loaded: %d messages, %d older cases answered by demo responders", messages.size(), handled);
        } catch (RuntimeException e) {
            Log.errorf(e, "Demo data could not be loaded");
        }
    }

    void createUsers() {
        for (String responder : RESPONDERS) {
            users.createIfMissing(responder, config.password(), Role.RESPONDER);
        }
        users.createIfMissing("supervisor", config.password(), Role.SUPERVISOR);
    }

    private boolean alreadyLoaded() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM message WHERE external_id LIKE 'demo-%'").getSingleResult()).longValue() > 0);
    }

    private boolean awaitProcessing() {
        Instant deadline = Instant.now().plus(PROCESSING_WAIT);
        while (Instant.now().isBefore(deadline)) {
            long pending = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "SELECT COUNT(*) FROM message WHERE state = 'pending'").getSingleResult()).longValue());
            if (pending == 0) {
                return true;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Answers and resolves part of the older cases as demo responders, then dates those steps back. */
    @SuppressWarnings("unchecked")
    int addHistory(Instant now) {
        List<Object[]> cases = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        SELECT id, category, language, opened_at FROM support_case
                        WHERE opened_at < ?1 AND status <> 'resolved' AND category <> 'urgent' ORDER BY id""")
                .setParameter(1, now.minus(UNTOUCHED)).getResultList());
        Random random = new Random(20261124L);
        int handled = 0;
        for (Object[] row : cases) {
            long caseId = ((Number) row[0]).longValue();
            if (random.nextDouble() > 0.7) {
                continue;
            }
            String responder = RESPONDERS.get(random.nextInt(RESPONDERS.size()));
            Instant opened = org.bayan.common.SqlValues.instant(row[3]);
            long ageMinutes = Duration.between(opened, now).toMinutes();
            // most answers within the hour, a tail of slow ones (the breaches a supervisor should see)
            long answerMinutes = Math.min(ageMinutes - 5, Math.round(3 + Math.exp(random.nextGaussian() * 0.9 + 3.0)));
            boolean resolve = random.nextDouble() < 0.75;
            long resolveMinutes = Math.min(ageMinutes - 1, answerMinutes + 5 + random.nextInt(240));
            String text = replyText((String) row[1], (String) row[2]);
            CaseWorkflow.Actor actor = new CaseWorkflow.Actor(responder, false);
            try {
                workflow.assign(caseId, new CaseWorkflow.Actor("supervisor", true), responder);
                workflow.reply(caseId, actor, text, null);
                if (resolve) {
                    workflow.resolve(caseId, actor);
                }
                QuarkusTransaction.requiringNew().run(() -> backdate(caseId, opened, answerMinutes, resolve ? resolveMinutes : -1));
                handled++;
            } catch (RuntimeException e) {
                Log.debugf("Demo history skipped case %d: %s", caseId, e.getClass().getSimpleName());
            }
        }
        return handled;
    }

    private String replyText(String category, String language) {
        String lang = CannedResponses.replyLanguage(language);
        return canned.current().forCategory(category == null ? "other" : category).stream().findFirst()
                .map(r -> r.textIn(lang))
                .orElse("ar".equals(lang) ? "شكراً لتواصلكم، تم استلام رسالتكم وجارٍ متابعتها."
                        : "fr".equals(lang) ? "Merci, votre message a bien été reçu et il est suivi."
                        : "Thank you, your message has been received and is being followed up.");
    }

    /** Moves the answer (and resolution) of a demo case back to {@code minutes} after it opened. */
    private void backdate(long caseId, Instant opened, long answerMinutes, long resolveMinutes) {
        Instant answered = opened.plus(Duration.ofMinutes(answerMinutes));
        em.createNativeQuery("""
                        UPDATE case_sla SET first_response_at = ?2, first_response_seconds = ?3,
                               first_response_state = CASE WHEN first_response_target_ms IS NULL OR ?3 * 1000 <= first_response_target_ms
                                                           THEN 'met' ELSE 'breached' END
                        WHERE case_id = ?1""")
                .setParameter(1, caseId).setParameter(2, answered).setParameter(3, answerMinutes * 60).executeUpdate();
        em.createNativeQuery("UPDATE outbound SET created_at = ?2 WHERE case_id = ?1 AND kind = 'reply'")
                .setParameter(1, caseId).setParameter(2, answered).executeUpdate();
        if (resolveMinutes >= 0) {
            Instant resolved = opened.plus(Duration.ofMinutes(resolveMinutes));
            em.createNativeQuery("""
                            UPDATE case_sla SET resolved_at = ?2, resolution_seconds = ?3,
                                   resolution_state = CASE WHEN resolution_target_ms IS NULL OR ?3 * 1000 <= resolution_target_ms
                                                           THEN 'met' ELSE 'breached' END
                            WHERE case_id = ?1""")
                    .setParameter(1, caseId).setParameter(2, resolved).setParameter(3, resolveMinutes * 60).executeUpdate();
            em.createNativeQuery("UPDATE support_case SET resolved_at = ?2 WHERE id = ?1")
                    .setParameter(1, caseId).setParameter(2, resolved).executeUpdate();
        }
    }

    record DemoMessage(int line, long minutesAgo, Channel channel, String sender, String text) {

        InboundMessage inbound() {
            MessageKind kind = channel == Channel.FACEBOOK_COMMENT ? MessageKind.COMMENT : MessageKind.PRIVATE;
            return new InboundMessage(channel, ID_PREFIX + line, channel == Channel.GENERIC ? "demo" : null, sender, sender,
                    kind, InboundMessage.TEXT, text, null);
        }
    }

    static List<DemoMessage> read() {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the application");
        }
        List<DemoMessage> messages = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("minutes_ago\tchannel\tsender\ttext")) {
                throw new IllegalStateException(RESOURCE + " has an unexpected header");
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", 4);
                if (cells.length != 4) {
                    throw new IllegalStateException(RESOURCE + " line " + number + " does not have 4 cells");
                }
                messages.add(new DemoMessage(number, Long.parseLong(cells[0]), Channel.fromId(cells[1]), cells[2], cells[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }
}
