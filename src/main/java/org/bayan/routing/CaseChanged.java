package org.bayan.routing;

/**
 * Fired when a responder or supervisor changed a case (status, queue, category, assignee). Observers that
 * keep derived data (the search index) listen after the transaction succeeded.
 */
public record CaseChanged(long caseId) {
}
