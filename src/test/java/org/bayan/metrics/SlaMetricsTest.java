package org.bayan.metrics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.security.UserService;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A fixture of cases with known times (in 2020, so no other test's cases fall in the range) gives known
 * percentiles and compliance, on whichever database the suite runs against.
 */
@QuarkusTest
class SlaMetricsTest {

    static final Instant DAY = Instant.parse("2020-03-02T08:00:00Z");

    @Inject
    EntityManager em;

    @Inject
    UserService users;

    private static boolean seeded;

    @BeforeEach
    void seed() {
        TestUsers.ensure(users);
        if (!seeded) {
            fixture();
            seeded = true;
        }
    }

    /**
     * Five traffic cases answered after 60, 120, 180, 240 and 300 s (the last one breached), two resolved after
     * 3,600 and 7,200 s; one urgent case never answered (breached, still open).
     */
    @Transactional
    void fixture() {
        em.createNativeQuery("DELETE FROM sla_event WHERE case_id IN (SELECT id FROM support_case WHERE opened_at < ?1)")
                .setParameter(1, Instant.parse("2021-01-01T00:00:00Z")).executeUpdate();
        em.createNativeQuery("DELETE FROM case_sla WHERE started_at < ?1")
                .setParameter(1, Instant.parse("2021-01-01T00:00:00Z")).executeUpdate();
        em.createNativeQuery("DELETE FROM support_case WHERE opened_at < ?1")
                .setParameter(1, Instant.parse("2021-01-01T00:00:00Z")).executeUpdate();
        em.createNativeQuery("INSERT INTO conversation (channel, external_key, created_at) VALUES ('generic', ?1, ?2)")
                .setParameter(1, "metrics-fixture-" + System.nanoTime()).setParameter(2, DAY).executeUpdate();
        long conversation = ((Number) em.createNativeQuery("SELECT MAX(id) FROM conversation").getSingleResult()).longValue();
        int[] firstResponse = {60, 120, 180, 240, 300};
        for (int i = 0; i < firstResponse.length; i++) {
            Instant opened = DAY.plusSeconds(i * 600L);
            boolean resolved = i < 2;
            long id = insertCase(conversation, opened, "traffic", resolved ? "resolved" : "assigned", "responder1");
            insertSla(id, opened, "traffic", firstResponse[i], i == 4 ? "breached" : "met",
                    resolved ? (i + 1) * 3600L : null, resolved ? "met" : "ok");
        }
        long urgent = insertCase(conversation, DAY.plusSeconds(60), "urgent", "new", null);
        insertSla(urgent, DAY.plusSeconds(60), "urgent", null, "breached", null, "breached");
    }

    private long insertCase(long conversation, Instant opened, String queue, String status, String assignee) {
        em.createNativeQuery("""
                        INSERT INTO support_case (conversation_id, channel, kind, status, opened_at, last_message_at,
                                                  message_count, category, queue, priority, assignee)
                        VALUES (?1, 'generic', 'private', ?2, ?3, ?3, 1, ?4, ?4, 'P3', ?5)""")
                .setParameter(1, conversation).setParameter(2, status).setParameter(3, opened)
                .setParameter(4, queue).setParameter(5, assignee).executeUpdate();
        return ((Number) em.createNativeQuery("SELECT MAX(id) FROM support_case").getSingleResult()).longValue();
    }

    private void insertSla(long caseId, Instant opened, String queue, Integer frSeconds, String frState,
                           Long resSeconds, String resState) {
        em.createNativeQuery("""
                        INSERT INTO case_sla (case_id, policy, queue, started_at, elapsed_ms, first_response_state,
                                              resolution_state, first_response_at, first_response_seconds,
                                              resolved_at, resolution_seconds)
                        VALUES (?1, ?2, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .setParameter(1, caseId).setParameter(2, queue).setParameter(3, opened)
                .setParameter(4, frState).setParameter(5, resState)
                .setParameter(6, frSeconds == null ? null : opened.plusSeconds(frSeconds))
                .setParameter(7, frSeconds == null ? null : frSeconds.longValue())
                .setParameter(8, resSeconds == null ? null : opened.plusSeconds(resSeconds))
                .setParameter(9, resSeconds)
                .executeUpdate();
    }

    private JsonPath report(String groupBy) {
        return TestUsers.asSupervisor().queryParam("from", "2020-03-01T00:00:00Z").queryParam("to", "2020-03-03T00:00:00Z")
                .queryParam("groupBy", groupBy).get("/api/v1/metrics/sla").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldComputeKnownPercentilesAndComplianceByQueue() {
        JsonPath r = report("queue");
        assertEquals(5, r.getInt("rows.find { it.group == 'traffic' }.arrivals"));
        assertEquals(5, r.getInt("rows.find { it.group == 'traffic' }.firstResponses"));
        assertEquals(180.0, r.getDouble("rows.find { it.group == 'traffic' }.firstResponseP50"), 1e-6);
        // PERCENTILE_CONT: 0.9 × 4 = 3.6 → 240 + 0.6 × 60
        assertEquals(276.0, r.getDouble("rows.find { it.group == 'traffic' }.firstResponseP90"), 1e-6);
        assertEquals(297.6, r.getDouble("rows.find { it.group == 'traffic' }.firstResponseP99"), 1e-6);
        assertEquals(5400.0, r.getDouble("rows.find { it.group == 'traffic' }.resolutionP50"), 1e-6);
        assertEquals(0.8, r.getDouble("rows.find { it.group == 'traffic' }.firstResponseCompliance"), 1e-6);
        assertEquals(1.0, r.getDouble("rows.find { it.group == 'traffic' }.resolutionCompliance"), 1e-6);
        assertEquals(1, r.getInt("rows.find { it.group == 'traffic' }.breaches"));
        assertEquals(0.0, r.getDouble("rows.find { it.group == 'urgent' }.firstResponseCompliance"), 1e-6);
        assertEquals(2, r.getInt("rows.find { it.group == 'urgent' }.breaches"));
    }

    @Test
    void shouldGroupByDayAndByResponder() {
        JsonPath byDay = report("day");
        assertEquals(1, byDay.getList("rows").size());
        assertEquals(6, byDay.getInt("rows[0].arrivals"));
        assertEquals("2020-03-02T00:00:00Z", byDay.getString("rows[0].group"));
        JsonPath byResponder = report("responder");
        assertEquals(5, byResponder.getInt("rows.find { it.group == 'responder1' }.arrivals"));
    }

    @Test
    void shouldAnswerCsvWhenAsked() {
        TestUsers.asSupervisor().accept("text/csv").queryParam("from", "2020-03-01T00:00:00Z")
                .queryParam("to", "2020-03-03T00:00:00Z").get("/api/v1/metrics/sla").then().statusCode(200)
                .contentType(containsString("text/csv"))
                .body(containsString("group,arrivals,first_responses,first_response_p50_s"))
                .body(containsString("traffic,5,5,180.0000,276.0000,297.6000,2,5400.0000"));
    }

    @Test
    void shouldRejectBadParameters() {
        TestUsers.asSupervisor().queryParam("groupBy", "planet").get("/api/v1/metrics/sla").then().statusCode(400);
        TestUsers.asSupervisor().queryParam("from", "yesterday").get("/api/v1/metrics/sla").then().statusCode(400);
        TestUsers.asSupervisor().queryParam("from", "2020-03-03T00:00:00Z").queryParam("to", "2020-03-01T00:00:00Z")
                .get("/api/v1/metrics/sla").then().statusCode(400);
        TestUsers.asResponder().get("/api/v1/metrics/sla").then().statusCode(403);
    }
}
