package org.bayan.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.common.SqlValues;

import java.time.Instant;
import java.util.List;

/**
 * Reads processed messages (with their case's queue and status) from the database, the index's source of truth.
 * A responder's category correction on the case overrides the model's category of its messages.
 */
@ApplicationScoped
public class IndexSource {

    private static final String SELECT = """
            SELECT m.id, m.case_id, m.body, m.channel, m.language, m.variety,
                   CASE WHEN c.category_source = 'responder' THEN c.category ELSE m.category END, c.queue, c.status,
                   m.received_at, m.processed_at, r.cluster_id
            FROM message m LEFT JOIN support_case c ON c.id = m.case_id LEFT JOIN rumor_member r ON r.message_id = m.id
            WHERE m.state = 'processed' AND m.id > ?1""";

    @Inject
    EntityManager em;

    /** A page of processed messages after {@code afterId}, optionally only those processed since a time. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<IndexedMessage> page(long afterId, Instant processedSince, int limit) {
        String sql = SELECT + (processedSince == null ? "" : " AND m.processed_at >= ?2") + " ORDER BY m.id";
        var query = em.createNativeQuery(sql).setParameter(1, afterId).setMaxResults(limit);
        if (processedSince != null) {
            query.setParameter(2, processedSince);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(IndexSource::toMessage).toList();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<IndexedMessage> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery(SELECT.replace("m.id > ?1", "m.id IN (?1)") + " ORDER BY m.id")
                .setParameter(1, ids).getResultList();
        return rows.stream().map(IndexSource::toMessage).toList();
    }

    /** Every processed message of a case: re-indexed when the case's status, queue or category changes. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<IndexedMessage> byCase(long caseId) {
        List<Object[]> rows = em.createNativeQuery(SELECT + " AND m.case_id = ?2 ORDER BY m.id")
                .setParameter(1, 0L).setParameter(2, caseId).getResultList();
        return rows.stream().map(IndexSource::toMessage).toList();
    }

    /** This database's identity, created on first use (a random id; see {@code database_identity}). */
    @Transactional
    public String databaseIdentity() {
        em.createNativeQuery("INSERT INTO database_identity (id, identifier) VALUES (1, ?1) ON CONFLICT DO NOTHING")
                .setParameter(1, java.util.UUID.randomUUID().toString()).executeUpdate();
        return (String) em.createNativeQuery("SELECT identifier FROM database_identity WHERE id = 1").getSingleResult();
    }

    @Transactional
    public long countProcessed() {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM message WHERE state = 'processed'")
                .getSingleResult()).longValue();
    }

    private static IndexedMessage toMessage(Object[] r) {
        return new IndexedMessage(((Number) r[0]).longValue(), r[1] == null ? null : ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                (String) r[8], r[11] == null ? null : ((Number) r[11]).longValue(), SqlValues.instant(r[9]), SqlValues.instant(r[10]));
    }
}
