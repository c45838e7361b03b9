package org.bayan.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.bayan.common.ProblemException;
import org.bayan.support.FuzzInputs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property-based fuzzing of the three payload parsers (jqwik, no Quarkus: thousands of tries in seconds).
 * Whatever the body, the parse path as {@link WebhookIntake} runs it ({@code readTree}, the parser, the key-length
 * check) either
 * returns messages that fit the {@code message} table, or fails with what the intake turns into a 4xx: a
 * {@link JsonProcessingException} (400) or a {@link ProblemException} with a 4xx status. Anything else (NPE,
 * ClassCast, StackOverflow, DateTimeException…) would be a 500 in production and fails the property, with the
 * seed jqwik prints to replay it.
 */
class WebhookParserFuzzTest {

    /** Column sizes of {@code message} in V1__foundation.sql: a longer value fails the insert (503, retried forever). */
    static final int EXTERNAL_ID = 300;
    static final int CONVERSATION_KEY = 300;
    static final int AUTHOR_ID = 200;
    static final int SOURCE = 100;
    static final int EVENT_TYPE = 32;
    /** Years both H2 and PostgreSQL store in TIMESTAMP WITH TIME ZONE and that any real message can have. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** target → {tried, accepted, rejected} */
    private static final Map<String, AtomicIntegerArray> COUNTS = new TreeMap<>();

    @Property(tries = 3000, seed = FuzzInputs.PARSER_SEED)
    void genericParserAnswersMessagesOrAClientError(@ForAll("generic") String body) {
        check("parser-generic", body, new GenericPayloadParser()::parse);
    }

    @Property(tries = 3000, seed = FuzzInputs.PARSER_SEED)
    void metaParserAnswersMessagesOrAClientError(@ForAll("meta") String body) {
        check("parser-meta", body, new MetaPayloadParser()::parse);
    }

    @Property(tries = 3000, seed = FuzzInputs.PARSER_SEED)
    void telegramParserAnswersMessagesOrAClientError(@ForAll("telegram") String body) {
        check("parser-telegram", body, new TelegramPayloadParser()::parse);
    }

    @Provide
    Arbitrary<String> generic() {
        List<JsonNode> fixtures = FuzzInputs.genericFixtures();
        return FuzzInputs.from(r -> FuzzInputs.body(r, fixtures));
    }

    @Provide
    Arbitrary<String> meta() {
        List<JsonNode> fixtures = FuzzInputs.metaFixtures();
        return FuzzInputs.from(r -> FuzzInputs.body(r, fixtures));
    }

    @Provide
    Arbitrary<String> telegram() {
        List<JsonNode> fixtures = FuzzInputs.telegramFixtures();
        return FuzzInputs.from(r -> FuzzInputs.body(r, fixtures));
    }

    private static void check(String target, String body, Function<JsonNode, List<InboundMessage>> parser) {
        AtomicIntegerArray counts;
        synchronized (COUNTS) {
            counts = COUNTS.computeIfAbsent(target, t -> new AtomicIntegerArray(3));
        }
        counts.incrementAndGet(0);
        List<InboundMessage> messages;
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                counts.incrementAndGet(2);
                return; // the intake answers 400 to an empty body before any parser runs
            }
            messages = parser.apply(tree);
            WebhookIntake.checkKeysFit(messages);
        } catch (JsonProcessingException e) {
            counts.incrementAndGet(2);
            return;
        } catch (ProblemException e) {
            assertTrue(e.status() >= 400 && e.status() < 500, "status " + e.status() + " for " + abbreviate(body));
            counts.incrementAndGet(2);
            return;
        } catch (Throwable e) {
            fail("the parser threw " + e + " (a 500 in production) for " + abbreviate(body), e);
            return;
        }
        for (InboundMessage m : messages) {
            assertFits("externalId", m.externalId(), EXTERNAL_ID, body);
            assertFits("conversationKey", m.conversationKey(), CONVERSATION_KEY, body);
            assertFits("authorId", m.authorId(), AUTHOR_ID, body);
            assertFits("source", m.source(), SOURCE, body);
            assertFits("eventType", m.eventType(), EVENT_TYPE, body);
            assertTrue(m.externalId() != null && m.conversationKey() != null && m.eventType() != null,
                    "a NOT NULL column would be null for " + abbreviate(body));
            if (m.sentAt() != null) {
                assertTrue(!m.sentAt().isBefore(EARLIEST) && !m.sentAt().isAfter(LATEST),
                        "sentAt " + m.sentAt() + " cannot be stored for " + abbreviate(body));
                m.sentAt().atOffset(ZoneOffset.UTC);
            }
        }
        counts.incrementAndGet(1);
    }

    private static void assertFits(String field, String value, int max, String body) {
        assertTrue(value == null || value.length() <= max,
                field + " has " + (value == null ? 0 : value.length()) + " characters, the column " + max
                        + ", for " + abbreviate(body));
    }

    static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "… (" + body.length() + " chars)";
    }

    @AfterContainer
    static void report() {
        COUNTS.forEach((target, c) -> System.out.printf("FUZZ %s: tried=%d accepted=%d rejected4xx=%d crashes=0%n",
                target, c.get(0), c.get(1), c.get(2)));
    }
}
