package org.bayan.it;

import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;

/**
 * What the desk holds, read through the public API as a responder tool would: every stored generic message with
 * its processing state, classification and case, and the search index's count for a token.
 */
final class DeskState {

    private final int port;

    DeskState(int port) {
        this.port = port;
    }

    RequestSpecification admin() {
        return given().port(port).auth().preemptive().basic("admin", ServiceProcess.ADMIN_PASSWORD);
    }

    /** The generic messages of one source (a test's own), all pages. */
    List<Map<String, Object>> messages(String source) {
        return messages().stream().filter(m -> source.equals(m.get("source"))).toList();
    }

    /** Every generic message, all pages. */
    List<Map<String, Object>> messages() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Map<String, Object>> items = admin().queryParam("channel", "generic").queryParam("size", 200)
                    .queryParam("page", page).get("/api/v1/messages")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            all.addAll(items);
            if (items.size() < 200) {
                return all;
            }
        }
    }

    static String state(Map<String, Object> message) {
        return (String) ((Map<?, ?>) message.get("processing")).get("state");
    }

    static Object caseId(Map<String, Object> message) {
        Object ref = message.get("supportCase");
        return ref == null ? null : ((Map<?, ?>) ref).get("id");
    }

    static boolean classified(Map<String, Object> message) {
        Object c = message.get("classification");
        return c != null && ((Map<?, ?>) c).get("category") != null;
    }

    /** Messages per external id beyond the first: 0 when every delivery was stored once. */
    static int duplicates(List<Map<String, Object>> messages) {
        Set<Object> ids = new HashSet<>();
        int twice = 0;
        for (Map<String, Object> m : messages) {
            if (!ids.add(m.get("externalId"))) {
                twice++;
            }
        }
        return twice;
    }

    /** Conversations whose messages point at more than one case. */
    static int conversationsWithTwoCases(List<Map<String, Object>> messages) {
        Map<Object, Set<Object>> cases = new HashMap<>();
        for (Map<String, Object> m : messages) {
            cases.computeIfAbsent(m.get("conversation"), k -> new HashSet<>()).add(caseId(m));
        }
        return (int) cases.values().stream().filter(s -> s.size() > 1).count();
    }

    static long conversations(List<Map<String, Object>> messages) {
        return messages.stream().map(m -> m.get("conversation")).distinct().count();
    }

    /** Distinct cases the messages were routed to (null, unrouted, not counted). */
    static long distinctCases(List<Map<String, Object>> messages) {
        return messages.stream().map(DeskState::caseId).filter(java.util.Objects::nonNull).distinct().count();
    }

    /** How many indexed messages the search API finds for a word. */
    long searchTotal(String word) {
        return admin().queryParam("q", word).queryParam("size", 1).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }

    /** True when every listed message has left the pending state. */
    static boolean settled(List<Map<String, Object>> messages) {
        return messages.stream().noneMatch(m -> "pending".equals(state(m)));
    }
}
