package org.bayan.sla;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.security.UserService;
import org.bayan.support.Cases;
import org.bayan.support.MutableClock;
import org.bayan.support.OutboundStub;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluator against the database with a movable clock: an urgent case is at risk at minute 4, breached at
 * minute 5 and not before, recorded once however often the evaluator runs, and escalated to supervisors.
 */
@QuarkusTest
class SlaEvaluatorTest {

    static final String URGENT = "النجدة في حريق كبير في الشقة اللي تحتنا والدخان مالي السلم وفي أطفال محبوسين جوه";

    @Inject
    SlaEvaluator evaluator;

    @Inject
    MutableClock clock;

    @Inject
    EntityManager em;

    @Inject
    UserService users;

    @BeforeEach
    void setUp() {
        TestUsers.ensure(users);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Transactional
    CaseSla sla(long caseId) {
        CaseSla sla = em.find(CaseSla.class, caseId);
        em.detach(sla);
        return sla;
    }

    @Transactional
    long events(long caseId, String target, String kind) {
        return SlaEvent.count("caseId = ?1 and target = ?2 and kind = ?3", caseId, target, kind);
    }

    @Test
    void shouldBreachAnUrgentCaseAtMinuteFiveExactlyOnce() {
        long caseId = Cases.open(URGENT);
        CaseSla started = sla(caseId);
        assertEquals("urgent", started.policy);
        Instant due = started.firstResponseDue;
        assertEquals(started.startedAt.plus(Duration.ofMinutes(5)), due);

        evaluator.evaluate(due.minus(Duration.ofSeconds(61)));
        assertEquals(0, events(caseId, SlaEvent.FIRST_RESPONSE, SlaEvent.AT_RISK), "at minute 3:59 nothing yet");
        evaluator.evaluate(due.minus(Duration.ofSeconds(60)));
        assertEquals(1, events(caseId, SlaEvent.FIRST_RESPONSE, SlaEvent.AT_RISK), "80% used at minute 4");
        evaluator.evaluate(due.minusMillis(1));
        assertEquals(0, events(caseId, SlaEvent.FIRST_RESPONSE, SlaEvent.BREACHED), "not breached before the due minute");
        evaluator.evaluate(due);
        assertEquals(1, events(caseId, SlaEvent.FIRST_RESPONSE, SlaEvent.BREACHED));
        assertEquals("breached", sla(caseId).firstResponseState);

        evaluator.evaluate(due.plus(Duration.ofMinutes(1)));
        evaluator.evaluate(due.plus(Duration.ofMinutes(2)));
        assertEquals(1, events(caseId, SlaEvent.FIRST_RESPONSE, SlaEvent.BREACHED), "recorded once over many runs");

        var c = Cases.get(caseId);
        assertTrue(c.getBoolean("summary.escalated"));
        assertEquals("first_response_breached", c.getString("summary.escalationReason"));
        TestUsers.asSupervisor().get("/api/v1/cases?queue=supervisors&size=200").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem((int) caseId));
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundStub.to("/alert").stream()
                .anyMatch(r -> r.body().contains("\"caseId\":" + caseId) && r.body().contains("sla_breach")));
        assertEquals(1, OutboundStub.to("/alert").stream()
                .filter(r -> r.body().contains("\"caseId\":" + caseId) && r.body().contains("first_response")).count(),
                "one alert per breach");
    }

    @Test
    void shouldNotRefireBreachesAfterTheStateIsLost() {
        long caseId = Cases.open(URGENT);
        Instant due = sla(caseId).firstResponseDue;
        evaluator.evaluate(due.plus(Duration.ofSeconds(1)));
        // As if a second instance, or a restart racing a commit, had not seen the stored state: the unique
        // key of sla_event still keeps the breach single.
        forgetState(caseId);
        evaluator.evaluate(due.plus(Duration.ofSeconds(2)));
        assertEquals(1, events(caseId, SlaEvent.FIRST_RESPONSE, SlaEvent.BREACHED));
    }

    @Transactional
    void forgetState(long caseId) {
        em.createNativeQuery("UPDATE case_sla SET first_response_state = 'ok' WHERE case_id = ?1")
                .setParameter(1, caseId).executeUpdate();
    }

    @Test
    void shouldMeasureTheFirstResponseFromTheApplicationClock() {
        long caseId = Cases.open(URGENT);
        CaseSla before = sla(caseId);
        clock.set(before.startedAt.plus(Duration.ofMinutes(7)));
        TestUsers.asResponder().contentType("application/json").body("{\"text\":\"The civil protection is on its way\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(200);
        CaseSla after = sla(caseId);
        assertEquals("breached", after.firstResponseState, "answered two minutes late");
        assertTrue(after.firstResponseSeconds >= 420 && after.firstResponseSeconds < 430, "" + after.firstResponseSeconds);
        assertEquals(1, events(caseId, SlaEvent.FIRST_RESPONSE, SlaEvent.BREACHED));
    }

    @Test
    void shouldLeaveTheRunToAnotherInstanceHoldingTheEvaluationLockOnPostgres() throws Exception {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        assumeTrue(url.startsWith("jdbc:postgresql:"), "advisory locks exist on PostgreSQL only");
        long caseId = Cases.open(URGENT);
        Instant due = sla(caseId).firstResponseDue;
        // This connection plays the other instance, in the middle of its evaluation run.
        try (var other = java.sql.DriverManager.getConnection(url,
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             var statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + SlaEvaluator.ADVISORY_LOCK_KEY + ")");
            assertEquals(0, evaluator.evaluate(due.plus(Duration.ofSeconds(1))), "nothing looked at while locked");
            assertEquals(0, events(caseId, SlaEvent.FIRST_RESPONSE, SlaEvent.BREACHED));
            statement.execute("SELECT pg_advisory_unlock(" + SlaEvaluator.ADVISORY_LOCK_KEY + ")");
        }
        assertTrue(evaluator.evaluate(due.plus(Duration.ofSeconds(2))) > 0);
        assertEquals(1, events(caseId, SlaEvent.FIRST_RESPONSE, SlaEvent.BREACHED), "recorded once the lock is free");
    }
}
