package org.bayan.rumor;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.bayan.routing.CaseService;

import java.time.Instant;
import java.util.List;

/**
 * The spike rule applied to a cluster as messages join it ({@link SpikeRule}), and what a spike does: it is
 * recorded, counted in Prometheus, announced to observers (the alert webhook) and the cluster's open cases are
 * raised in priority. Runs inside the processing transaction, under the clustering lock.
 */
@ApplicationScoped
public class SpikeDetector {

    @Inject
    EntityManager em;

    @Inject
    RumorConfig config;

    @Inject
    CaseService cases;

    @Inject
    MeterRegistry registry;

    @Inject
    Event<RumorSpiked> spiked;

    /**
     * Applies the spike rule at the arrival of a message; on a spike records it, raises the cluster's open
     * cases, counts it and announces it. A cluster spikes at most once per window.
     */
    boolean check(RumorCluster cluster, Instant arrival, long arrivingCase) {
        SpikeRule rule = SpikeRule.of(config.spike());
        if (spiking(cluster, arrival)) {
            return false;
        }
        Instant windowStart = arrival.minus(rule.window());
        Instant baselineStart = windowStart.minus(rule.baseline());
        int inWindow = RumorMember.arrivals(cluster.id, windowStart, arrival);
        int inBaseline = RumorMember.arrivals(cluster.id, baselineStart, windowStart);
        if (!rule.fires(inWindow, inBaseline)) {
            return false;
        }
        cluster.lastSpikeAt = arrival;
        int raised = 0;
        @SuppressWarnings("unchecked")
        List<Number> open = em.createNativeQuery("""
                        SELECT DISTINCT m.case_id FROM rumor_member m JOIN support_case c ON c.id = m.case_id
                        WHERE m.cluster_id = ?1 AND c.status <> 'resolved' AND c.id <> ?2 ORDER BY m.case_id""")
                .setParameter(1, cluster.id).setParameter(2, arrivingCase).getResultList();
        for (Number caseId : open) {
            if (cases.raisePriority(caseId.longValue(), config.spike().priority(), "rumor cluster " + cluster.id + " spiking")) {
                raised++;
            }
        }
        RumorSpike spike = new RumorSpike();
        spike.clusterId = cluster.id;
        spike.raisedAt = arrival;
        spike.windowCount = inWindow;
        spike.baselineCount = inBaseline;
        spike.baselineRate = rule.previousRate(inBaseline);
        spike.casesRaised = raised;
        spike.persist();
        registry.counter("bayan.rumor.spikes").increment();
        Log.infof("Rumor cluster %d is spiking: %d arrivals in %s against a previous rate of %.1f; %d cases raised to %s",
                cluster.id, inWindow, rule.window(), spike.baselineRate, raised, config.spike().priority());
        spiked.fire(new RumorSpiked(cluster.id, spike.id, cluster.title, arrival, inWindow,
                spike.baselineRate, raised));
        return true;
    }

    /** Whether the cluster spiked within one window before {@code at}. */
    boolean spiking(RumorCluster cluster, Instant at) {
        return cluster.spikingAt(at, config.spike().window());
    }
}
