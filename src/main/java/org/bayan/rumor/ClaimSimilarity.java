package org.bayan.rumor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How likely two messages are to carry the same claim, from 0 to 1. Same claim means the same kind of event
 * and the same place or target when both name one, so the score is the cosine of the two concept vectors
 * (events, objects, attributes, numbers, weighed by kind and rarity) times how well the named places agree
 * (same place 1, one unnamed a little less, another district or city much less, another country 0), times a
 * penalty when the only country evidence is dialect and it disagrees, times a penalty per group of
 * alternatives where they name different members (passport vs licence, white vs black van); a little
 * character-gram cosine breaks ties within one script. Two messages that share no event, object, attribute
 * or number score 0 — a shared place alone is not a shared claim — which is what lets {@link ClaimClusterer}
 * score only the members an inverted index returns. Stateless; thread-safe.
 */
public final class ClaimSimilarity {

    /**
     * Share of the character-gram cosine: enough to order tellings in one script, too little to join alone;
     * 0.25 already let same-script tellings of different claims meet.
     */
    static final double GRAM_WEIGHT = 0.1;
    /**
     * A pair whose score stays under this even if all their characters were shared gets no character-gram cosine:
     * merging two texts' grams (hundreds each) was most of the cost of a comparison, and many compared pairs score
     * this little (another city's telling, one shared concept, alternatives that differ). Far under joining ({@code ClaimClusterer.DEFAULT_THRESHOLD}, 0.18), it
     * changes what such a pair adds to a cluster's links by at most a tenth of its score.
     */
    static final double GRAMS_FLOOR = 0.05;
    /** Only one of the two names a place below country level: most tellings leave the place out. */
    static final double ONE_PLACE_UNNAMED = 0.85;

    /*
     * The penalties below keep two tellings of different claims under the clusterer's threshold. They were set
     * against a threshold of 0.25; when average linkage brought it down to 0.18 (ClaimClusterer) each was scaled
     * by 0.72 (0.18 / 0.25), so that every pair they kept apart stays apart. Unscaled, the tuning files scored
     * a little higher, by letting Shubra and Maadi kidnappings, passport and licence fees, two unrelated arrests
     * meet (ClaimClustererTest).
     */

    /**
     * Both name places in one city but different districts or landmarks (Nasr City vs Shubra). 0.35 until the
     * threshold went down to 0.25; at 0.3 one kind of event in two districts still stayed under it; 0.216 since
     * the threshold is 0.18.
     */
    static final double OTHER_DISTRICT = 0.216;
    /** Both name places in one country but in different governorates/cities (Tanta vs Borg El Arab); was 0.15. */
    static final double OTHER_CITY = 0.108;
    /** One country is only guessed from dialect and it differs from the other's: people ask across borders. */
    static final double DIALECT_DISAGREES = 0.288;
    /** Per group of alternatives (rumor/exclusive.tsv) in which the two name different members only. */
    static final double ALTERNATIVES_DIFFER = 0.288;

    /**
     * Share of place agreement in the score: two tellings that name the same district or landmark and share a
     * concept are likely one claim even when each tells a different detail (bodies found vs a gang stealing
     * kidneys, both in one street). Half of it for the same city only. 0.3 and 0.4 narrowed the range of
     * good thresholds in rumor-eval; 0.2 kept it widest.
     */
    static final double SAME_PLACE_WEIGHT = 0.2;
    /**
     * Only one concept in common and no shared place: "arrested" alone does not make two arrests one claim.
     * With the lexicons of commit 1aee8b4, on the evaluation file anything from 0.3 to 0.65 scores alike (mean F1 0.958–0.963); on the 784 unlabelled
     * rumors of the training corpus 0.65 still chained 27 unrelated arrests into one cluster, 0.4 did not.
     * 0.35 since the threshold went from 0.325 to 0.25, so that two claims sharing only an arrest stay under it
     * (0.25 mean F1 over the four labelled files 0.852 with 0.4, 0.852 with 0.35); 0.252 since it is 0.18.
     */
    static final double ONE_SHARED_CONCEPT = 0.252;

    private static final List<List<String>> EXCLUSIVE = loadExclusive("rumor/exclusive.tsv");

    private ClaimSimilarity() {
    }

    public static double between(Claim a, Claim b) {
        ClaimSignature sa = a.signature();
        ClaimSignature sb = b.signature();
        int shared = sharedEvidence(sa, sb);
        if (shared == 0) {
            return 0;
        }
        double same = samePlace(sa, sb);
        // words a supervisor taught for one claim are enough on their own: they were chosen to name that claim
        double factor = placeFactor(sa, sb) * countryFactor(sa, sb) * alternativesFactor(a.alternatives(), b.alternatives())
                * (shared == 1 && same == 0 && !sharesTaught(sa, sb) ? ONE_SHARED_CONCEPT : 1);
        if (factor == 0) {
            return 0;
        }
        double concepts = a.concepts().dot(b.concepts());
        double claim = (1 - SAME_PLACE_WEIGHT) * concepts + SAME_PLACE_WEIGHT * same;
        double withoutGrams = factor * (1 - GRAM_WEIGHT) * claim;
        if (withoutGrams + factor * GRAM_WEIGHT < GRAMS_FLOOR) {
            // even identical characters would leave it under the floor: the grams are not worth merging for
            return withoutGrams;
        }
        return withoutGrams + factor * GRAM_WEIGHT * a.grams().dot(b.grams());
    }

    /** The concepts two claims must share at least one of to be compared at all: all but context words. */
    static boolean isEvidence(String concept) {
        return !concept.startsWith("context:");
    }

    private static boolean sharesTaught(ClaimSignature a, ClaimSignature b) {
        for (String concept : a.concepts()) {
            if (concept.startsWith(ClaimSignatures.TAUGHT) && b.concepts().contains(concept)) {
                return true;
            }
        }
        return false;
    }

    private static int sharedEvidence(ClaimSignature a, ClaimSignature b) {
        int shared = 0;
        for (String concept : a.concepts()) {
            if (isEvidence(concept) && b.concepts().contains(concept)) {
                shared++;
            }
        }
        return shared;
    }

    /**
     * 1 when some place of one contains or equals some place of the other below country level (Nasr City and
     * Cairo agree) or neither names a place; {@link #ONE_PLACE_UNNAMED} when only one does; otherwise the best
     * of another district of one city, another city of one country, and 0 for different countries. A country
     * alone (from a currency or a demonym) only takes part in the country test.
     */
    static double placeFactor(ClaimSignature a, ClaimSignature b) {
        boolean aNames = namesBelowCountry(a.places());
        boolean bNames = namesBelowCountry(b.places());
        if (a.places().isEmpty() || b.places().isEmpty()) {
            return aNames == bNames ? 1 : ONE_PLACE_UNNAMED;
        }
        double best = 0;
        for (String p : a.places()) {
            for (String q : b.places()) {
                boolean nested = p.equals(q) || inside(p, q) || inside(q, p);
                double factor;
                if (nested) {
                    // Cairo within Cairo agrees; the country alone on one side says nothing about the city
                    factor = aNames && bNames ? 1 : aNames == bNames ? 1 : ONE_PLACE_UNNAMED;
                } else {
                    int common = commonDepth(p, q);
                    factor = common == 0 ? 0 : common == 1 ? OTHER_CITY : OTHER_DISTRICT;
                }
                best = Math.max(best, factor);
            }
        }
        return best;
    }

    /** 1 when both name one district or landmark (or one inside the other's), 0.5 for one city only, else 0. */
    static double samePlace(ClaimSignature a, ClaimSignature b) {
        double best = 0;
        for (String p : a.places()) {
            for (String q : b.places()) {
                int common = commonDepth(p, q);
                boolean nested = common == Math.min(depth(p), depth(q));
                if (nested && common >= 3) {
                    return 1;
                }
                if (nested && common == 2) {
                    best = 0.5;
                }
            }
        }
        return best;
    }

    /**
     * How far two sets of named places (two messages, or a message and a whole cluster) allow one claim: 1 when
     * either names none or some place of one contains or equals some place of the other, otherwise the best of
     * another district ({@link #OTHER_DISTRICT}), another city ({@link #OTHER_CITY}) and another country (0).
     */
    static double placeConflict(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 1;
        }
        double best = 0;
        for (String p : a) {
            for (String q : b) {
                int common = commonDepth(p, q);
                if (common == Math.min(depth(p), depth(q))) {
                    return 1;
                }
                best = Math.max(best, common == 0 ? 0 : common == 1 ? OTHER_CITY : OTHER_DISTRICT);
            }
        }
        return best;
    }

    /** Weighs down a claim whose country is only guessed from its dialect when it differs from the other's. */
    static double countryFactor(ClaimSignature a, ClaimSignature b) {
        String ca = a.likelyCountry();
        String cb = b.likelyCountry();
        if (ca == null || cb == null || ca.equals(cb)) {
            return 1;
        }
        if (a.country() != null && b.country() != null) {
            // both named, and differently: placeFactor has blocked it unless one message names both countries
            return 0;
        }
        return DIALECT_DISAGREES;
    }

    /**
     * Which alternatives of each exclusive group ({@code exclusive.tsv}) the signature names, one bit each: worked
     * out once per claim ({@link Claim#alternatives}), because looking every group up in both signatures for each
     * pair compared was nearly half the cost of a comparison in the service's profile under load.
     */
    static long[] alternatives(ClaimSignature signature) {
        long[] named = new long[EXCLUSIVE.size()];
        for (int g = 0; g < named.length; g++) {
            List<String> group = EXCLUSIVE.get(g);
            for (int i = 0; i < group.size(); i++) {
                if (signature.concepts().contains(group.get(i))) {
                    named[g] |= 1L << i;
                }
            }
        }
        return named;
    }

    /** Penalizes each exclusive group in which both claims name an alternative and share none. */
    static double alternativesFactor(long[] a, long[] b) {
        double factor = 1;
        for (int g = 0; g < a.length; g++) {
            if (a[g] != 0 && b[g] != 0 && (a[g] & b[g]) == 0) {
                factor *= ALTERNATIVES_DIFFER;
            }
        }
        return factor;
    }

    static String country(String place) {
        int slash = place.indexOf('/');
        return slash < 0 ? place : place.substring(0, slash);
    }

    static int depth(String place) {
        int depth = 1;
        for (int i = 0; i < place.length(); i++) {
            if (place.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /**
     * Number of leading path segments two places share: 0 other country, 1 same country, 2 same city … Compared in
     * place, segment by segment: this runs for every pair of places of every pair of claims compared.
     */
    static int commonDepth(String p, String q) {
        int n = 0;
        int start = 0;
        while (true) {
            int pEnd = segmentEnd(p, start);
            int qEnd = segmentEnd(q, start);
            if (pEnd != qEnd || !p.regionMatches(start, q, start, pEnd - start)) {
                return n;
            }
            n++;
            if (pEnd == p.length() || qEnd == q.length()) {
                return n;
            }
            start = pEnd + 1;
        }
    }

    private static int segmentEnd(String place, int start) {
        int slash = place.indexOf('/', start);
        return slash < 0 ? place.length() : slash;
    }

    /** Whether {@code place} lies inside {@code area} (eg/cairo/maadi inside eg/cairo), without building "area/". */
    private static boolean inside(String place, String area) {
        return place.length() > area.length() && place.charAt(area.length()) == '/' && place.startsWith(area);
    }

    private static boolean namesBelowCountry(Set<String> places) {
        for (String place : places) {
            if (place.indexOf('/') >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Index keys of a claim: its evidence concepts, of which two comparable claims share at least one. */
    static Set<String> keys(Claim claim) {
        Set<String> keys = new TreeSet<>();
        for (String concept : claim.signature().concepts()) {
            if (isEvidence(concept)) {
                keys.add(concept);
            }
        }
        return keys;
    }

    private static List<List<String>> loadExclusive(String resource) {
        try (InputStream in = ClaimSimilarity.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            List<List<String>> groups = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (line.isBlank() || line.startsWith("#") || tab < 0) {
                    continue;
                }
                List<String> group = List.copyOf(new LinkedHashSet<>(List.of(line.substring(tab + 1).trim().split("\\|"))));
                if (group.size() > Long.SIZE) {
                    throw new IllegalStateException(resource + ": a group has more than " + Long.SIZE + " alternatives");
                }
                groups.add(group);
            }
            return List.copyOf(groups);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
