package org.bayan.rumor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.Cases;
import org.bayan.support.MutableClock;
import org.bayan.support.OutboundStub;
import org.bayan.support.Rumors;
import org.bayan.support.Rumors.Posted;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spike rule on live clusters, with the clock moved instead of waited for: 10 arrivals in 15 minutes
 * (3× the previous rate) raise one spike — a recorded event, a Prometheus count, an alert and the cluster's
 * cases at P1 — and 9 do not; a claim that was already busy needs three times its previous rate.
 */
@QuarkusTest
class RumorSpikeTest {

    /** One claim (a curfew in Cairo and Giza) told in several ways; forwarded copies repeat a telling. */
    static final List<String> CURFEW = List.of(
            "هل صحيح إن فيه حظر تجول في القاهرة والجيزة من الساعة 7 بالليل من يوم الخميس؟",
            "هل صدر قرار بفرض حظر التجوال في محافظتي القاهرة والجيزة اعتبارا من الخميس المقبل؟ أرجو الإفادة",
            "بجد هيعملوا حظر تانى؟؟ الناس بتقول من 7 المسا في القاهرة والجيزة وكل حاجة هتقفل 🙄",
            "الصورة اللي فيها قرار حظر التجول من ٧ مساءً في القاهرة والجيزة دي رسمية؟؟");

    /** Another claim (a leaked Arabic exam), for the busy-claim case. */
    static final List<String> EXAM = List.of(
            "هل صحيح إن امتحان العربي للثانوية العامة اتسرب على تليجرام؟",
            "هل صحيح تسريب امتحان اللغة العربية للثانوية العامة عبر قنوات تيليجرام قبل موعده؟",
            "بجد امتحان العربي للثانوية العامة اتسرب قبلها بساعة على تليجرام؟؟");

    @Inject
    MutableClock clock;

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

    static double spikesCounted() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("bayan_rumor_spikes_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    static List<Map<String, Object>> spikes(long clusterId, Instant since) {
        return TestUsers.asResponder().queryParam("since", since.toString()).get("/api/v1/rumors/spikes")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(s -> ((Number) s.get("clusterId")).longValue() == clusterId).toList();
    }

    /** Posts the i-th telling at the clock's current time and checks it joined the claim's cluster. */
    static Posted tell(List<String> tellings, int i, Long cluster) {
        Posted p = Rumors.post(tellings.get(i % tellings.size()));
        if (cluster != null) {
            assertEquals(cluster, p.clusterId(), "telling " + i + " joins the claim's cluster");
        }
        return p;
    }

    @Test
    void tenArrivalsInFifteenMinutesRaiseOneSpikeAndNineDoNot() {
        Instant start = Instant.now().plus(Duration.ofDays(400));
        clock.set(start);
        double countedBefore = spikesCounted();
        List<Posted> posted = new ArrayList<>();
        posted.add(tell(CURFEW, 0, null));
        long cluster = posted.get(0).clusterId();
        for (int i = 1; i < 9; i++) {
            clock.set(start.plus(Duration.ofMinutes(i)));
            posted.add(tell(CURFEW, i, cluster));
        }
        assertEquals(0, spikes(cluster, start).size(), "nine arrivals are not a spike");
        assertEquals(false, Rumors.cluster(cluster).getBoolean("summary.spiking"));

        OutboundStub.reset();
        clock.set(start.plus(Duration.ofMinutes(9)));
        posted.add(tell(CURFEW, 9, cluster));
        List<Map<String, Object>> raised = spikes(cluster, start);
        assertEquals(1, raised.size(), "the tenth arrival raises a spike");
        assertEquals(10, raised.get(0).get("windowCount"));
        assertEquals(1.0, spikesCounted() - countedBefore, 1e-9);
        assertEquals(true, Rumors.cluster(cluster).getBoolean("summary.spiking"));
        for (Posted p : posted) {
            assertEquals("P1", Cases.get(p.caseId()).getString("summary.priority"), "case " + p.caseId() + " raised");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundStub.to("/alert").stream()
                .anyMatch(r -> r.body().contains("\"rumor_spike\"") && r.body().contains("\"clusterId\":" + cluster)));

        // the eleventh arrival in the same window is the same spike
        clock.set(start.plus(Duration.ofMinutes(10)));
        Posted eleventh = tell(CURFEW, 10, cluster);
        assertEquals(1, spikes(cluster, start).size());
        assertEquals(1.0, spikesCounted() - countedBefore, 1e-9);
        assertEquals("P1", Cases.get(eleventh.caseId()).getString("summary.priority"), "a joiner of a spiking cluster is raised too");
    }

    @Test
    void busyClaimSpikesOnlyAtThreeTimesItsPreviousRate() {
        Instant start = Instant.now().plus(Duration.ofDays(500));
        clock.set(start);
        long cluster = tell(EXAM, 0, null).clusterId();
        // 16 arrivals over the first 45 minutes: a previous rate of 4 per 15 minutes, never 10 in one window
        for (int i = 1; i < 16; i++) {
            clock.set(start.plus(Duration.ofMinutes(3L * i)));
            tell(EXAM, i, cluster);
        }
        assertEquals(0, spikes(cluster, start).size());
        // from minute 61, a burst: the window holds only the burst, the previous hour all 16
        for (int i = 0; i < 11; i++) {
            clock.set(start.plus(Duration.ofMinutes(61)).plus(Duration.ofSeconds(30L * i)));
            tell(EXAM, i, cluster);
        }
        assertEquals(0, spikes(cluster, start).size(), "11 in the window reach the minimum but not 3× the rate of 4");
        clock.set(start.plus(Duration.ofMinutes(61)).plus(Duration.ofSeconds(30L * 11)));
        tell(EXAM, 11, cluster);
        List<Map<String, Object>> raised = spikes(cluster, start);
        assertEquals(1, raised.size(), "12 in the window are 3× the previous rate");
        assertEquals(12, raised.get(0).get("windowCount"));
        assertEquals(4.0, ((Number) raised.get(0).get("previousRate")).doubleValue(), 1e-9);
        assertTrue(((Number) raised.get(0).get("casesRaised")).intValue() > 0);
    }
}
