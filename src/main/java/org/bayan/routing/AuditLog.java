package org.bayan.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;

/**
 * Appends to the audit log inside the caller's transaction, so an action and its record commit together.
 * There is no update or delete: the log is append-only by construction. Values are short descriptions
 * (queue, status, assignee, category); message and reply texts are not copied into it.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    Clock clock;

    public void record(Long caseId, String actor, String action, String before, String after) {
        AuditEvent event = new AuditEvent();
        event.caseId = caseId;
        event.actor = actor;
        event.action = action;
        event.before = clip(before);
        event.after = clip(after);
        event.createdAt = clock.instant();
        event.persist();
    }

    public List<AuditEvent> ofCase(long caseId) {
        return AuditEvent.list("caseId = ?1 order by id", caseId);
    }

    private static String clip(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 1000);
    }
}
