package org.bayan.support;

import io.restassured.path.json.JsonPath;

/** Opens cases the way production does: a signed webhook, then the processing worker. */
public final class Cases {

    private Cases() {
    }

    /** Posts one citizen message on a new generic conversation and returns the id of the case it opened. */
    public static long open(String text) {
        return openIn(Webhooks.uniqueId(), text);
    }

    /** Posts one citizen message on the given conversation and returns the id of its case. */
    public static long openIn(String conversation, String text) {
        String id = Webhooks.uniqueId();
        Webhooks.postGeneric(Webhooks.genericMessage(id, conversation, text)).then().statusCode(200);
        long messageId = Inbox.byExternalId("generic", "test-inbox/" + id).get(0).get("id") instanceof Number n
                ? n.longValue() : -1;
        JsonPath processed = Inbox.processed(messageId);
        return processed.getLong("supportCase.id");
    }

    public static JsonPath get(long caseId) {
        return TestUsers.asSupervisor().get("/api/v1/cases/" + caseId).then().statusCode(200).extract().jsonPath();
    }
}
