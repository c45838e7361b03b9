package org.bayan.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.bayan.classify.Category;
import org.bayan.ingest.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Groups messages into conversations and cases: one open case per conversation; a message on an open case
 * is appended to it; a message on a resolved conversation opens a new case. Called by the processing worker
 * inside its transaction.
 */
@ApplicationScoped
public class CaseService {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Attaches the message to its conversation's open case, creating either when missing. */
    public SupportCase attach(Message message) {
        Conversation conversation = lockConversation(message.channel, message.conversationKey);
        SupportCase open = SupportCase.<SupportCase>find(
                        "conversationId = ?1 and status <> ?2 order by id desc", conversation.id, CaseStatus.RESOLVED.id())
                .firstResultOptional().orElse(null);
        if (open == null) {
            open = new SupportCase();
            open.conversationId = conversation.id;
            open.channel = message.channel;
            open.kind = message.kind;
            open.status = CaseStatus.NEW.id();
            open.openedAt = message.receivedAt;
            open.lastMessageAt = message.receivedAt;
            open.messageCount = 0;
            open.persist();
        }
        open.messageCount++;
        if (message.receivedAt.isAfter(open.lastMessageAt)) {
            open.lastMessageAt = message.receivedAt;
        }
        message.conversationId = conversation.id;
        message.caseId = open.id;
        return open;
    }

    /**
     * Records a message's classification on its case: the case takes the more time-critical of its current
     * category and the new one, so "thanks" after an urgent report does not downgrade the case.
     */
    public void classified(SupportCase supportCase, String category, boolean needsReview) {
        Category current = supportCase.category == null ? null : Category.parse(supportCase.category).orElse(null);
        Category incoming = Category.parse(category).orElseThrow();
        Category winner = Category.moreCritical(current, incoming);
        if (winner != current) {
            supportCase.category = winner.id();
            supportCase.needsReview = needsReview;
        }
    }

    public Optional<SupportCase> find(Long id) {
        return SupportCase.findByIdOptional(id);
    }

    /**
     * Finds or creates the conversation and locks its row, so that two workers (two instances) handling
     * messages of one conversation at once cannot both open a case for it.
     */
    private Conversation lockConversation(String channel, String key) {
        Optional<Conversation> existing = findConversation(channel, key, true);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        em.createNativeQuery("INSERT INTO conversation (channel, external_key, created_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, channel).setParameter(2, key).setParameter(3, now)
                .executeUpdate();
        return findConversation(channel, key, true).orElseThrow();
    }

    private Optional<Conversation> findConversation(String channel, String key, boolean lock) {
        var query = Conversation.<Conversation>find("channel = ?1 and externalKey = ?2", channel, key);
        if (lock) {
            query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional();
    }
}
