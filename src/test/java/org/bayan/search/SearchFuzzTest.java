package org.bayan.search;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.bayan.bench.SyntheticCorpus;
import org.bayan.security.UserService;
import org.bayan.support.FuzzInputs;
import org.bayan.support.TestUsers;
import org.bayan.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzed GET /api/v1/search through the running service: whatever q, filters, dates, sort, page and size,
 * the answer is 2xx or 4xx. The index holds a few synthetic messages first, so that highlighting and facets
 * run on real hits. Seeded like {@code WebhookFuzzTest} ({@code -Dbayan.fuzz.seed}, {@code -Dbayan.fuzz.http-tries}).
 */
@QuarkusTest
class SearchFuzzTest {

    private static final long SEED = FuzzInputs.HTTP_SEED;
    private static final int TRIES = FuzzInputs.HTTP_TRIES;

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldNeverAnswer5xxToFuzzedSearches() {
        String source = "fuzz-" + Webhooks.uniqueId();
        List<String> words = new ArrayList<>();
        for (SyntheticCorpus.Text text : SyntheticCorpus.fromTrainingCorpus(Path.of("."), SEED).take(10)) {
            Webhooks.postGeneric(Webhooks.genericMessage(Webhooks.uniqueId(), source, text.text().replace("\"", "'")))
                    .then().statusCode(200);
            words.addAll(List.of(text.text().split("\\s+")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestUsers.asResponder().queryParam("size", 1)
                .get("/api/v1/search").then().extract().jsonPath().getLong("total") >= 10);

        Random random = new Random(SEED);
        String[] params = {"q", "category", "status", "queue", "channel", "language", "cluster", "from", "to", "sort",
                "page", "size"};
        int ok = 0;
        int rejected = 0;
        for (int i = 0; i < TRIES; i++) {
            Map<String, String> query = new LinkedHashMap<>();
            // Half the queries are indexed words with odd characters around them, so that many reach the
            // highlighter and facets instead of stopping at the parser.
            query.put("q", random.nextBoolean() ? FuzzInputs.query(random)
                    : words.get(random.nextInt(words.size())) + (random.nextBoolean() ? "" : " " + FuzzInputs.oddText(random)));
            for (String name : params) {
                if (!name.equals("q") && random.nextInt(5) == 0) {
                    query.put(name, switch (name) {
                        case "from", "to" -> FuzzInputs.date(random);
                        case "page", "size", "cluster" -> FuzzInputs.number(random);
                        case "sort" -> random.nextBoolean() ? (random.nextBoolean() ? "newest" : "relevance")
                                : FuzzInputs.oddText(random);
                        default -> FuzzInputs.oddText(random);
                    });
                }
            }
            RequestSpecification request = TestUsers.asResponder();
            query.forEach(request::queryParam);
            Response response = request.get("/api/v1/search");
            int status = response.statusCode();
            assertTrue(status < 500, "search answered " + status + " (seed " + SEED + ", try " + i + ") to " + query
                    + "\n" + response.asString());
            if (status < 300) {
                ok++;
            } else {
                rejected++;
            }
        }
        System.out.printf("FUZZ search-http: seed=%d tried=%d 2xx=%d 4xx=%d 5xx=0%n", SEED, TRIES, ok, rejected);
    }

    @Test
    void shouldAnswer400ToDatesBeyondWhatTheRangeFilterHolds() {
        for (String date : new String[]{"+999999999-12-31", "+292278995-01-01T00:00:00Z"}) {
            Response response = TestUsers.asResponder().queryParam("to", date).get("/api/v1/search");
            assertEquals(400, response.statusCode(), response.asString());
            assertEquals("to", response.jsonPath().getString("field"));
        }
    }

    @Test
    void shouldAnswer400ToFieldPrefixesInsteadOfSearchingTheFilterFields() {
        // Found by this fuzzer (a phrase on category, which holds no positions, failed inside Lucene with a 500).
        for (String q : new String[]{"category:\"lost papers\"", "status:open", "queue:cyber*", "channel:[a TO z]"}) {
            Response response = TestUsers.asResponder().queryParam("q", q).get("/api/v1/search");
            assertEquals(400, response.statusCode(), q + " -> " + response.asString());
            assertEquals("q", response.jsonPath().getString("field"));
            assertTrue(response.jsonPath().getString("detail").contains("filter parameters"), response.asString());
        }
        TestUsers.asResponder().queryParam("q", "\"category: lost papers\"").get("/api/v1/search").then().statusCode(200);
    }

    @Test
    void shouldRejectRegularExpressionsQuickly() {
        long start = System.nanoTime();
        TestUsers.asResponder().queryParam("q", "/(a|b)*{1000}/").get("/api/v1/search").then().statusCode(400);
        // Not a speed assertion: a regex compiled across four fields took seconds; here it is refused before.
        System.out.printf("search regex refused in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
}
