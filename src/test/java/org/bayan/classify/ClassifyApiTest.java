package org.bayan.classify;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.Inbox;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.bayan.support.Webhooks.genericMessage;
import static org.bayan.support.Webhooks.postGeneric;
import static org.bayan.support.Webhooks.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class ClassifyApiTest {

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldAnswerWithCategoryScoresLanguageVarietyAndModelVersion() {
        TestUsers.asResponder().contentType("application/json; charset=UTF-8")
                .body("{\"text\": \"الحقونا في واحد ماسك سكينة وبيضرب الناس في الشارع دلوقتي\"}")
                .post("/api/v1/classify")
                .then().statusCode(200)
                .body("category", equalTo("urgent"))
                .body("language", equalTo("ar"))
                .body("variety", equalTo("egy"))
                .body("needsReview", equalTo(false))
                .body("modelVersion", notNullValue())
                .body("scores", hasKey("procedure_inquiry"))
                .body("scores.size()", equalTo(7));
    }

    @Test
    void shouldTellEnglishFrenchAndArabizi() {
        assertEquals("en", classify("Someone stole my passport at the train station yesterday, what should I do?").getString("language"));
        assertEquals("fr", classify("Bonjour, comment obtenir un extrait de casier judiciaire en ligne ?").getString("language"));
        JsonPath arabizi = classify("salam, bghit n3ref kifach njded la carte nationale dyali");
        assertEquals("ar", arabizi.getString("language"));
        assertEquals("arabizi", arabizi.getString("variety"));
    }

    @Test
    void shouldKeepBatchResultsInRequestOrder() {
        List<String> texts = List.of(
                "شكرا يا رجالة ربنا يحفظكم",
                "is it true that the licence fee will double next month?",
                "ضاعت مني البطاقة في الميكروباص",
                "j'ai recu un sms bizarre qui demande mon code de carte bancaire");
        String body = "{\"texts\": [" + String.join(",", texts.stream().map(t -> "\"" + t + "\"").toList()) + "]}";
        List<Map<String, Object>> results = TestUsers.asSupervisor().contentType("application/json; charset=UTF-8")
                .body(body).post("/api/v1/classify/batch")
                .then().statusCode(200).extract().jsonPath().getList("results");
        assertEquals(texts.size(), results.size());
        List<String> one = new ArrayList<>();
        for (String text : texts) {
            one.add(classify(text).getString("category"));
        }
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(one.get(i), results.get(i).get("category"), "position " + i);
        }
    }

    @Test
    void shouldRejectEmptyOrMissingTextAndOversizedBatches() {
        TestUsers.asResponder().contentType("application/json").body("{\"text\": \"\"}")
                .post("/api/v1/classify").then().statusCode(400).body("field", equalTo("text"));
        TestUsers.asResponder().contentType("application/json").body("{\"text\": \"   \"}")
                .post("/api/v1/classify").then().statusCode(400);
        TestUsers.asResponder().contentType("application/json").body("{}")
                .post("/api/v1/classify").then().statusCode(400);
        TestUsers.asResponder().contentType("application/json").body("{\"texts\": []}")
                .post("/api/v1/classify/batch").then().statusCode(400).body("field", equalTo("texts"));
        TestUsers.asResponder().contentType("application/json").body("{\"texts\": [\"ok\", \"\"]}")
                .post("/api/v1/classify/batch").then().statusCode(400).body("field", equalTo("texts[1]"));
        String tooMany = "{\"texts\": [" + String.join(",", java.util.Collections.nCopies(1001, "\"x\"")) + "]}";
        TestUsers.asResponder().contentType("application/json").body(tooMany)
                .post("/api/v1/classify/batch").then().statusCode(400);
        TestUsers.asResponder().contentType("application/json").body("{\"text\": 42}")
                .post("/api/v1/classify").then().statusCode(400);
        given().contentType("application/json").body("{\"text\": \"x\"}").post("/api/v1/classify").then().statusCode(401);
    }

    @Test
    void shouldStoreTheClassificationOfEveryWebhookMessage() {
        String id = uniqueId();
        postGeneric(genericMessage(id, "c-" + id, "wach bs7 kayn chi 3isaba katkhtaf drari f casa?")).then().statusCode(200);
        long messageId = ((Number) Inbox.byExternalId("generic", "test-inbox/" + id).get(0).get("id")).longValue();
        JsonPath message = Inbox.processed(messageId);
        assertEquals("rumor", message.getString("classification.category"));
        assertEquals("ar", message.getString("classification.language"));
        assertEquals("arabizi", message.getString("classification.variety"));
        assertNotNull(message.get("classification.confidence"));
        assertNotNull(message.getString("classification.modelVersion"));
        assertEquals("rumor", message.getString("supportCase.category"));
    }

    private static JsonPath classify(String text) {
        return TestUsers.asResponder().contentType("application/json; charset=UTF-8")
                .body(Map.of("text", text)).post("/api/v1/classify")
                .then().statusCode(200).extract().jsonPath();
    }
}
