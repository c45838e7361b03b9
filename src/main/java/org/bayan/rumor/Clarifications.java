package org.bayan.rumor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.bayan.classify.Category;
import org.bayan.common.ProblemException;
import org.bayan.ingest.Message;
import org.bayan.reply.CannedResponses;
import org.bayan.reply.OutboundMessage;
import org.bayan.routing.CaseStatus;
import org.bayan.routing.CaseWorkflow;
import org.bayan.routing.SupportCase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivers a cluster's official clarification to its cases through the reply outbox. A case receives a
 * cluster's clarification at most once: the {@code rumor_delivery} unique key is checked before sending,
 * under the clustering lock that also serializes the processing worker's auto-answers, and enforced by the
 * database should anything slip past.
 */
@ApplicationScoped
public class Clarifications {

    /** The canned id written on clarification replies: the thread shows which cluster answered. */
    public static final String CANNED_PREFIX = "clarification:";
    public static final String TRIGGER_PUBLISH = "publish";
    public static final String TRIGGER_AUTO = "auto";
    public static final String TRIGGER_RESPONDER = "responder";
    private static final String SYSTEM = "system";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RumorConfig config;

    @Inject
    CaseWorkflow workflow;

    @Inject
    MeterRegistry registry;

    /** What a publication did: cases answered now, and cases that already had this clarification. */
    public record Published(int delivered, int alreadyDelivered) {
    }

    /**
     * Publishes the cluster's clarification: every open case of the cluster not yet answered with it gets it
     * (except urgent cases: someone reporting a kidnapping in progress is answered by a person, not a denial),
     * the cluster becomes clarified, and the first publication stops the cluster's clarification clock.
     * Publishing again (after an edit, or for cases that joined since) answers only the cases still without it.
     */
    Published publish(RumorCluster cluster, String actor) {
        Clarification clarification = Clarification.<Clarification>findByIdOptional(cluster.id)
                .orElseThrow(() -> ProblemException.conflict("cluster " + cluster.id + " has no clarification to publish"));
        if (!cluster.attracts()) {
            throw ProblemException.conflict("cluster " + cluster.id + " is " + cluster.status);
        }
        Instant now = clock.instant();
        clarification.publishedAt = now;
        clarification.publishedBy = actor;
        cluster.status = RumorCluster.CLARIFIED;
        if (cluster.clarifiedAt == null) {
            cluster.clarifiedAt = now;
            Duration taken = Duration.between(cluster.firstSeen, now);
            Timer.builder("bayan.rumor.time.to.clarify")
                    .description("Time from a rumor cluster's first message to its published clarification")
                    .register(registry).record(taken);
            if (taken.compareTo(config.clarificationTarget()) > 0) {
                registry.counter("bayan.rumor.clarification.late").increment();
            }
        }
        int delivered = 0;
        for (long caseId : undeliveredOpenCases(cluster.id)) {
            deliver(cluster, clarification, caseId, TRIGGER_PUBLISH, actor);
            delivered++;
        }
        int already = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM rumor_delivery WHERE cluster_id = ?1")
                .setParameter(1, cluster.id).getSingleResult()).intValue() - delivered;
        Log.infof("Clarification of rumor cluster %d published by %s: %d cases answered, %d already had it",
                cluster.id, actor, delivered, already);
        return new Published(delivered, already);
    }

    /**
     * A message joined a clarified cluster: with auto-answer on, its case gets the clarification now (once) if the
     * message came in as a rumor; otherwise the case view suggests it. A message the model files under another
     * category joined by similarity alone, and such joins are often into the wrong claim (on the labelled rumor
     * files 26%, against 4% for rumors; {@code rumor-eval} prints both): sending the clarification by itself would
     * answer a lost-card report or a visiting-hours question with a statement about an escape, and stop its
     * first-response clock. A responder sends it with one call when it fits.
     */
    void joined(RumorCluster cluster, SupportCase supportCase, boolean asRumor) {
        if (!asRumor || !RumorCluster.CLARIFIED.equals(cluster.status) || !cluster.autoAnswer
                || CaseStatus.RESOLVED.id().equals(supportCase.status) || Category.URGENT.id().equals(supportCase.category)
                || delivered(cluster.id, supportCase.id)) {
            return;
        }
        Clarification.<Clarification>findByIdOptional(cluster.id).filter(c -> c.publishedAt != null)
                .ifPresent(c -> deliver(cluster, c, supportCase.id, TRIGGER_AUTO, SYSTEM));
    }

    /** A responder sends the cluster's published clarification to one case of the cluster. */
    OutboundMessage sendTo(RumorCluster cluster, long caseId, CaseWorkflow.Actor actor) {
        Clarification clarification = Clarification.<Clarification>findByIdOptional(cluster.id)
                .filter(c -> c.publishedAt != null)
                .orElseThrow(() -> ProblemException.conflict("cluster " + cluster.id + " has no published clarification"));
        workflow.lockOpen(caseId, actor);
        if (question(cluster.id, caseId).isEmpty()) {
            throw ProblemException.conflict("case " + caseId + " has no message in cluster " + cluster.id);
        }
        if (delivered(cluster.id, caseId)) {
            throw ProblemException.conflict("case " + caseId + " already received this clarification");
        }
        return deliver(cluster, clarification, caseId, TRIGGER_RESPONDER, actor.username());
    }

    private OutboundMessage deliver(RumorCluster cluster, Clarification clarification, long caseId, String trigger,
                                    String actor) {
        Message question = question(cluster.id, caseId).orElseThrow();
        String language = clarification.languageFor(CannedResponses.replyLanguage(question.language));
        OutboundMessage row = workflow.replyOnBehalf(caseId, question, clarification.textFor(language), language,
                CANNED_PREFIX + cluster.id, actor);
        em.createNativeQuery("""
                        INSERT INTO rumor_delivery (cluster_id, case_id, outbound_id, delivered_at, trigger_kind)
                        VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, cluster.id).setParameter(2, caseId).setParameter(3, row.id)
                .setParameter(4, clock.instant()).setParameter(5, trigger).executeUpdate();
        SupportCase supportCase = em.find(SupportCase.class, caseId);
        if (config.clarificationResolves() && Category.RUMOR.id().equals(supportCase.category)) {
            // the clarification is the answer to a rumor question; a supervisor acts on any case
            workflow.resolve(caseId, new CaseWorkflow.Actor(actor, true));
        }
        registry.counter("bayan.rumor.clarifications.delivered", "trigger", trigger).increment();
        return row;
    }

    boolean delivered(long clusterId, long caseId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM rumor_delivery WHERE cluster_id = ?1 AND case_id = ?2")
                .setParameter(1, clusterId).setParameter(2, caseId).getSingleResult()).longValue() > 0;
    }

    /** The case's latest message in the cluster: the reply answers it (on a comment, in its thread). */
    private Optional<Message> question(long clusterId, long caseId) {
        return Message.<Message>find("id in (select m.messageId from RumorMember m where m.clusterId = ?1 and m.caseId = ?2) "
                + "order by id desc", clusterId, caseId).firstResultOptional();
    }

    @SuppressWarnings("unchecked")
    private List<Long> undeliveredOpenCases(long clusterId) {
        List<Number> rows = em.createNativeQuery("""
                        SELECT DISTINCT m.case_id FROM rumor_member m JOIN support_case c ON c.id = m.case_id
                        WHERE m.cluster_id = ?1 AND c.status <> 'resolved' AND COALESCE(c.category, '') <> 'urgent'
                          AND NOT EXISTS (SELECT 1 FROM rumor_delivery d WHERE d.cluster_id = ?1 AND d.case_id = m.case_id)
                        ORDER BY m.case_id""")
                .setParameter(1, clusterId).getResultList();
        return rows.stream().map(Number::longValue).toList();
    }
}
