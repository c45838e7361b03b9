package org.bayan.support;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

/** Posts citizen messages and reads rumor clusters the way the console does. */
public final class Rumors {

    private Rumors() {
    }

    /** A processed citizen message: its id, its case, its category and the cluster it joined (null for none). */
    public record Posted(long messageId, long caseId, String category, Long clusterId) {
    }

    /** Posts the text on a new conversation and returns the stored message's id, without waiting for processing. */
    public static long store(String text) {
        String id = Webhooks.uniqueId();
        Webhooks.postGeneric(Webhooks.genericMessage(id, Webhooks.uniqueId(), text)).then().statusCode(200);
        return ((Number) Inbox.byExternalId("generic", "test-inbox/" + id).get(0).get("id")).longValue();
    }

    /** Posts the text on a new conversation, waits for processing, and says where it went. */
    public static Posted post(String text) {
        long messageId = store(text);
        JsonPath m = Inbox.processed(messageId);
        long caseId = m.getLong("supportCase.id");
        Map<String, Object> cluster = Cases.get(caseId).getMap("cluster");
        return new Posted(messageId, caseId, m.getString("classification.category"),
                cluster == null ? null : ((Number) cluster.get("id")).longValue());
    }

    public static JsonPath cluster(long id) {
        return TestUsers.asResponder().get("/api/v1/rumors/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The replies in a case's thread (type reply), oldest first. */
    public static List<Map<String, Object>> replies(long caseId) {
        return Cases.get(caseId).<Map<String, Object>>getList("thread").stream()
                .filter(item -> "reply".equals(item.get("type"))).toList();
    }
}
