package org.bayan.ingest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Signature checks for webhooks. All comparisons are constant-time. */
public final class Signatures {

    private static final String PREFIX = "sha256=";
    private static final int SHA256_BYTES = 32;

    private Signatures() {
    }

    /**
     * True when {@code header} is {@code sha256=<hex>} and the hex is the HMAC-SHA256 of the raw body with the
     * secret. Hex case is ignored; anything malformed is simply not valid.
     */
    public static boolean validHmacSha256(String header, byte[] body, String secret) {
        if (header == null || secret == null || secret.isEmpty()) {
            return false;
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        String hex = value.substring(PREFIX.length());
        if (hex.length() != SHA256_BYTES * 2) {
            return false;
        }
        byte[] provided;
        try {
            provided = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(body, secret), provided);
    }

    /** True when the shared-secret header equals the configured secret. */
    public static boolean validToken(String header, String secret) {
        if (header == null || secret == null || secret.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmacSha256(byte[] body, String secret) {
        try {
            // A Mac instance is cheap to obtain and not thread-safe: one per call.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** The header value a sender puts on {@code body}: {@code sha256=<lower-case hex>}. */
    public static String sign(byte[] body, String secret) {
        return PREFIX + HexFormat.of().formatHex(hmacSha256(body, secret));
    }
}
