package org.bayan.routing;

/**
 * What a routing rule can look at: the case's category with the confidence of the classification that set
 * it, and the message that set it.
 *
 * @param kind         {@code comment} or {@code private}
 * @param clusterState the message's rumor cluster: none, open, clarified or spiking
 */
public record RoutingInput(String category, double confidence, String language, String variety, String channel,
                           String kind, String text, String clusterState) {
}
