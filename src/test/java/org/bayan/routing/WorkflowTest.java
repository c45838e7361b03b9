package org.bayan.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.Cases;
import org.bayan.support.OutboundStub;
import org.bayan.support.TestUsers;
import org.bayan.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A case's life through the API: routed on arrival, claimed, answered, waiting, resolved, reopened, audited. */
@QuarkusTest
@QuarkusTestResource(OutboundStub.class)
class WorkflowTest {

    static final String URGENT = "الحقونا في واحد ماسك سكينة وبيضرب راجل قدام العمارة دلوقتي في شارع فيصل والدم في كل حتة";

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
        users.createIfMissing("responder2", TestUsers.PASSWORD, org.bayan.security.Role.RESPONDER);
    }

    @Test
    void shouldRouteAnUrgentReportToTheUrgentQueueWithItsSlaClock() {
        long caseId = Cases.open(URGENT);
        JsonPath c = Cases.get(caseId);
        assertEquals("urgent", c.getString("summary.queue"));
        assertEquals("P1", c.getString("summary.priority"));
        assertEquals(RoutingRules.URGENT_RULE, c.getString("summary.routingRule"));
        assertEquals("urgent", c.getString("summary.sla.policy"));
        assertNotNull(c.getString("summary.sla.firstResponseDue"));
        List<String> actions = c.getList("audit.action");
        assertTrue(actions.contains("route"), actions.toString());
        assertFalse(c.getList("suggestedReplies").isEmpty(), "urgent canned replies are suggested");
        assertEquals("ar", c.getString("suggestedReplies[0].language"));
    }

    @Test
    void shouldAnswerTheCitizenThroughTheOutboxAndStopTheFirstResponseClock() {
        String conversation = Webhooks.uniqueId();
        long caseId = Cases.openIn(conversation, "Hello, how do I renew my passport and what documents should I bring?");
        TestUsers.asResponder().contentType("application/json").body("{\"text\":\"Please bring your old passport.\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(200)
                .body("outbound.kind", equalTo("reply"))
                .body("supportCase.assignee", equalTo("responder1"))
                .body("supportCase.sla.firstResponseState", equalTo("met"));
        JsonPath c = Cases.get(caseId);
        assertEquals("assigned", c.getString("summary.status"));
        List<Map<String, Object>> replies = c.<Map<String, Object>>getList("thread").stream()
                .filter(i -> "reply".equals(i.get("type"))).toList();
        assertEquals(1, replies.size());
        assertEquals("Please bring your old passport.", replies.get(0).get("text"));

        // another responder may not act on a case someone else holds
        TestUsers.asResponderNamed("responder2").contentType("application/json").body("{\"text\":\"x\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(409);
    }

    @Test
    void shouldPauseWhileWaitingAndResumeWhenTheCitizenWritesAgain() {
        String conversation = Webhooks.uniqueId();
        long caseId = Cases.openIn(conversation, "I lost my wallet with my ID card and driving licence in the metro yesterday");
        TestUsers.asResponder().post("/api/v1/cases/" + caseId + "/wait").then().statusCode(200)
                .body("supportCase.status", equalTo("waiting"))
                .body("supportCase.sla.paused", equalTo(true));
        assertNull(Cases.get(caseId).getString("summary.sla.firstResponseDue"));
        long again = Cases.openIn(conversation, "I found the police report number, it is 4471");
        assertEquals(caseId, again, "the citizen's answer joins the waiting case");
        JsonPath c = Cases.get(caseId);
        assertEquals("assigned", c.getString("summary.status"));
        assertFalse(c.getBoolean("summary.sla.paused"));
        assertNotNull(c.getString("summary.sla.firstResponseDue"));
        assertTrue(c.getList("audit.action").contains("citizen_wrote"));
    }

    @Test
    void shouldResolveReopenAndKeepAnAuditTrail() {
        long caseId = Cases.open("Thanks a lot for your help yesterday, the officers were very kind");
        TestUsers.asResponder().post("/api/v1/cases/" + caseId + "/resolve").then().statusCode(200)
                .body("supportCase.status", equalTo("resolved"));
        TestUsers.asResponder().post("/api/v1/cases/" + caseId + "/resolve").then().statusCode(409);
        TestUsers.asResponder().contentType("application/json").body("{\"text\":\"x\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(409)
                .body("detail", containsString("reopen"));
        TestUsers.asResponder().post("/api/v1/cases/" + caseId + "/reopen").then().statusCode(200)
                .body("supportCase.status", equalTo("assigned"));
        TestUsers.asResponder().contentType("application/json").body("{\"text\":\"called the citizen back\"}")
                .post("/api/v1/cases/" + caseId + "/note").then().statusCode(200).body("author", equalTo("responder1"));
        JsonPath c = Cases.get(caseId);
        List<String> actions = c.getList("audit.action");
        assertTrue(actions.containsAll(List.of("route", "resolve", "reopen", "note")), actions.toString());
        assertEquals("responder1", c.getString("audit.find { it.action == 'resolve' }.actor"));
        assertTrue(c.<Map<String, Object>>getList("thread").stream().anyMatch(i -> "note".equals(i.get("type"))));
    }

    @Test
    void shouldRerouteOnACategoryCorrectionAndKeepItForTraining() {
        long caseId = Cases.open("Good evening, there is a huge traffic jam on the ring road near the Moneeb bridge");
        TestUsers.asResponder().contentType("application/json").body("{\"category\":\"rumor\"}")
                .post("/api/v1/cases/" + caseId + "/category").then().statusCode(200)
                .body("supportCase.category", equalTo("rumor"))
                .body("supportCase.queue", equalTo("rumor"))
                .body("supportCase.sla.policy", equalTo("rumor"));
        TestUsers.asResponder().contentType("application/json").body("{\"category\":\"gossip\"}")
                .post("/api/v1/cases/" + caseId + "/category").then().statusCode(400).body("field", equalTo("category"));
        TestUsers.asAdmin().get("/api/v1/admin/model/feedback.tsv").then().statusCode(200)
                .body(containsString("rumor\tGood evening, there is a huge traffic jam on the ring road"));
    }

    @Test
    void shouldLetOnlySupervisorsAssign() {
        long caseId = Cases.open("How many days does the criminal record certificate take in Alexandria?");
        TestUsers.asResponder().contentType("application/json").body("{\"assignee\":\"responder1\"}")
                .post("/api/v1/cases/" + caseId + "/assign").then().statusCode(403);
        TestUsers.asSupervisor().contentType("application/json").body("{\"assignee\":\"responder2\"}")
                .post("/api/v1/cases/" + caseId + "/assign").then().statusCode(200)
                .body("supportCase.assignee", equalTo("responder2"))
                .body("supportCase.status", equalTo("assigned"));
        TestUsers.asSupervisor().contentType("application/json").body("{\"assignee\":\"nobody-such\"}")
                .post("/api/v1/cases/" + caseId + "/assign").then().statusCode(400);
        TestUsers.asResponder().get("/api/v1/cases?assignee=responder2").then().statusCode(200)
                .body("items.id", hasItem((int) caseId));
    }

    @Test
    void shouldAnswerEmptyQueuesWith204AndUnknownQueuesWith404() {
        TestUsers.asResponder().post("/api/v1/queues/no-such-queue/claim").then().statusCode(404);
        TestUsers.asResponder().get("/api/v1/queues").then().statusCode(200)
                .body("name", hasItem("urgent")).body("name", hasItem("supervisors"))
                .body("find { it.name == 'urgent' }.open", notNullValue());
        // drain the review queue, then one more claim finds nothing
        int status;
        int guard = 0;
        do {
            status = TestUsers.asSupervisor().post("/api/v1/queues/review/claim").then().extract().statusCode();
        } while (status == 200 && guard++ < 1000);
        assertEquals(204, status);
    }

    @Test
    void shouldRejectBadActionBodiesWithoutChangingTheCase() {
        long caseId = Cases.open("Is it true that the fee for the national ID card will double next month?");
        TestUsers.asResponder().contentType("application/json").body("{}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(400);
        TestUsers.asResponder().contentType("application/json").body("{\"text\":\"a\",\"cannedId\":\"rumor-under-verification\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(400);
        TestUsers.asResponder().contentType("application/json").body("{\"cannedId\":\"no-such\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(400);
        TestUsers.asResponder().contentType("application/json").body("{\"text\":\"" + "x".repeat(4001) + "\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(400);
        TestUsers.asResponder().contentType("application/json").body("not json")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(400);
        TestUsers.asResponder().post("/api/v1/cases/987654321/resolve").then().statusCode(404);
        JsonPath c = Cases.get(caseId);
        assertEquals("new", c.getString("summary.status"));
        assertTrue(c.<Map<String, Object>>getList("thread").stream().noneMatch(i -> "reply".equals(i.get("type"))));
    }

    @Test
    void shouldReplyWithACannedResponseInTheCitizensLanguage() {
        long caseId = Cases.open("Bonjour, est-ce vrai que la police arrête les gens qui filment les agents ?");
        TestUsers.asResponder().contentType("application/json").body("{\"cannedId\":\"rumor-under-verification\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(200)
                .body("outbound.language", equalTo("fr"));
        JsonPath c = Cases.get(caseId);
        String text = c.getString("thread.find { it.type == 'reply' }.text");
        assertTrue(text.contains("vérif"), text);
    }
}
