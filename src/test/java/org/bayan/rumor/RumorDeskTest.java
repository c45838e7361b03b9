package org.bayan.rumor;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.Inbox;
import org.eclipse.microprofile.config.ConfigProvider;
import org.bayan.support.Rumors;
import org.bayan.support.Rumors.Posted;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rumor clusters through the product: messages arrive by webhook, the processing worker clusters them, and
 * supervisors reshape clusters over the API. Each test uses claims of its own, so tests never share a cluster.
 */
@QuarkusTest
class RumorDeskTest {

    @Inject
    UserService users;

    @Inject
    jakarta.persistence.EntityManager em;

    @BeforeEach
    void setUp() {
        TestUsers.ensure(users);
    }

    @Test
    void sameClaimInEgyptianMsaAndFrenchMeetsWhileTheSameClaimAboutAnotherCityStaysApart() {
        Posted egyptian = Rumors.post("السلام عليكم، هو صحيح في ميكروباص أبيض من غير نمر بيخطف عيال في مدينة نصر؟ 😨");
        Posted msa = Rumors.post("هل صحيح ما يتم تداوله عن اختطاف أطفال بواسطة سيارة ميكروباص بيضاء بدون لوحات في حي مدينة نصر؟ نرجو التوضيح");
        Posted french = Rumors.post("Bonjour, est-ce vrai ce qu'on raconte sur un minibus blanc sans plaques qui enlève des enfants à Nasr City ? Ça circule partout sur Facebook");
        Posted casablanca = Rumors.post("wach s7i7 kayna chi tomobil k7la dyal lkhatf f Hay Mohammadi? lwalidin kaygolo ma ntl9och drari yl3bo barra");

        assertEquals("rumor", egyptian.category());
        assertTrue(egyptian.clusterId() != null, "a rumor message joins a cluster");
        assertEquals(egyptian.clusterId(), msa.clusterId(), "Egyptian and MSA tellings of one claim meet");
        assertEquals(egyptian.clusterId(), french.clusterId(), "a French telling of the claim meets them");
        assertNotEquals(egyptian.clusterId(), casablanca.clusterId(), "another city's kidnapping claim is another cluster");

        JsonPath view = Rumors.cluster(egyptian.clusterId());
        assertEquals(3, view.getInt("summary.messageCount"));
        assertEquals(3, view.getList("messages").size());
        assertEquals("open", view.getString("summary.status"));
        assertEquals(egyptian.messageId(), view.getLong("summary.representativeMessage"));
        assertEquals(3, view.getInt("summary.lastHour"));
        assertEquals("running", view.getString("summary.clarifyClock.state"));
        // the index carries the cluster: a search filtered to it finds exactly its messages
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(
                List.of(egyptian.messageId(), msa.messageId(), french.messageId()),
                TestUsers.asResponder().queryParam("cluster", egyptian.clusterId()).get("/api/v1/search")
                        .then().statusCode(200).extract().jsonPath().getList("hits.messageId", Long.class)
                        .stream().sorted().toList()));
    }

    @Test
    void tellingClassifiedUrgentJoinsItsClaimAndStaysUrgentWhileLostPapersInTheSameCityStayOut() {
        Posted question = Rumors.post("هل صحيح أن هناك عصابة تسرق الكلى من المرضى في مستشفى خاص بطنطا؟");
        Posted english = Rumors.post("Someone says a private hospital in Tanta is stealing kidneys from patients under anesthesia, is this true?");
        assertEquals("rumor", question.category());
        assertEquals(question.clusterId(), english.clusterId());

        // the model reads this Arabizi telling as urgent with little rumor probability: it may not open a cluster,
        // but it is the same claim, so it counts towards it and its case keeps its urgent category
        Posted arabizi = Rumors.post("fe mostashfa f Tanta bysr2o kela el 3ayanin?? ana 5ayef");
        assertEquals("urgent", arabizi.category());
        assertEquals(question.clusterId(), arabizi.clusterId(), "a same-claim message of another category joins");

        Posted lostCard = Rumors.post("ضاعت مني البطاقة في طنطا امبارح، اعمل ايه؟");
        assertEquals("lost_documents", lostCard.category());
        assertEquals(null, lostCard.clusterId(), "lost papers in the same city join nothing and open nothing");
        assertEquals(3, Rumors.cluster(question.clusterId()).getInt("summary.messageCount"));
    }

    @Test
    void messageThatJoinedNothingIsTakenInWhenItsClaimsClusterFormsLater() {
        // the first asker's Arabizi reads as lost documents to the model: no cluster yet, and it may not open one
        Posted first = Rumors.post("el 3eish f afran Assiut feh sem?? ebn 3ami ta3ban gedan ba3d ma kal");
        assertEquals(null, first.clusterId());

        Posted opener = Rumors.post("wach s7i7 lkhobz f Assiut fih sem?");
        assertTrue(opener.clusterId() != null);
        JsonPath view = Rumors.cluster(opener.clusterId());
        assertEquals(2, view.getInt("summary.messageCount"));
        assertTrue(view.getList("messages.messageId", Long.class).contains(first.messageId()),
                "the earlier message counts towards the claim it asked about");
        // and the index learns its cluster
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertTrue(
                TestUsers.asResponder().queryParam("cluster", opener.clusterId()).get("/api/v1/search")
                        .then().statusCode(200).extract().jsonPath().getList("hits.messageId", Long.class)
                        .contains(first.messageId())));
    }

    @Inject
    RumorClustering clustering;

    @Test
    void messageHeldForALaterClusterIsStillHeldAfterARestart() {
        Posted first = Rumors.post("el 3asir elly bytba3 odam madraset Damanhour fih sem?? ebni shereb menno");
        assertEquals(null, first.clusterId());
        clustering.forgetMemory();

        Posted opener = Rumors.post("هل صحيح أن العصير الذي يباع أمام مدرسة في دمنهور مسموم؟");
        assertTrue(opener.clusterId() != null);
        assertTrue(Rumors.cluster(opener.clusterId()).getList("messages.messageId", Long.class).contains(first.messageId()),
                "the message held before the restart is read back and taken in");
    }

    @Test
    void clustersAreListedByRecentGrowth() {
        Posted a = Rumors.post("هل صحيح هروب سجناء من سجن برج العرب؟");
        Rumors.post("بجد فيه مساجين هربوا من برج العرب؟ الناس في العامرية قافلين بيوتهم");
        Rumors.post("Did prisoners really escape from Borg El Arab prison in Alexandria? My WhatsApp is full of it");
        Posted b = Rumors.post("واش بصح شي داسيا لوگان رمادية كتخطف البنات فبني مكادة فطنجة؟");
        assertNotEquals(a.clusterId(), b.clusterId());

        List<Long> order = TestUsers.asResponder().queryParam("size", 200).get("/api/v1/rumors").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
        assertTrue(order.indexOf(a.clusterId()) < order.indexOf(b.clusterId()),
                "the cluster with three arrivals this hour comes before the one with one");
    }

    @Test
    void supervisorMergesSplitsMovesAndRetitlesClusters() {
        Posted oukacha1 = Rumors.post("C'est vrai qu'il y a eu une évasion à la prison d'Oukacha à Casablanca cette nuit ?");
        Posted oukacha2 = Rumors.post("Is it true prisoners escaped from Oukacha prison in Casablanca?");
        Posted natrun = Rumors.post("هل صحيح هروب مساجين من سجن وادي النطرون امبارح بالليل؟");
        assertEquals(oukacha1.clusterId(), oukacha2.clusterId());
        assertNotEquals(oukacha1.clusterId(), natrun.clusterId());
        long target = oukacha1.clusterId();
        long source = natrun.clusterId();

        // responders read but do not reshape
        TestUsers.asResponder().contentType("application/json").body("{\"clusterIds\":[" + source + "]}")
                .post("/api/v1/rumors/" + target + "/merge").then().statusCode(403);

        TestUsers.asSupervisor().contentType("application/json").body("{\"clusterIds\":[" + source + "]}")
                .post("/api/v1/rumors/" + target + "/merge").then().statusCode(200);
        assertEquals(3, Rumors.cluster(target).getInt("summary.messageCount"));
        assertEquals("merged", Rumors.cluster(source).getString("summary.status"));
        assertEquals(target, Rumors.cluster(source).getLong("summary.mergedInto"));

        // split the Natrun message back out into a cluster of its own, titled by the supervisor
        int created = TestUsers.asSupervisor().contentType("application/json")
                .body("{\"messageIds\":[" + natrun.messageId() + "],\"title\":\"هروب من وادي النطرون\"}")
                .post("/api/v1/rumors/" + target + "/split").then().statusCode(201)
                .extract().jsonPath().getInt("summary.id");
        assertEquals(2, Rumors.cluster(target).getInt("summary.messageCount"));
        assertEquals("هروب من وادي النطرون", Rumors.cluster(created).getString("summary.title"));
        assertEquals(created, Rumors.post("هل صحيح خبر هروب سجناء من سجن وادي النطرون؟").clusterId(),
                "a new telling joins the split-off cluster");

        // move one Oukacha message over, then back
        TestUsers.asSupervisor().contentType("application/json").body("{\"messageId\":" + oukacha2.messageId() + "}")
                .post("/api/v1/rumors/" + created + "/messages").then().statusCode(200);
        assertEquals(1, Rumors.cluster(target).getInt("summary.messageCount"));
        assertEquals(3, Rumors.cluster(created).getInt("summary.messageCount"));
        TestUsers.asSupervisor().contentType("application/json").body("{\"messageId\":" + oukacha2.messageId() + "}")
                .post("/api/v1/rumors/" + target + "/messages").then().statusCode(200);
        assertEquals(2, Rumors.cluster(target).getInt("summary.messageCount"));

        TestUsers.asSupervisor().contentType("application/json").body("{\"title\":\"Évasion d'Oukacha\"}")
                .patch("/api/v1/rumors/" + target).then().statusCode(200).body("summary.title", containsString("Oukacha"));
    }

    @Test
    void clustersOfOneClaimThatStartedApartBecomeOneAndASupervisorsSplitIsNotUndone() {
        Posted msa = Rumors.post("نرجو توضيح حقيقة ما يروج حول حالات تسمم جماعي بأحد محلات الوجبات السريعة بمدينة آسفي");
        Posted french = Rumors.post("Intoxication alimentaire dans un snack à Safi, plusieurs clients à l'hôpital, le propriétaire arrêté ? C'est vrai ?");
        assertTrue(msa.clusterId() != null && french.clusterId() != null);
        assertNotEquals(msa.clusterId(), french.clusterId(), "the first two tellings share too little to meet");

        Posted english = Rumors.post("Is the story about dozens of people poisoned at a fast food place in Safi true? My sister lives there");
        assertEquals(msa.clusterId(), english.clusterId(), "close to both: the two clusters become one, the older");
        assertEquals(3, Rumors.cluster(msa.clusterId()).getInt("summary.messageCount"));
        assertEquals("merged", Rumors.cluster(french.clusterId()).getString("summary.status"));
        assertEquals(msa.clusterId(), Rumors.cluster(french.clusterId()).getLong("summary.mergedInto"));

        // a supervisor takes the French telling out again: no later telling merges it back
        long split = TestUsers.asSupervisor().contentType("application/json")
                .body("{\"messageIds\":[" + french.messageId() + "]}")
                .post("/api/v1/rumors/" + msa.clusterId() + "/split").then().statusCode(201)
                .extract().jsonPath().getLong("summary.id");
        Posted darija = Rumors.post("واش بصح تسممو بزاف د الناس فواحد السناك فآسفي وشدو مولاه؟");
        assertTrue(msa.clusterId().equals(darija.clusterId()) || Long.valueOf(split).equals(darija.clusterId()),
                "it joins one of the two");
        assertEquals("open", Rumors.cluster(msa.clusterId()).getString("summary.status"));
        assertEquals("open", Rumors.cluster(split).getString("summary.status"));
        assertEquals(4, Rumors.cluster(msa.clusterId()).getInt("summary.messageCount")
                + Rumors.cluster(split).getInt("summary.messageCount"));
    }

    @Test
    void clustersThatMayBeOneClaimAreListedOnEachOtherAndASupervisorMergesThem() {
        Posted msa = Rumors.post("نرجو توضيح حقيقة الأخبار المتداولة حول حالات تسمم جماعي بأحد محلات الأكلات الخفيفة بالقنيطرة");
        Posted french = Rumors.post("Intoxication alimentaire dans une pizzeria à Kénitra, plusieurs personnes à l'hôpital, le gérant arrêté ? C'est vrai ?");
        assertTrue(msa.clusterId() != null && french.clusterId() != null);
        assertNotEquals(msa.clusterId(), french.clusterId(), "too little alike to be merged on their own");

        JsonPath related = TestUsers.asResponder().get("/api/v1/rumors/" + msa.clusterId() + "/related")
                .then().statusCode(200).extract().jsonPath();
        List<Long> ids = related.getList("cluster.id", Long.class);
        assertTrue(ids.contains(french.clusterId()), "listed: " + ids);
        double similarity = related.getDouble("[" + ids.indexOf(french.clusterId()) + "].similarity");
        assertTrue(similarity >= ClaimClusterer.RELATED_MINIMUM && similarity < ClaimClusterer.DEFAULT_THRESHOLD,
                "between the list's minimum and the merge threshold: " + similarity);
        assertTrue(TestUsers.asResponder().get("/api/v1/rumors/" + french.clusterId() + "/related").then().statusCode(200)
                .extract().jsonPath().getList("cluster.id", Long.class).contains(msa.clusterId()), "both ways");

        TestUsers.asSupervisor().contentType("application/json").body("{\"clusterIds\":[" + french.clusterId() + "]}")
                .post("/api/v1/rumors/" + msa.clusterId() + "/merge").then().statusCode(200);
        assertFalse(TestUsers.asResponder().get("/api/v1/rumors/" + msa.clusterId() + "/related").then().statusCode(200)
                .extract().jsonPath().getList("cluster.id", Long.class).contains(french.clusterId()), "merged: no longer offered");
        TestUsers.asResponder().get("/api/v1/rumors/" + french.clusterId() + "/related").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(0));
        TestUsers.asResponder().get("/api/v1/rumors/999999999/related").then().statusCode(404);
    }

    @Test
    void aSupervisorGathersTellingsFoundBySearchIntoOneClusterAndABadIdMovesNone() {
        Posted heist = Rumors.post("هل صحيح إن عصابة حفرت نفق تحت بنك في شارع الجلاء ببنها وسرقت الخزنة؟");
        Posted other = Rumors.post("Est-ce vrai que des voleurs ont creusé un tunnel jusqu'au coffre d'une banque à Benha ?");
        Posted thanks = Rumors.post("شكرا لرجال الشرطة في بنها على سرعة الاستجابة امبارح، ربنا يحفظكم");
        assertTrue(heist.clusterId() != null && other.clusterId() != null);
        assertEquals(null, thanks.clusterId(), "thanks open no cluster");
        long target = heist.clusterId();
        // if the two met on their own, the French one is split off so that there is something to gather
        long elsewhere = other.clusterId() != target ? other.clusterId() : TestUsers.asSupervisor()
                .contentType("application/json").body("{\"messageIds\":[" + other.messageId() + "]}")
                .post("/api/v1/rumors/" + target + "/split").then().statusCode(201).extract().jsonPath().getLong("summary.id");
        // search shows the cluster each hit is in
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(elsewhere, clusterFound(other.messageId())));
        int before = Rumors.cluster(target).getInt("summary.messageCount");

        TestUsers.asResponder().contentType("application/json").body("{\"messageIds\":[" + other.messageId() + "]}")
                .post("/api/v1/rumors/" + target + "/messages").then().statusCode(403);
        TestUsers.asSupervisor().contentType("application/json")
                .body("{\"messageIds\":[" + other.messageId() + "," + thanks.messageId() + ",999999999]}")
                .post("/api/v1/rumors/" + target + "/messages").then().statusCode(400).body("detail", containsString("999999999"));
        TestUsers.asSupervisor().contentType("application/json")
                .body("{\"messageId\":" + other.messageId() + ",\"messageIds\":[" + thanks.messageId() + "]}")
                .post("/api/v1/rumors/" + target + "/messages").then().statusCode(400);
        String tooMany = java.util.stream.LongStream.rangeClosed(1, RumorDesk.MAX_GATHER + 1).mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        TestUsers.asSupervisor().contentType("application/json").body("{\"messageIds\":[" + tooMany + "]}")
                .post("/api/v1/rumors/" + target + "/messages").then().statusCode(400);
        assertEquals(before, Rumors.cluster(target).getInt("summary.messageCount"), "a refused gather moves nothing");
        assertTrue(Rumors.cluster(elsewhere).getList("messages.messageId", Long.class).contains(other.messageId()));

        // one already here, one from another cluster, one from none
        TestUsers.asSupervisor().contentType("application/json")
                .body("{\"messageIds\":[" + heist.messageId() + "," + other.messageId() + "," + thanks.messageId() + "]}")
                .post("/api/v1/rumors/" + target + "/messages").then().statusCode(200)
                .body("summary.messageCount", org.hamcrest.Matchers.is(before + 2));
        assertFalse(Rumors.cluster(elsewhere).getList("messages.messageId", Long.class).contains(other.messageId()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(target, clusterFound(other.messageId())));
    }

    @Test
    void wordsASupervisorTeachesBringALaterTellingInAnotherLanguageIntoTheClaimsCluster() {
        Posted first = Rumors.post("هل صحيح إن في ناس لابسين أقنعة بلياتشو بيخوفوا العيال بالليل في سموحة؟");
        assertTrue(first.clusterId() != null, "the first telling opens the claim's cluster");
        long claim = first.clusterId();
        // the premise: told in English, the claim shares no listed concept with the Egyptian telling
        Posted untaught = Rumors.post("Is it true that clowns are roaming Smouha?");
        assertNotEquals(claim, untaught.clusterId(), "without taught words the English telling stays apart");

        TestUsers.asResponder().contentType("application/json").body("{\"words\":\"clown*\"}")
                .put("/api/v1/rumors/" + claim + "/words").then().statusCode(403);
        TestUsers.asSupervisor().contentType("application/json").body("{\"words\":\"بلياتشو*|*ab*\"}")
                .put("/api/v1/rumors/" + claim + "/words").then().statusCode(400).body("detail", containsString("*ab*"));
        TestUsers.asSupervisor().contentType("application/json").body("{}")
                .put("/api/v1/rumors/" + claim + "/words").then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"words\":\"clown*\"}")
                .put("/api/v1/rumors/999999999/words").then().statusCode(404);
        assertNull(Rumors.cluster(claim).get("claimWords"), "a refused teaching changes nothing");

        TestUsers.asSupervisor().contentType("application/json")
                .body("{\"words\":\"بلياتشو*, مهرج*|clown*\\n*mohareg*|joker\"}")
                .put("/api/v1/rumors/" + claim + "/words").then().statusCode(200)
                .body("claimWords.variants", org.hamcrest.Matchers.contains("بلياتشو*", "مهرج*", "clown*", "*mohareg*", "joker"))
                .body("claimWords.taughtBy", org.hamcrest.Matchers.notNullValue());
        Posted taught = Rumors.post("Des clowns font peur aux enfants le soir à Smouha, c'est vrai ?");
        assertEquals(claim, taught.clusterId(), "a later telling using a taught word joins the claim");

        // an empty text forgets the words
        TestUsers.asSupervisor().contentType("application/json").body("{\"words\":\"\"}")
                .put("/api/v1/rumors/" + claim + "/words").then().statusCode(200)
                .body("claimWords", org.hamcrest.Matchers.nullValue());
    }

    private static Long clusterFound(long messageId) {
        return TestUsers.asResponder().queryParam("q", "tunnel coffre Benha").get("/api/v1/search").then().statusCode(200)
                .extract().jsonPath().getObject("hits.find { it.messageId == " + messageId + " }.clusterId", Long.class);
    }

    @Test
    void badEditsAreRefusedAndChangeNothing() {
        Posted p = Rumors.post("هل صحيح إنهم ركبوا رادارات جديدة على الطريق الدائري والسرعة بقت 60؟");
        long id = p.clusterId();
        var supervisor = TestUsers.asSupervisor().contentType("application/json");
        TestUsers.asSupervisor().contentType("application/json").body("{\"clusterIds\":[]}")
                .post("/api/v1/rumors/" + id + "/merge").then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"clusterIds\":[" + id + "]}")
                .post("/api/v1/rumors/" + id + "/merge").then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"clusterIds\":[999999999]}")
                .post("/api/v1/rumors/" + id + "/merge").then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"clusterIds\":[null]}")
                .post("/api/v1/rumors/" + id + "/merge").then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"messageIds\":[null]}")
                .post("/api/v1/rumors/" + id + "/split").then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"clusterIds\":\"7\"}")
                .post("/api/v1/rumors/" + id + "/merge").then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"autoAnswer\":\"yes please\"}")
                .patch("/api/v1/rumors/" + id).then().statusCode(400);
        // other tests' messages may have joined the same claim: a split of all its messages is what is refused
        JsonPath before = Rumors.cluster(id);
        String all = before.getList("messages.messageId", Long.class).stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        TestUsers.asSupervisor().contentType("application/json").body("{\"messageIds\":[" + all + "]}")
                .post("/api/v1/rumors/" + id + "/split").then().statusCode(400).body("detail", containsString("at least one"));
        TestUsers.asSupervisor().contentType("application/json").body("{\"messageId\":999999999}")
                .post("/api/v1/rumors/" + id + "/messages").then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"status\":\"clarified\"}")
                .patch("/api/v1/rumors/" + id).then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"title\":\"  \"}")
                .patch("/api/v1/rumors/" + id).then().statusCode(400);
        supervisor.body("{\"ar\":\"\"}").put("/api/v1/rumors/" + id + "/clarification").then().statusCode(400);
        TestUsers.asSupervisor().contentType("application/json").body("{\"ar\":\"نفي\",\"link\":\"javascript:alert(1)\"}")
                .put("/api/v1/rumors/" + id + "/clarification").then().statusCode(400);
        TestUsers.asSupervisor().post("/api/v1/rumors/" + id + "/clarification/publish").then().statusCode(409);
        TestUsers.asSupervisor().contentType("application/json").body("not json")
                .post("/api/v1/rumors/" + id + "/merge").then().statusCode(400);
        TestUsers.asResponder().get("/api/v1/rumors/999999999").then().statusCode(404);
        TestUsers.asResponder().queryParam("status", "nonsense").get("/api/v1/rumors").then().statusCode(400);
        TestUsers.asResponder().queryParam("since", "yesterday").get("/api/v1/rumors/spikes").then().statusCode(400);

        JsonPath after = Rumors.cluster(id);
        assertEquals(before.getInt("summary.messageCount"), after.getInt("summary.messageCount"));
        assertEquals("open", after.getString("summary.status"));
        assertEquals(false, after.getBoolean("summary.hasClarification"));
    }

    @Test
    void dismissedClusterTakesNoNewMessagesUntilReopened() {
        Posted first = Rumors.post("هل صحيح إن فيه حد بيوزع حلويات مسممة على العيال قدام مدرسة النصر الابتدائية في شبرا؟");
        TestUsers.asSupervisor().contentType("application/json").body("{\"status\":\"dismissed\"}")
                .patch("/api/v1/rumors/" + first.clusterId()).then().statusCode(200).body("summary.status", containsString("dismissed"));
        Posted second = Rumors.post("البوست اللي بيقول ٣ تلاميذ اتنقلوا المستشفى من حلويات اتوزعت قدام مدرسة النصر بشبرا ده حقيقي؟ 😭");
        assertNotEquals(first.clusterId(), second.clusterId(), "a dismissed cluster attracts nothing");

        TestUsers.asSupervisor().contentType("application/json").body("{\"status\":\"open\"}")
                .patch("/api/v1/rumors/" + first.clusterId()).then().statusCode(200);
        Posted third = Rumors.post("هل صحيح ما يتداول بشأن توزيع حلوى مسممة على تلاميذ مدرسة النصر الابتدائية بحي شبرا؟");
        assertTrue(List.of(first.clusterId(), second.clusterId()).contains(third.clusterId()),
                "reopened, the cluster competes again");
    }

    @Inject
    RumorDesk desk;

    /** What another instance's commit does to the clustering version, whatever it changed. */
    @jakarta.transaction.Transactional
    void moveVersionOnAsAnotherInstance() {
        em.createNativeQuery("UPDATE rumor_state SET version = version + 1 WHERE id = 1").executeUpdate();
    }

    @Test
    void aChangeThatRolledBackIsForgottenEvenWhenAnotherInstanceBringsTheVersionToTheSameNumber() {
        Posted first = Rumors.post("هو صحيح إن فيه تمساح طلع في ترعة المحمودية عند كفر الدوار وأكل عجل؟");
        assertTrue(first.clusterId() != null);
        // the dismissal changes this instance's memory and version, then its transaction fails
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            desk.edit(first.clusterId(), new RumorDesk.ClusterEdit(null, RumorCluster.DISMISSED, null), "supervisor");
            throw new IllegalStateException("the transaction fails after memory changed");
        }));
        assertEquals("open", Rumors.cluster(first.clusterId()).getString("summary.status"));
        moveVersionOnAsAnotherInstance();

        Posted second = Rumors.post("هل صحيح ظهور تمساح في ترعة المحمودية بكفر الدوار وافتراسه عجلا؟");
        assertEquals(first.clusterId(), second.clusterId(), "the dismissal that rolled back is not in memory: the cluster attracts");
    }

    @Test
    void theClustersThatMayBeOneClaimAreListedWhileAProcessingBatchHoldsTheClusteringLock() throws Exception {
        Posted msa = Rumors.post("نرجو توضيح حقيقة الأخبار المتداولة حول حالات تسمم جماعي بأحد محلات الأكلات الخفيفة بوجدة");
        Posted french = Rumors.post("Intoxication alimentaire dans une pizzeria à Oujda, plusieurs clients à l'hôpital, le gérant arrêté ? C'est vrai ?");
        assertTrue(msa.clusterId() != null && french.clusterId() != null);
        List<Long> unlocked = relatedIds(msa.clusterId());
        assertTrue(unlocked.contains(french.clusterId()), "the premise: the other telling's cluster is listed " + unlocked
                + " (" + msa.clusterId() + ", " + french.clusterId() + ")");

        List<Long> whileLocked = whileABatchHoldsTheClusteringLock(() -> relatedIds(msa.clusterId()));
        assertEquals(unlocked, whileLocked, "the same list, without waiting for the batch");
    }

    @Test
    void aSupervisorsChangeThatWaitsTooLongForTheClusteringLockIsAnswered503AndChangesNothing() throws Exception {
        // PostgreSQL waits for a lock as long as it is held; the embedded H2 gives up after its lock timeout (20 s)
        assumeTrue("h2".equals(ConfigProvider.getConfig().getValue("quarkus.datasource.db-kind", String.class)));
        Posted telling = Rumors.post("هل صحيح إن فيه نمر هربان من سيرك في طنطا وبيتمشى في شوارع سيجر؟");
        String title = Rumors.cluster(telling.clusterId()).getString("summary.title");

        whileABatchHoldsTheClusteringLock(() -> TestUsers.asSupervisor().contentType("application/json")
                .body("{\"title\":\"Escaped circus tiger, Tanta\"}").patch("/api/v1/rumors/" + telling.clusterId())
                .then().statusCode(503).header("Retry-After", "2").body("detail", containsString("nothing was changed")));
        assertEquals(title, Rumors.cluster(telling.clusterId()).getString("summary.title"), "nothing changed");
    }

    @Test
    void aMessageThatWaitedTooLongForTheClusteringLockIsProcessedOnceTheLockIsFreeWithoutAnAttemptCounted() throws Exception {
        assumeTrue("h2".equals(ConfigProvider.getConfig().getValue("quarkus.datasource.db-kind", String.class)));
        Rumors.post("شكرا على سرعة الرد امبارح");
        // held past two lock timeouts: the batch's, and a message retried alone would have waited as long again
        long stored = whileABatchHoldsTheClusteringLock(() -> {
            long id = Rumors.store("هو صحيح إن فيه تعلب مسعور بيعض الناس في قرية جنب دمنهور؟");
            sleep(Duration.ofSeconds(45));
            return id;
        });
        JsonPath processed = Inbox.processed(stored);
        assertEquals(1, processed.getInt("processing.attempts"), "the waits for the lock counted no attempt");
        assertNull(processed.getString("processing.lastError"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the request on another thread while this one holds the clustering lock, as the processing worker does for a
     * whole batch, and returns its result; the request gets 60 seconds, longer than the embedded database waits.
     */
    private <T> T whileABatchHoldsTheClusteringLock(Supplier<T> request) throws Exception {
        ExecutorService batch = Executors.newSingleThreadExecutor();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> holder = batch.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                clustering.lockAndSync();
                locked.countDown();
                try {
                    release.await(90, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(locked.await(30, TimeUnit.SECONDS), "the batch took the lock");
            T result = CompletableFuture.supplyAsync(request).get(60, TimeUnit.SECONDS);
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            return result;
        } finally {
            release.countDown();
            batch.shutdown();
        }
    }

    private static List<Long> relatedIds(long clusterId) {
        return TestUsers.asResponder().get("/api/v1/rumors/" + clusterId + "/related").then().statusCode(200)
                .extract().jsonPath().getList("cluster.id", Long.class);
    }

    /** What another instance sharing the database does: dismiss a cluster and move the clustering version on. */
    @jakarta.transaction.Transactional
    void dismissAsAnotherInstance(long clusterId) {
        em.createNativeQuery("UPDATE rumor_cluster SET status = 'dismissed' WHERE id = ?1").setParameter(1, clusterId)
                .executeUpdate();
        moveVersionOnAsAnotherInstance();
    }

    @Test
    void changeMadeByAnotherInstanceIsSeenBeforeTheNextMessageIsClustered() {
        Posted first = Rumors.post("هل صحيح إن فيه ستات بيرشوا برفان فيه مخدر على البنات في المترو وبيخطفوهم؟");
        dismissAsAnotherInstance(first.clusterId());
        Posted second = Rumors.post("هل صحيح ما يتم تداوله بشأن قيام أشخاص بتخدير الفتيات في مترو الأنفاق عن طريق عينات عطور؟");
        assertTrue(second.clusterId() != null);
        assertNotEquals(first.clusterId(), second.clusterId(),
                "this instance reloaded its clusters: the cluster dismissed elsewhere no longer attracts");
    }
}
