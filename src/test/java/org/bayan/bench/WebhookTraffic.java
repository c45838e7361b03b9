package org.bayan.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bayan.ingest.Signatures;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generic-webhook deliveries the load benchmark sends: one message per delivery, texts from the seeded
 * {@link SyntheticCorpus}, each signed as a real sender would ({@link Signatures#sign}).
 * <p>
 * Ids are {@code <step>-<seq>} under source {@code bench}, so the database row of every acknowledged message
 * can be found again ({@code external_id = 'bench/<step>-<seq>'}). Authors are spread like a page's inbox:
 * about three messages per author, close together in time, so conversations are many and short rather than one
 * long thread (which would serialise case updates) or all distinct (which would never attach to a case).
 * Thread-safe: bodies depend only on (step, seq).
 */
final class WebhookTraffic {

    static final String SOURCE = "bench";

    /** A signed delivery ready to post. */
    record Delivery(long seq, byte[] body, String signature) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<SyntheticCorpus.Text> texts;
    private final String secret;
    private final String sentAt = Instant.now().toString();

    WebhookTraffic(List<SyntheticCorpus.Text> texts, String secret) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts");
        }
        this.texts = texts;
        this.secret = secret;
    }

    static String externalId(String step, long seq) {
        return SOURCE + "/" + step + "-" + seq;
    }

    /**
     * The delivery of message {@code seq} of a step; {@code probeToken}, when not null, is appended to the text
     * so the search probe can find exactly this message.
     */
    Delivery delivery(String step, long seq, String probeToken) {
        String text = texts.get((int) (seq % texts.size())).text();
        if (probeToken != null) {
            text = text + " " + probeToken;
        }
        // Jitter of up to 8 places before dividing by 3: ~3 messages per author, neighbours in time.
        long author = (seq + new SplittableRandom(seq).nextInt(9)) / 3;
        ObjectNode node = JSON.createObjectNode()
                .put("source", SOURCE)
                .put("id", step + "-" + seq)
                .put("author", "citizen-" + step + "-" + author)
                .put("text", text)
                .put("sent_at", sentAt);
        try {
            byte[] body = JSON.writeValueAsBytes(node);
            return new Delivery(seq, body, Signatures.sign(body, secret));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A word no corpus text holds (letters only: digits could be read as Arabizi letters by the analyzer). */
    static String probeToken(int n) {
        StringBuilder token = new StringBuilder("zqxprobe");
        int value = n;
        do {
            token.append((char) ('a' + value % 26));
            value /= 26;
        } while (value > 0);
        return token.toString();
    }
}
