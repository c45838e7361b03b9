package org.bayan.pipeline;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bayan.routing.CaseStatus;
import org.bayan.routing.SupportCase;
import org.bayan.security.UserService;
import org.bayan.support.Inbox;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.bayan.support.Webhooks.genericMessage;
import static org.bayan.support.Webhooks.postGeneric;
import static org.bayan.support.Webhooks.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class CaseGroupingTest {

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldOpenOneCasePerConversationAndAppendLaterMessages() {
        String conversation = "thread-" + uniqueId();
        JsonPath first = send(conversation, "البطاقة ضاعت");
        JsonPath second = send(conversation, "في المترو امبارح");

        long caseId = first.getLong("supportCase.id");
        assertEquals(caseId, second.getLong("supportCase.id"));
        assertEquals("new", first.getString("supportCase.status"));
        assertEquals(2, QuarkusTransaction.requiringNew().call(
                () -> SupportCase.<SupportCase>findById(caseId).messageCount));
        assertEquals(1, first.getInt("processing.attempts"));
        assertNotNull(first.getString("processing.processedAt"));
    }

    @Test
    void shouldOpenANewCaseWhenTheConversationWasResolved() {
        String conversation = "thread-" + uniqueId();
        long firstCase = send(conversation, "first question").getLong("supportCase.id");
        QuarkusTransaction.requiringNew().run(() -> {
            SupportCase c = SupportCase.findById(firstCase);
            c.status = CaseStatus.RESOLVED.id();
        });
        long secondCase = send(conversation, "another question").getLong("supportCase.id");
        assertNotEquals(firstCase, secondCase);
    }

    @Test
    void shouldKeepDifferentConversationsInDifferentCases() {
        long a = send("thread-" + uniqueId(), "one").getLong("supportCase.id");
        long b = send("thread-" + uniqueId(), "two").getLong("supportCase.id");
        assertNotEquals(a, b);
    }

    private static JsonPath send(String conversation, String text) {
        String id = uniqueId();
        postGeneric(genericMessage(id, conversation, text)).then().statusCode(200);
        Map<String, Object> row = Inbox.byExternalId("generic", "test-inbox/" + id).get(0);
        return Inbox.processed(((Number) row.get("id")).longValue());
    }
}
