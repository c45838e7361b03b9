package org.bayan.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile inputs for the webhook parsers and the search API, shared by the jqwik properties (parser level)
 * and the HTTP fuzz tests. Most bodies are real provider fixtures with a few nodes mutated: purely random JSON
 * stops at the first missing field, while a mutated fixture reaches the deep branches (comments, edits,
 * statuses, captions) with wrong types, odd Unicode, extreme numbers and near-limit ids.
 * Every generator draws only from the {@link Random} it is given, so a seed reproduces a case.
 */
public final class FuzzInputs {

    /**
     * Seed of the jqwik parser properties. Fixed, so that the build gives the same answer every time: a new
     * finding must come from someone exploring (see {@link #HTTP_SEED}), not from a red build on an unrelated
     * change. A seed that once found a defect stays covered by that defect's regression test.
     */
    public static final String PARSER_SEED = "20261124";

    /**
     * Seed and size of the HTTP fuzz tests: a fixed seed by default, for the same reason as {@link #PARSER_SEED};
     * {@code -Dbayan.fuzz.seed=random} explores a new one (printed), {@code -Dbayan.fuzz.seed=<seed>} replays
     * it, {@code -Dbayan.fuzz.http-tries=<n>} sets the size.
     */
    public static final long HTTP_SEED = httpSeed(System.getProperty("bayan.fuzz.seed", "20261124"));
    public static final int HTTP_TRIES = Integer.getInteger("bayan.fuzz.http-tries", 250);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Characters that break naive code: bidi marks, joiners, BOM, NUL, lone surrogate halves, quotes. */
    static final String[] ODD = {"\u200F", "\u200E", "\u200D", "\u200C", "\uFEFF", "\u0000", "\uD800", "\uDFFF",
            "\uDBFF\uDFFF", "\u202E", "\u061C", "\u0640", "\uFDFA", "\uFFFD", "\uFFFF", "\"", "\\", "\n", "\t", "\r",
            "%s", "%n", "${jndi:ldap://x}", "<script>", "' OR 1=1 --", "🙏", "\u0301", "ب", "é", "7", " ", "/", ":"};

    /** Numbers at the edges of what epoch fields, ids and counters accept. */
    static final List<JsonNode> NUMBERS = List.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1),
            NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(Integer.MAX_VALUE),
            NODES.numberNode(99_999_999_999L), NODES.numberNode(100_000_000_000L), NODES.numberNode(-62_135_596_800L),
            NODES.numberNode(253_402_300_800L), NODES.numberNode(BigInteger.TWO.pow(70)),
            NODES.numberNode(BigInteger.TWO.pow(70).negate()), NODES.numberNode(1.5), NODES.numberNode(-0.0),
            NODES.numberNode(1e308), NODES.numberNode(new BigDecimal("1e400")));

    /** Date-times at the edges of what {@code OffsetDateTime.parse} accepts and databases store. */
    static final String[] DATES = {"2026-11-23T10:15:00Z", "2026-11-23", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "+999999999-12-31", "-999999999-01-01", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999+18:00", "+10000-01-01T00:00:00Z", "-4713-11-24T00:00:00Z",
            "+294277-01-01T00:00:00Z", "+292278994-08-17T07:12:55.807Z", "+292278995-01-01T00:00:00Z",
            "2026-02-30", "2026-13-01T00:00:00Z", "2026-11-23T25:00:00Z", "2026-11-23T10:15:00+19:00",
            "2026-11-23T10:15:00", "yesterday", "", " ", "1700000000"};

    private FuzzInputs() {
    }

    private static long httpSeed(String value) {
        return value.equals("random") ? new java.security.SecureRandom().nextLong() : Long.parseLong(value);
    }

    /** Text made of odd characters and ordinary words, 0 to ~60 pieces. */
    public static String oddText(Random r) {
        StringBuilder out = new StringBuilder();
        int pieces = r.nextInt(60);
        for (int i = 0; i < pieces; i++) {
            out.append(switch (r.nextInt(4)) {
                case 0 -> ODD[r.nextInt(ODD.length)];
                case 1 -> "word" + r.nextInt(100);
                case 2 -> (char) r.nextInt(0x10000);
                default -> " ";
            });
        }
        return out.toString();
    }

    /** A string whose length sits around the limits the parsers and columns enforce, or far beyond them. */
    public static String sizedText(Random r) {
        int[] sizes = {24, 25, 32, 33, 99, 100, 101, 150, 199, 200, 201, 299, 300, 301, 5_000, 200_000};
        int size = sizes[r.nextInt(sizes.length)];
        char fill = r.nextBoolean() ? 'x' : '\u0628';
        return String.valueOf(fill).repeat(size);
    }

    /** A random JSON value, nested at most {@code depth} levels. */
    public static JsonNode randomValue(Random r, int depth) {
        int pick = r.nextInt(depth > 0 ? 10 : 7);
        return switch (pick) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NUMBERS.get(r.nextInt(NUMBERS.size()));
            case 3 -> NODES.textNode(oddText(r));
            case 4 -> NODES.textNode(sizedText(r));
            case 5 -> NODES.textNode(DATES[r.nextInt(DATES.length)]);
            case 6 -> NODES.textNode(Long.toString(r.nextLong()));
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    array.add(randomValue(r, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    object.set(r.nextBoolean() ? oddText(r) : "text", randomValue(r, depth - 1));
                }
                yield object;
            }
        };
    }

    /** Replaces, removes or adds a few nodes anywhere in a copy of {@code tree}. */
    public static JsonNode mutate(JsonNode tree, Random r, int mutations) {
        JsonNode copy = tree.deepCopy();
        for (int m = 0; m < mutations; m++) {
            List<JsonNode> containers = new ArrayList<>();
            collectContainers(copy, containers);
            if (containers.isEmpty()) {
                return randomValue(r, 3);
            }
            JsonNode target = containers.get(r.nextInt(containers.size()));
            if (target instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                int action = names.isEmpty() ? 2 : r.nextInt(5);
                if (action == 2) {
                    object.set(r.nextBoolean() ? oddText(r) : pickKnownField(r), randomValue(r, 2));
                } else if (action == 3) {
                    object.remove(names.get(r.nextInt(names.size())));
                } else {
                    object.set(names.get(r.nextInt(names.size())), randomValue(r, 2));
                }
            } else if (target instanceof ArrayNode array) {
                if (array.isEmpty() || r.nextInt(4) == 0) {
                    array.add(r.nextBoolean() ? randomValue(r, 2) : array.isEmpty() ? NODES.objectNode() : array.get(0).deepCopy());
                } else {
                    array.set(r.nextInt(array.size()), randomValue(r, 2));
                }
            }
        }
        return copy;
    }

    /** Field names the parsers read: adding them with wrong values reaches branches a fixture lacks. */
    private static String pickKnownField(Random r) {
        String[] known = {"message", "message_edit", "reaction", "read", "postback", "changes", "messaging", "text",
                "caption", "type", "from", "sender_chat", "edit_date", "date", "num_edit", "is_echo", "statuses",
                "metadata", "phone_number_id", "parent_id", "post_id", "verb", "item", "timestamp", "created_time",
                "conversation", "kind", "sent_at", "source", "id", "update_id", "chat", "attachments", "image"};
        return known[r.nextInt(known.length)];
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.elements().forEachRemaining(child -> collectContainers(child, out));
        }
    }

    /**
     * Every string in a copy of {@code tree} grown to one size at or around the parsers' limits: ids the parser
     * accepts one by one may still overflow a column once the parser joins them (source + "/" + id …).
     */
    public static JsonNode inflate(JsonNode tree, Random r) {
        int size = new int[]{100, 199, 200}[r.nextInt(3)];
        JsonNode copy = tree.deepCopy();
        inflateInto(copy, "7".repeat(size));
        return copy;
    }

    private static void inflateInto(JsonNode node, String value) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (child.isTextual() && !isSelector(name)) {
                    object.put(name, value.substring(0, Math.min(value.length(), name.equals("source") ? 100 : 200)));
                } else {
                    inflateInto(child, value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> inflateInto(child, value));
        }
    }

    /** Fields that choose a branch or hold a time: growing them only tests the default branch or the 400. */
    private static boolean isSelector(String name) {
        return List.of("object", "field", "item", "verb", "type", "kind", "sent_at", "status", "timestamp", "time",
                "date", "edit_date", "created_time").contains(name);
    }

    /** Arrays or objects nested far deeper than any payload, closed or not. */
    public static String deepNesting(Random r) {
        int depth = new int[]{100, 999, 1000, 1001, 5_000, 50_000}[r.nextInt(6)];
        boolean closed = r.nextInt(4) != 0;
        if (r.nextBoolean()) {
            return "[".repeat(depth) + (closed ? "]".repeat(depth) : "");
        }
        return "{\"a\":".repeat(depth) + "1" + (closed ? "}".repeat(depth) : "");
    }

    /**
     * One request body: mostly a mutated fixture, sometimes random JSON, deep nesting, or broken bytes.
     * Odd characters are written raw or, half the time, as {@code \\uXXXX} escapes (lone surrogates included).
     */
    public static String body(Random r, List<JsonNode> fixtures) {
        int kind = r.nextInt(20);
        if (kind < 2) {
            return write(inflate(fixtures.get(r.nextInt(fixtures.size())), r), r);
        }
        if (kind < 13) {
            return write(mutate(fixtures.get(r.nextInt(fixtures.size())), r, 1 + r.nextInt(4)), r);
        }
        if (kind < 15) {
            return write(randomValue(r, 4), r);
        }
        if (kind < 17) {
            return deepNesting(r);
        }
        String valid = write(fixtures.get(r.nextInt(fixtures.size())), r);
        int at = r.nextInt(valid.length() + 1);
        return switch (r.nextInt(3)) {
            case 0 -> valid.substring(0, at);
            case 1 -> valid.substring(0, at) + ODD[r.nextInt(ODD.length)] + valid.substring(at);
            default -> valid + valid;
        };
    }

    private static String write(JsonNode node, Random r) {
        try {
            return r.nextBoolean() ? MAPPER.writeValueAsString(node)
                    : MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON fixtures under {@code src/test/resources/fixtures/<folder>}, parsed. */
    public static List<JsonNode> fixtures(String folder, String... names) {
        List<JsonNode> out = new ArrayList<>();
        for (String name : names) {
            try {
                out.add(MAPPER.readTree(new String(Webhooks.fixture(folder + "/" + name), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static List<JsonNode> metaFixtures() {
        return fixtures("meta", "instagram-comment.json", "instagram-message.json", "messenger-mixed-events.json",
                "messenger-text.json", "page-comment-add.json", "page-comment-reply-and-edit.json",
                "whatsapp-image-and-sticker.json", "whatsapp-statuses.json", "whatsapp-text.json");
    }

    public static List<JsonNode> telegramFixtures() {
        return fixtures("telegram", "callback-query.json", "channel-post.json", "edited-message.json", "message.json",
                "sticker.json");
    }

    /** Generic messages in both accepted shapes: one object, and a batch. */
    public static List<JsonNode> genericFixtures() {
        try {
            String one = """
                    {"source":"fuzz","id":"m-1","conversation":"c-1","author":"a-1","text":"سرقوا مني البطاقة",\
                    "sent_at":"2026-11-23T10:15:00Z","kind":"private"}""";
            String two = "[" + one + ",{\"source\":\"fuzz\",\"id\":\"m-2\",\"author\":\"a-2\",\"text\":\"hello\","
                    + "\"sent_at\":\"2026-11-23T10:16:00+02:00\",\"kind\":\"comment\"}]";
            return List.of(MAPPER.readTree(one), MAPPER.readTree(two));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Search queries: Lucene syntax pieces, odd characters and words, sometimes over the 500-character limit. */
    public static String query(Random r) {
        String[] syntax = {"AND", "OR", "NOT", "+", "-", "\"", "(", ")", "*", "?", "~", "~2", "^", "^0.5", "[", "]",
                "{", "}", ":", "/", "\\", "&&", "||", "!", "TO", "text:", "category:", "body_ar:", "/a.*b/",
                "/[/", "abc~", "a*b", "*", "?a", "حادث", "سرقة", "vol", "theft", "2026", "[a TO z]", "{* TO *}",
                "\"unclosed", "/(a|b)*{1000}/", "a".repeat(300)};
        StringBuilder q = new StringBuilder();
        int pieces = r.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            q.append(r.nextInt(4) == 0 ? ODD[r.nextInt(ODD.length)] : syntax[r.nextInt(syntax.length)]);
            if (r.nextBoolean()) {
                q.append(' ');
            }
        }
        return q.toString();
    }

    public static String date(Random r) {
        return r.nextInt(5) == 0 ? oddText(r) : DATES[r.nextInt(DATES.length)];
    }

    /** A page or size parameter: small, negative, huge, or not a number. */
    public static String number(Random r) {
        String[] values = {"0", "1", "20", "100", "101", "-1", "2147483647", "-2147483648", "2147483648", "99",
                "1e3", "", "abc", "١٢", "0x10", "50"};
        return values[r.nextInt(values.length)];
    }

    /** Jqwik's view of a generator: a seed from the property's source of randomness. */
    public static <T> Arbitrary<T> from(java.util.function.Function<Random, T> generator) {
        return Arbitraries.randoms().map(generator);
    }
}
