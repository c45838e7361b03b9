package org.bayan.search;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.Inbox;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.bayan.support.Webhooks.genericMessage;
import static org.bayan.support.Webhooks.postGeneric;
import static org.bayan.support.Webhooks.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search over messages that came in through the webhook. Each test tags its messages with a word of its own
 * (a Latin nonce) and ANDs it into every query, so tests never see each other's data.
 */
@QuarkusTest
class SearchTest {

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldFindArabicWhateverTheSpellingOfAlefTaMarbutaYaDiacriticsTatweelElongationAndDigits() {
        String tag = tag();
        long id = send(tag, "أمينُ الشُّرطة قال إنّ البطاقة ضاعت في مستشفى المعادي رقم ١٢٣ ياااارب الشـــرطة تلاقيها");
        for (String query : List.of("امين", "إمين", "الشرطه", "الشرطة", "البطاقه", "مستشفي", "123", "١٢٣", "يارب",
                "يااارب", "الشـرطة", "آمين")) {
            assertEquals(List.of(id), ids(tag + " " + query), "query " + query);
        }
    }

    @Test
    void shouldFindArabicWordsWithPossessiveSuffixesByTheirStem() {
        String tag = tag();
        long id = send(tag, "ضاعت بطاقتي وسيارتي اتسرقت امبارح");
        assertEquals(List.of(id), ids(tag + " البطاقة"));
        assertEquals(List.of(id), ids(tag + " سيارة"));
    }

    @Test
    void shouldFindFrenchAndEnglishByStem() {
        String tag = tag();
        long french = send(tag, "J'ai perdu mes passeports et les cartes grises de la voiture");
        long english = send(tag, "Two accidents are blocking the roads near the station");
        assertEquals(List.of(french), ids(tag + " passeport"));
        assertEquals(List.of(french), ids(tag + " carte"));
        assertEquals(List.of(english), ids(tag + " accident"));
        assertEquals(List.of(english), ids(tag + " blocked"));
        assertEquals(List.of(english), ids(tag + " road"));
    }

    @Test
    void shouldSupportPhrasesExclusionAndOr() {
        String tag = tag();
        long a = send(tag, "the red car is blocking my garage");
        long b = send(tag, "a car is red with anger");
        long c = send(tag, "the bus stopped in the middle of the road");
        assertEquals(List.of(a), ids(tag + " \"red car\""));
        assertEquals(List.of(b), ids(tag + " car -garage"));
        assertEquals(List.of(a, c), sorted(ids(tag + " (garage OR bus)")));
    }

    @Test
    void shouldHighlightAndEscapeExcerpts() {
        String tag = tag();
        send(tag, "<script>alert(1)</script> someone hacked my account");
        JsonPath result = search(tag + " hacked");
        String excerpt = result.getString("hits[0].excerpt");
        assertTrue(excerpt.contains("<mark>hacked</mark>"), excerpt);
        assertFalse(excerpt.contains("<script>"), excerpt);
        assertTrue(excerpt.contains("&lt;script&gt;"), excerpt);
    }

    @Test
    void shouldMarkAPhraseOnlyWhereItsWordsStandTogether() {
        String tag = tag();
        send(tag, "my account was hacked and the account recovery email was changed");
        String excerpt = search(tag + " \"account recovery\"").getString("hits[0].excerpt");
        assertTrue(excerpt.contains("<mark>account</mark> <mark>recovery</mark>"), excerpt);
        assertTrue(excerpt.contains("my account was"), "the word alone, outside the phrase, is not marked: " + excerpt);
    }

    @Test
    void shouldCountFacetsAndFilterByThem() {
        String tag = tag();
        send(tag, "fire in the building right now people trapped help");
        send(tag, "thank you for your great work");
        send(tag, "merci pour votre travail");
        JsonPath all = search(tag);
        assertEquals(3, all.getInt("total"));
        Map<String, Integer> languages = all.getMap("facets.language");
        assertEquals(2, languages.get("en"));
        assertEquals(1, languages.get("fr"));
        int categories = all.<String, Integer>getMap("facets.category").values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(3, categories);
        assertEquals(1, TestUsers.asResponder().queryParam("q", tag).queryParam("language", "fr")
                .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getInt("total"));
        assertEquals(3, TestUsers.asResponder().queryParam("q", tag).queryParam("channel", "generic")
                .queryParam("sort", "newest").get("/api/v1/search").then().statusCode(200).extract().jsonPath().getInt("total"));
    }

    @Test
    void shouldAnswer400ToQueriesAndParametersItCannotTake() {
        for (String bad : List.of("\"unclosed phrase", "(broken", "AND", "title:[a TO", "*leading")) {
            TestUsers.asResponder().queryParam("q", bad).get("/api/v1/search")
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("q"))
                    .body("detail", containsString("cannot be parsed"));
        }
        TestUsers.asResponder().queryParam("size", 101).get("/api/v1/search").then().statusCode(400).body("field", equalTo("size"));
        TestUsers.asResponder().queryParam("sort", "oldest").get("/api/v1/search").then().statusCode(400);
        TestUsers.asResponder().queryParam("from", "last week").get("/api/v1/search").then().statusCode(400).body("field", equalTo("from"));
        TestUsers.asResponder().queryParam("page", -1).get("/api/v1/search").then().statusCode(400);
    }

    @Test
    void shouldFindSimilarEarlierMessages() {
        String tag = tag();
        long first = send(tag, "هل صحيح ان في عصابة بتخطف الاطفال بعربية بيضا في مدينة نصر");
        long unrelated = send(tag, "the weather is nice today in the park");
        long later = send(tag, "بجد في عصابة خطف اطفال بعربية بيضاء في مدينة نصر؟");
        List<Map<String, Object>> similar = TestUsers.asResponder().get("/api/v1/messages/" + later + "/similar")
                .then().statusCode(200).extract().jsonPath().getList("$");
        List<Long> ids = similar.stream().map(m -> ((Number) m.get("messageId")).longValue()).toList();
        assertTrue(ids.contains(first), "the same claim in other words is similar: " + ids);
        // Both share the test's tag word, so the unrelated one may appear; it must rank below the real match.
        assertTrue(!ids.contains(unrelated) || ids.indexOf(first) < ids.indexOf(unrelated), "ranking: " + ids);
        assertFalse(ids.contains(later), "a message is not similar to itself");
        TestUsers.asResponder().get("/api/v1/messages/999999999/similar").then().statusCode(404);
    }

    private static String tag() {
        return "tag" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Sends a message through the webhook and waits until it is processed and searchable. */
    private static long send(String tag, String text) {
        String id = uniqueId();
        postGeneric(genericMessage(id, "c-" + id, text + " " + tag)).then().statusCode(200);
        long messageId = ((Number) Inbox.byExternalId("generic", "test-inbox/" + id).get(0).get("id")).longValue();
        Inbox.processed(messageId);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> search(tag).<Integer>getList("hits.messageId").stream()
                        .anyMatch(h -> h.longValue() == messageId));
        return messageId;
    }

    private static JsonPath search(String q) {
        return TestUsers.asResponder().queryParam("q", q).queryParam("size", 100).get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Long> ids(String q) {
        return search(q).<Number>getList("hits.messageId").stream().map(Number::longValue).toList();
    }

    private static List<Long> sorted(List<Long> ids) {
        return ids.stream().sorted().toList();
    }
}
