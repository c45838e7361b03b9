package org.bayan.rumor;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimWordsTest {

    private static final ClaimVectors SHIPPED = new ClaimVectors(List.of());
    private static final String EGYPTIAN = "الحقونا في ناس لابسة زي البلياتشو بتجري ورا العيال في سيدي بشر";
    private static final String FRENCH = "Des hommes avec des masques de clown à Sidi Bishr, c'est une blague ?";

    @Test
    void variantsAreSplitOnBarsCommasAndLinesAndRepeatsDropped() {
        assertEquals("مهرج*|clown*|*mohareg*|masque de clown",
                ClaimWords.canonical(" مهرج* , clown*|\n*mohareg*\r\nclown*|masque   de clown|| "));
        assertEquals(List.of("مهرج*", "clown*"), ClaimWords.variants("مهرج*|clown*"));
        assertEquals("", ClaimWords.canonical("  | ,\n"));
    }

    @Test
    void wordsThatWouldMatchTooMuchOrCannotMatchAreRefusedNamingTheVariant() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimWords.canonical("clown*|*ab*"))
                .getMessage().contains("*ab*"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimWords.canonical("ma*"))
                .getMessage().contains("too many"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimWords.canonical("clo*wn"))
                .getMessage().contains("star"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimWords.canonical("clown|?!"))
                .getMessage().contains("no letters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimWords.canonical("x"))
                .getMessage().contains("too short"));
        String tooMany = IntStream.rangeClosed(0, ClaimWords.MAX_VARIANTS).mapToObj(i -> "word" + i)
                .collect(Collectors.joining("|"));
        assertThrows(IllegalArgumentException.class, () -> ClaimWords.canonical(tooMany));
    }

    @Test
    void tellingsInTwoScriptsThatShareOnlyTaughtWordsMeetAboveTheThreshold() {
        assertEquals(0, ClaimSimilarity.between(SHIPPED.claim(EGYPTIAN), SHIPPED.claim(FRENCH)),
                "the shipped lexicons give the two tellings nothing in common");
        ClaimVectors taught = SHIPPED.withTaught(Map.of("7", "بلياتشو*|مهرج*|clown*|joker"));
        Claim egyptian = taught.claim(EGYPTIAN);
        Claim french = taught.claim(FRENCH);
        assertTrue(egyptian.signature().concepts().contains("claim:7"));
        assertTrue(french.signature().concepts().contains("claim:7"));
        assertTrue(ClaimSimilarity.between(egyptian, french) >= ClaimClusterer.DEFAULT_THRESHOLD,
                "taught words are enough on their own: " + ClaimSimilarity.between(egyptian, french));
        assertEquals(0, ClaimSimilarity.between(egyptian, taught.claim("Un clown au cirque de Casablanca ce soir")),
                "a telling in another country stays apart");
    }

    @Test
    void mergedClustersKeepBothClaimsWordsUnlessTogetherTheyAreTooMany() {
        assertEquals("clown*|مهرج*|joker", RumorClustering.mergedWords("clown*|مهرج*", "joker|clown*"));
        assertEquals("joker", RumorClustering.mergedWords(null, "joker"));
        String full = IntStream.range(0, ClaimWords.MAX_VARIANTS).mapToObj(i -> "word" + i).collect(Collectors.joining("|"));
        assertEquals(full, RumorClustering.mergedWords(full, "joker"));
    }
}
