package org.bayan.rumor;

import org.bayan.classify.TextNormalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts a {@link ClaimSignature} from a message with the three rumor lexicons: places first (they contain
 * digits and colour words: "6 أكتوبر", "الدار البيضاء"), then numbers written in digits, then concepts, each
 * pass skipping the words an earlier one consumed; dialect cues are read over the whole message. Used by
 * {@link ClaimVectors}. The standard instance loads the resources once; thread-safe.
 */
public final class ClaimSignatures {

    /** Digits with an optional unit glued to them: 200dh, 10k, 8pm, 48h, 100km. */
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,7})(k|dh|dhs|mad|egp|le|h|pm|am|km|kmh|min|th|st|nd|rd|j)?");
    /** Words that multiply the number before them: "5 آلاف", "10 alaf", "2 mille". */
    private static final Set<String> THOUSANDS = Set.of("الاف", "الف", "تلاف", "لاف", "alaf", "alf", "mille", "thousand");

    private static final ClaimSignatures STANDARD = new ClaimSignatures(
            ClaimLexicon.load("rumor/places.tsv"), ClaimLexicon.load("rumor/concepts.tsv"),
            ClaimLexicon.load("rumor/dialects.tsv"));

    /** Prefix of the concept a claim's taught words become ({@link ClaimWords}): {@code claim:} and the claim's key. */
    public static final String TAUGHT = "claim:";

    private final ClaimLexicon places;
    private final ClaimLexicon concepts;
    private final ClaimLexicon dialects;
    /** The words supervisors taught for claims, each claim's words one concept; null when none were taught. */
    private final ClaimLexicon taught;

    ClaimSignatures(ClaimLexicon places, ClaimLexicon concepts, ClaimLexicon dialects) {
        this(places, concepts, dialects, null);
    }

    private ClaimSignatures(ClaimLexicon places, ClaimLexicon concepts, ClaimLexicon dialects, ClaimLexicon taught) {
        this.places = places;
        this.concepts = concepts;
        this.dialects = dialects;
        this.taught = taught;
    }

    /**
     * These lexicons plus the words taught for claims: key (a cluster id, or a claim's label in a labelled file)
     * to its words in stored form ({@link ClaimWords#canonical}). A message using any of a claim's words gets the
     * concept {@code claim:<key>}; earlier taught words are replaced, not added to.
     */
    public ClaimSignatures withTaught(Map<String, String> wordsByClaim) {
        if (wordsByClaim.isEmpty()) {
            return new ClaimSignatures(places, concepts, dialects, null);
        }
        Map<String, String> entries = new java.util.TreeMap<>();
        wordsByClaim.forEach((claim, words) -> entries.put(TAUGHT + claim, words));
        return new ClaimSignatures(places, concepts, dialects, ClaimLexicon.of(entries));
    }

    /** The signatures of the lexicons shipped under {@code src/main/resources/rumor/}. */
    public static ClaimSignatures standard() {
        return STANDARD;
    }

    public ClaimSignature extract(String text) {
        String[] tokens = tokens(text);
        boolean[] consumed = new boolean[tokens.length];

        Set<String> named = new TreeSet<>();
        Set<String> conceptIds = new TreeSet<>();
        for (ClaimLexicon.Match m : places.match(tokens, consumed)) {
            named.add(m.id());
            conceptIds.addAll(objectsIn(java.util.Arrays.copyOfRange(tokens, m.start(), m.end())));
        }
        conceptIds.addAll(numbers(tokens, consumed));
        for (ClaimLexicon.Match m : concepts.match(tokens, consumed)) {
            conceptIds.add(m.id());
        }
        if (taught != null) {
            // read over every word: a supervisor may teach a word the lexicons already read as a place or concept
            for (ClaimLexicon.Match m : taught.match(tokens, new boolean[tokens.length])) {
                conceptIds.add(m.id());
            }
        }
        return new ClaimSignature(conceptIds, mostSpecific(named), country(named), dialect(tokens));
    }

    /**
     * The objects a place name says it is ("كوبري 6 أكتوبر" is a bridge, "Oukacha prison" a prison, "Morocco Mall"
     * a mall), so a telling that names the landmark meets one that only says "the bridge". Numbers and
     * attributes inside a name ("6", the البيضاء of الدار البيضاء) are not the claim's.
     */
    private Set<String> objectsIn(String[] span) {
        Set<String> out = new TreeSet<>();
        for (ClaimLexicon.Match m : concepts.match(span, new boolean[span.length])) {
            if (m.id().startsWith("object:")) {
                out.add(m.id());
            }
        }
        return out;
    }

    static String[] tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String token : TextNormalizer.tokenize(TextNormalizer.normalize(text))) {
            if (Character.isLetterOrDigit(token.codePointAt(0))) {
                out.add(token);
            }
        }
        return out.toArray(String[]::new);
    }

    /** Numbers written in digits; a following "آلاف"/"alaf"/"mille" or a glued k multiplies by a thousand. */
    private static List<String> numbers(String[] tokens, boolean[] consumed) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            if (consumed[i]) {
                continue;
            }
            Matcher m = NUMBER.matcher(tokens[i]);
            if (!m.matches()) {
                continue;
            }
            long value = Long.parseLong(m.group(1));
            consumed[i] = true;
            if ("k".equals(m.group(2))) {
                value *= 1000;
            } else if (i + 1 < tokens.length && !consumed[i + 1] && THOUSANDS.contains(tokens[i + 1])) {
                value *= 1000;
                consumed[i + 1] = true;
            }
            out.add("num:" + value);
        }
        return out;
    }

    /** Drops a named place when a more specific one inside it is named too ("Nasr City, Cairo" → Nasr City). */
    static Set<String> mostSpecific(Set<String> named) {
        Set<String> out = new TreeSet<>();
        for (String place : named) {
            boolean hasDescendant = named.stream().anyMatch(other -> other.startsWith(place + "/"));
            if (!hasDescendant) {
                out.add(place);
            }
        }
        return out;
    }

    private static String country(Set<String> named) {
        String country = null;
        for (String place : named) {
            String root = ClaimSimilarity.country(place);
            if (country != null && !country.equals(root)) {
                return null;
            }
            country = root;
        }
        return country;
    }

    private String dialect(String[] tokens) {
        Map<String, Integer> votes = new java.util.HashMap<>();
        for (ClaimLexicon.Match m : dialects.match(tokens, new boolean[tokens.length])) {
            votes.merge(m.id(), 1, Integer::sum);
        }
        String best = null;
        int bestVotes = 0;
        boolean tie = false;
        for (var e : new java.util.TreeMap<>(votes).entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
                tie = false;
            } else if (e.getValue() == bestVotes) {
                tie = true;
            }
        }
        return tie ? null : best;
    }
}
