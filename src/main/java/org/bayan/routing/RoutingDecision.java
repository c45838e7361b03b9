package org.bayan.routing;

/** Where a case goes, and the name of the rule that sent it there (stored with the case). */
public record RoutingDecision(String queue, String priority, String rule) {
}
