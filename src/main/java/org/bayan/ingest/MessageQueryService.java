package org.bayan.ingest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.bayan.common.ProblemException;
import org.bayan.routing.CaseService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read side of the inbox for the API: what came in, its case and its processing state. */
@ApplicationScoped
public class MessageQueryService {

    @Inject
    CaseService cases;

    public record Processing(String state, int attempts, Instant processedAt, String lastError) {
    }

    public record CaseRef(Long id, String status, String category, String queue, String priority) {
    }

    public record ClassificationView(String category, Double confidence, String language, String variety,
                                     Boolean needsReview, String modelVersion) {
    }

    public record MessageView(Long id, String channel, String externalId, String source, String conversation,
                              String author, String kind, String eventType, String text, Instant sentAt,
                              Instant receivedAt, Processing processing, ClassificationView classification,
                              CaseRef supportCase) {
    }

    @Transactional
    public org.bayan.common.Page<MessageView> list(String channel, String externalId, String conversation,
                                                   int page, int size) {
        org.bayan.common.Page.check(page, size);
        if (channel != null && !Channel.isKnown(channel)) {
            throw ProblemException.badRequest("unknown channel '" + channel + "'", "channel");
        }
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (channel != null) {
            where.add("channel = :channel");
            params.and("channel", channel);
        }
        if (externalId != null) {
            where.add("externalId = :externalId");
            params.and("externalId", externalId);
        }
        if (conversation != null) {
            where.add("conversationKey = :conversation");
            params.and("conversation", conversation);
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by id desc";
        PanacheQuery<Message> found = Message.find(query, params);
        List<MessageView> items = found.page(Page.of(page, size)).list().stream().map(m -> view(m, false)).toList();
        return new org.bayan.common.Page<>(items, page, size, found.count());
    }

    @Transactional
    public Optional<MessageView> get(long id) {
        return Message.<Message>findByIdOptional(id).map(m -> view(m, true));
    }

    private MessageView view(Message m, boolean withCase) {
        CaseRef caseRef = null;
        if (m.caseId != null) {
            caseRef = withCase
                    ? cases.find(m.caseId).map(c -> new CaseRef(c.id, c.status, c.category, c.queue, c.priority))
                    .orElse(null)
                    : new CaseRef(m.caseId, null, null, null, null);
        }
        return new MessageView(m.id, m.channel, m.externalId, m.source, m.conversationKey, m.authorId, m.kind,
                m.eventType, m.body, m.sentAt, m.receivedAt,
                new Processing(m.state, m.attempts, m.processedAt, m.lastError),
                m.category == null ? null : new ClassificationView(m.category, m.confidence, m.language, m.variety,
                        m.needsReview, m.modelVersion),
                caseRef);
    }
}
