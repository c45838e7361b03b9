package org.bayan.rumor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.Cases;
import org.bayan.support.OutboundStub;
import org.bayan.support.Rumors;
import org.bayan.support.Rumors.Posted;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishing a cluster's clarification: every open case of the cluster gets it once, in its language, through
 * the reply outbox; later joiners get it as a suggestion, or automatically when the cluster auto-answers.
 */
@QuarkusTest
class ClarificationTest {

    static final String AR = "تنفي وزارة الداخلية ما يتم تداوله عن عصابة لسرقة الأعضاء في منطقة فيصل، ولم تسجل أي بلاغات بذلك.";
    static final String EN = "The Ministry of Interior denies the claims of an organ theft gang in Faisal; no such report was filed.";
    static final String FR = "Le ministère de l'Intérieur dément l'existence d'un gang de trafic d'organes à Faisal.";

    @Inject
    UserService users;

    @BeforeEach
    void setUp() {
        TestUsers.ensure(users);
    }

    static void write(long clusterId, String body) {
        TestUsers.asSupervisor().contentType("application/json").body(body)
                .put("/api/v1/rumors/" + clusterId + "/clarification").then().statusCode(200);
    }

    static JsonPath publish(long clusterId) {
        return TestUsers.asSupervisor().post("/api/v1/rumors/" + clusterId + "/clarification/publish")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void publishingReachesEveryOpenCaseOfTheClusterExactlyOnceInItsLanguage() {
        Posted msa = Rumors.post("هل صحيح ما يشاع عن وجود عصابة لتجارة الأعضاء البشرية تستدرج المواطنين في منطقة فيصل بالجيزة؟");
        Posted egyptian = Rumors.post("السلام عليكم، هل صحيح إن فيه عصابة في شارع فيصل بتخطف الناس وبتسرق أعضاءهم؟");
        Posted english = Rumors.post("Is it true that an organ trafficking gang is operating on Faisal Street in Giza? people say kidneys are being stolen");
        Posted closed = Rumors.post("يا جماعة حد يطمنا، البوست اللي بيقول فيه عصابة في فيصل بتسرق أعضاء الناس ده صح؟");
        long cluster = msa.clusterId();
        for (Posted p : List.of(egyptian, english, closed)) {
            assertEquals(cluster, p.clusterId(), "same claim, same cluster: " + p);
        }
        // a case resolved before publication is not written to again
        TestUsers.asSupervisor().post("/api/v1/cases/" + closed.caseId() + "/resolve").then().statusCode(200);

        write(cluster, """
                {"ar":"%s","en":"%s","fr":"%s","link":"https://moi.example/clarifications/42"}""".formatted(AR, EN, FR));
        JsonPath first = publish(cluster);
        assertEquals(3, first.getInt("delivered"));
        assertEquals(0, first.getInt("alreadyDelivered"));
        assertEquals("clarified", first.getString("cluster.status"));
        assertEquals("met", first.getString("cluster.clarifyClock.state"));

        for (Posted p : List.of(msa, egyptian)) {
            List<Map<String, Object>> replies = Rumors.replies(p.caseId());
            assertEquals(1, replies.size(), "one reply on case " + p.caseId());
            assertEquals(AR + "\nhttps://moi.example/clarifications/42", replies.get(0).get("text"));
            assertEquals("ar", replies.get(0).get("language"));
        }
        List<Map<String, Object>> englishReplies = Rumors.replies(english.caseId());
        assertEquals(1, englishReplies.size());
        assertEquals("en", englishReplies.get(0).get("language"));
        assertTrue(((String) englishReplies.get(0).get("text")).startsWith(EN));
        assertEquals(0, Rumors.replies(closed.caseId()).size(), "the resolved case got nothing");

        // the clarification answered the rumor question: the case is done, its first response on time
        JsonPath answered = Cases.get(msa.caseId());
        assertEquals("resolved", answered.getString("summary.status"));
        assertEquals("met", answered.getString("summary.sla.firstResponseState"));

        // publishing again sends nothing more
        JsonPath second = publish(cluster);
        assertEquals(0, second.getInt("delivered"));
        assertEquals(3, second.getInt("alreadyDelivered"));
        for (Posted p : List.of(msa, egyptian, english)) {
            assertEquals(1, Rumors.replies(p.caseId()).size());
        }
        // and the channel received each reply once
        await().atMost(Duration.ofSeconds(10)).until(() -> OutboundStub.to("/generic").stream()
                .filter(r -> r.body().contains("moi.example/clarifications/42")).count() >= 3);
        assertEquals(3, OutboundStub.to("/generic").stream()
                .filter(r -> r.body().contains("moi.example/clarifications/42")).count());
    }

    @Test
    void laterJoinerIsSuggestedTheClarificationAndAutoAnswerSendsIt() {
        Posted first = Rumors.post("هل صحيح إن رسوم استخراج جواز السفر زادت لـ 2000 جنيه من أول الشهر؟");
        long cluster = first.clusterId();
        write(cluster, """
                {"ar":"لا صحة لزيادة رسوم جواز السفر، والرسوم المعلنة على موقع الوزارة هي المعمول بها."}""");
        assertEquals(1, publish(cluster).getInt("delivered"));

        // a later joiner is suggested the clarification first, and nothing is sent by itself
        Posted later = Rumors.post("سمعت إن فيه رسم جديد على الباسبور 2000 جنيه غير الرسوم العادية، ده حقيقي ولا إشاعة؟");
        assertEquals(cluster, later.clusterId());
        JsonPath view = Cases.get(later.caseId());
        assertEquals("clarification:" + cluster, view.getString("suggestedReplies[0].cannedId"));
        assertTrue(view.getString("suggestedReplies[0].text").startsWith("لا صحة"));
        assertEquals(0, Rumors.replies(later.caseId()).size());

        // a responder sends it from the case; a second send is refused
        TestUsers.asResponder().post("/api/v1/rumors/" + cluster + "/clarification/cases/" + later.caseId())
                .then().statusCode(200);
        assertEquals(1, Rumors.replies(later.caseId()).size());
        TestUsers.asResponder().post("/api/v1/rumors/" + cluster + "/clarification/cases/" + later.caseId())
                .then().statusCode(409);
        // a case outside the cluster is refused
        long unrelated = Cases.open("شكرا لرجال المرور على المجهود في الطريق الدائري النهارده");
        TestUsers.asResponder().post("/api/v1/rumors/" + cluster + "/clarification/cases/" + unrelated)
                .then().statusCode(409);

        // with auto-answer on, the next joiner is answered by the desk itself
        TestUsers.asSupervisor().contentType("application/json").body("{\"autoAnswer\":true}")
                .patch("/api/v1/rumors/" + cluster).then().statusCode(200);
        Posted auto = Rumors.post("ya gama3a el passport ba2a b 2000 geneh bgad? 7ad y2akedli");
        assertEquals(cluster, auto.clusterId());
        List<Map<String, Object>> replies = Rumors.replies(auto.caseId());
        assertEquals(1, replies.size());
        assertTrue(((String) replies.get(0).get("text")).startsWith("لا صحة"));
        assertEquals(3, Rumors.cluster(cluster).getInt("clarification.delivered"));

        // a procedure question joins by similarity alone: it is suggested the clarification, never sent it by itself
        Posted question = Rumors.post("ما هي الأوراق المطلوبة لاستخراج جواز سفر جديد وكم الرسوم؟ قالوا لي 2000 جنيه");
        assertEquals("procedure_inquiry", question.category());
        assertEquals(cluster, question.clusterId());
        assertEquals("clarification:" + cluster, Cases.get(question.caseId()).getString("suggestedReplies[0].cannedId"));
        assertEquals(0, Rumors.replies(question.caseId()).size());
        assertEquals(3, Rumors.cluster(cluster).getInt("clarification.delivered"));
    }

    @Test
    void messageTakenInLaterByAnAutoAnswerClusterIsSuggestedTheClarificationNotSentIt() {
        Posted first = Rumors.post("هل صحيح أن أطفال في المنيا دخلوا المستشفى بسبب اللبن اللي بيتوزع في المدارس؟");
        long cluster = first.clusterId();
        assertEquals(cluster, Rumors.post("C'est vrai que le lait distribué dans les écoles de Minya est empoisonné ?").clusterId());
        write(cluster, """
                {"ar":"لا صحة لتسمم لبن المدارس في المنيا، والأطفال المذكورون حالتهم مستقرة لأسباب لا علاقة لها باللبن."}""");
        assertEquals(2, publish(cluster).getInt("delivered"));
        TestUsers.asSupervisor().contentType("application/json").body("{\"autoAnswer\":true}")
                .patch("/api/v1/rumors/" + cluster).then().statusCode(200);

        // a worried aunt, filed under another category, is not similar enough to join now and is held
        Posted held = Rumors.post("bent okhty et3abet gedan ba3d ma sherbet el laban bta3 el madrasa f el Minya, a3mel eh?");
        assertNull(held.clusterId());
        // a third telling joins (and, a rumor, is answered at once) and brings the held message in
        Posted third = Rumors.post("ya gama3a el laban elly bayetwaza3 fel madares f el Minya masmoom bgad?");
        assertEquals(cluster, third.clusterId());
        assertEquals(1, Rumors.replies(third.caseId()).size());
        assertTrue(Rumors.cluster(cluster).getList("messages.messageId", Long.class).contains(held.messageId()));
        assertEquals("clarification:" + cluster, Cases.get(held.caseId()).getString("suggestedReplies[0].cannedId"));
        assertEquals(0, Rumors.replies(held.caseId()).size());
    }
}
