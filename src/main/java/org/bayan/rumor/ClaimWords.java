package org.bayan.rumor;

import org.apache.lucene.queryparser.classic.QueryParser;
import org.bayan.classify.TextNormalizer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words a supervisor teaches the desk for one claim: how people tell it, in every variety ("مهرج*|بلياتشو*|
 * clown*|joker|*mohareg*"). The shipped lexicons name kinds of events and objects; a claim that spreads is told
 * with words nobody listed (a meteorite, a doll, a clown mask), and its tellings in six varieties then share no
 * concept and never meet. Taught words become one concept of that claim ({@link ClaimSignatures#withTaught}), so
 * a later telling that uses any of them is compared with the claim's cluster like one naming the same event.
 * <p>
 * Written as the lexicon files are: variants separated by {@code |}, a comma or a new line; each variant one or
 * more words, each matched exactly (also after a clitic or a glued article), as a prefix ({@code word*}) or
 * inside a word ({@code *word*}). Stateless.
 */
public final class ClaimWords {

    /** Most variants one claim takes: a claim told in six varieties needs a few dozen. */
    public static final int MAX_VARIANTS = 80;
    /** Longest text the words take, as stored. */
    public static final int MAX_LENGTH = 2000;
    /**
     * Shortest core of a word matched as a prefix or inside other words: two letters ("ma*", "*ch*") would
     * match a large share of all messages and join unrelated ones to the claim.
     */
    static final int MIN_PARTIAL = 3;
    /** Shortest word matched exactly. */
    static final int MIN_EXACT = 2;

    private ClaimWords() {
    }

    /**
     * The words in their stored form (variants trimmed, joined by {@code |}, repeats dropped), or an empty string
     * when there are none.
     *
     * @throws IllegalArgumentException naming the first variant that cannot be used, and why
     */
    public static String canonical(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        Set<String> variants = new LinkedHashSet<>();
        for (String raw : text.split("[|,،\\n\\r]")) {
            String variant = raw.strip().replaceAll("\\s+", " ");
            if (variant.isEmpty()) {
                continue;
            }
            for (String word : variant.split(" ")) {
                check(word, variant);
            }
            variants.add(variant);
        }
        if (variants.size() > MAX_VARIANTS) {
            throw new IllegalArgumentException("at most " + MAX_VARIANTS + " variants, got " + variants.size());
        }
        String stored = String.join("|", variants);
        if (stored.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("at most " + MAX_LENGTH + " characters, got " + stored.length());
        }
        return stored;
    }

    /** The variants of words in their stored form. */
    public static List<String> variants(String stored) {
        List<String> out = new ArrayList<>();
        if (stored != null) {
            for (String variant : stored.split("\\|")) {
                if (!variant.isBlank()) {
                    out.add(variant);
                }
            }
        }
        return out;
    }

    /**
     * The words as a query of the desk's search (any of them; words and "phrases" joined by OR), for the gather card
     * of the claim's cluster: the tellings told before the words were taught, or placed elsewhere, that use them.
     * Each word is written as the search reads message text (normalized, so alef forms, case and diacritics do not
     * matter); a word starred at either end becomes a prefix, because the search takes no leading wildcard (its
     * Arabic field strips clitics, so والنفق still meets نفق*, but a glued Latin article does not: lbank is missed by
     * bank*). The stars inside a phrase are dropped. At most {@link #MAX_VARIANTS} clauses.
     */
    public static String searchQuery(List<String> variants) {
        Set<String> clauses = new LinkedHashSet<>();
        for (String variant : variants) {
            List<String> tokens = new ArrayList<>();
            for (String word : variant.strip().split("\\s+")) {
                tokens.addAll(List.of(TextNormalizer.tokenize(TextNormalizer.normalize(word.replace("*", "")))));
            }
            if (tokens.size() == 1) {
                boolean partial = variant.startsWith("*") || (variant.endsWith("*") && variant.length() > 1);
                clauses.add(QueryParser.escape(tokens.get(0)) + (partial ? "*" : ""));
            } else if (!tokens.isEmpty()) {
                // several words, or one the search splits into several ("ride-hailing"): a phrase
                clauses.add('"' + QueryParser.escape(String.join(" ", tokens)) + '"');
            }
        }
        return String.join(" OR ", clauses);
    }

    private static void check(String word, String variant) {
        String core = ClaimLexicon.core(word);
        boolean partial = word.startsWith("*") || (word.endsWith("*") && word.length() > 1);
        if (word.substring(1, Math.max(1, word.length() - 1)).contains("*")) {
            throw new IllegalArgumentException("'" + variant + "': a star goes only at the start or the end of a word");
        }
        if (core.isEmpty()) {
            throw new IllegalArgumentException("'" + variant + "': '" + word + "' has no letters or digits");
        }
        int letters = core.codePointCount(0, core.length());
        if (partial && letters < MIN_PARTIAL) {
            throw new IllegalArgumentException("'" + variant + "': '" + word + "' would match too many messages; a word with a"
                    + " star needs at least " + MIN_PARTIAL + " letters");
        }
        if (letters < MIN_EXACT) {
            throw new IllegalArgumentException("'" + variant + "': '" + word + "' is too short; write at least " + MIN_EXACT
                    + " letters");
        }
    }
}
