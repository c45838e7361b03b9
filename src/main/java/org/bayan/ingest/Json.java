package org.bayan.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.bayan.common.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Small readers over a parsed payload that fail with a 400 naming the JSON path of the bad field,
 * so that a sender can see exactly what Bayan expected.
 */
final class Json {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Json() {
    }

    static JsonNode requireObject(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw missing(path);
        }
        if (!node.isObject()) {
            throw ProblemException.badRequest(path + " must be an object", path);
        }
        return node;
    }

    static JsonNode requireArray(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw missing(path);
        }
        if (!node.isArray()) {
            throw ProblemException.badRequest(path + " must be an array", path);
        }
        return node;
    }

    /** A required scalar as text; numbers are accepted for ids (providers send both). */
    static String requireId(JsonNode parent, String name, String path) {
        String value = optionalId(parent, name, path);
        if (value == null || value.isEmpty()) {
            throw missing(path);
        }
        return value;
    }

    static String optionalId(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            String value = node.asText();
            if (value.length() > 200) {
                throw ProblemException.badRequest(path + " is longer than 200 characters", path);
            }
            if (value.chars().anyMatch(c -> c < 0x20)) {
                throw ProblemException.badRequest(path + " must not contain control characters", path);
            }
            return value;
        }
        throw ProblemException.badRequest(path + " must be a string or an integer", path);
    }

    /** Optional text; a non-string value is an error, a missing one is null. */
    static String optionalText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.badRequest(path + " must be a string", path);
        }
        return node.textValue();
    }

    /** Optional epoch time in seconds or milliseconds (told apart by size), as number or numeric string. */
    static Instant optionalEpoch(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        long value;
        if (node.isIntegralNumber()) {
            value = node.asLong();
        } else if (node.isTextual() && node.textValue().matches("\\d{1,15}")) {
            value = Long.parseLong(node.textValue());
        } else {
            throw ProblemException.badRequest(path + " must be an epoch time", path);
        }
        if (value < EARLIEST.getEpochSecond()) {
            throw outOfRange(path);
        }
        // Below 10^11 it is seconds (until year 5138); above, milliseconds.
        return storable(value < 100_000_000_000L ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value), path);
    }

    /**
     * A provider's time as it can be stored: years 1 to 9999. Both databases reject (or the driver cannot
     * convert) times far outside, which would fail the insert and answer 503, so the sender would retry forever.
     */
    static Instant storable(Instant time, String path) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw outOfRange(path);
        }
        return time;
    }

    private static ProblemException outOfRange(String path) {
        return ProblemException.badRequest(path + " must be a time between the years 1 and 9999", path);
    }

    static boolean flag(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node != null && node.asBoolean(false);
    }

    static ProblemException missing(String path) {
        return ProblemException.badRequest(path + " is required", path);
    }

    /**
     * A stable id for an event the provider gives no id of its own (read receipts, deliveries …):
     * the same delivered event always gets the same id, so redelivery stays a duplicate.
     */
    static String fingerprint(String prefix, JsonNode event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(event.toString().getBytes(StandardCharsets.UTF_8));
            return prefix + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
