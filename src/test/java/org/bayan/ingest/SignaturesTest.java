package org.bayan.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignaturesTest {

    private static final byte[] BODY = "{\"text\":\"مرحبا\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldMatchAKnownHmacSha256Vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] mac = Signatures.hmacSha256("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII), "Jefe");
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HexFormat.of().formatHex(mac));
    }

    @Test
    void shouldAcceptTheRightSignatureInEitherHexCase() {
        String header = Signatures.sign(BODY, "s3cret");
        assertTrue(Signatures.validHmacSha256(header, BODY, "s3cret"));
        assertTrue(Signatures.validHmacSha256(header.toUpperCase().replace("SHA256=", "sha256="), BODY, "s3cret"));
    }

    @Test
    void shouldRejectEverySignatureThatIsNotExactlyRight() {
        String header = Signatures.sign(BODY, "s3cret");
        assertFalse(Signatures.validHmacSha256(header, BODY, "other"));
        assertFalse(Signatures.validHmacSha256(header.substring(7), BODY, "s3cret"), "prefix missing");
        assertFalse(Signatures.validHmacSha256("sha1=" + header.substring(7), BODY, "s3cret"));
        assertFalse(Signatures.validHmacSha256(header.substring(0, header.length() - 2), BODY, "s3cret"), "too short");
        assertFalse(Signatures.validHmacSha256(header + "00", BODY, "s3cret"), "too long");
        assertFalse(Signatures.validHmacSha256("sha256=" + "zz".repeat(32), BODY, "s3cret"), "not hex");
        assertFalse(Signatures.validHmacSha256("", BODY, "s3cret"));
        assertFalse(Signatures.validHmacSha256(null, BODY, "s3cret"));
        assertFalse(Signatures.validHmacSha256(header, BODY, ""), "an empty secret never validates");
        byte[] tampered = BODY.clone();
        tampered[2] ^= 1;
        assertFalse(Signatures.validHmacSha256(header, tampered, "s3cret"));
    }

    @Test
    void shouldCompareTokensExactly() {
        assertTrue(Signatures.validToken("abc", "abc"));
        assertFalse(Signatures.validToken("abcd", "abc"));
        assertFalse(Signatures.validToken("ABC", "abc"));
        assertFalse(Signatures.validToken(null, "abc"));
        assertFalse(Signatures.validToken("", ""));
    }
}
