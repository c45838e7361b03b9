package org.bayan.rumor;

import org.bayan.classify.TextNormalizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One of the rumor resource lexicons ({@code rumor/concepts.tsv}, {@code rumor/places.tsv},
 * {@code rumor/dialects.tsv}) and the phrase matcher that finds its entries in a tokenized message. Each line is
 * {@code id<TAB>variant|variant|...}; a variant is one or more words, each matched exactly (also after Arabic
 * clitics or a glued Arabizi/French article), as a prefix ({@code word*}) or as a substring ({@code *word*}).
 * At each position the longest matching variant wins and consumes its words, so "كوبري 6 أكتوبر" is the bridge
 * and not the city, and "الدار البيضاء" is Casablanca and not the colour. Variants go through
 * {@link TextNormalizer#normalize} like messages do. Loaded once by {@link ClaimSignatures}; immutable and
 * thread-safe after construction.
 */
final class ClaimLexicon {

    /**
     * Id of lines that only consume a phrase so that nothing inside it is read ("بعد المغرب" is a time); at a
     * tie in length it also silences the concept variants it ties with.
     */
    static final String IGNORE = "-";

    /** Conjunction, then preposition, then article: the clitics Arabic script glues to a word. */
    private static final String[] ARABIC_CONJUNCTIONS = {"و", "ف"};
    private static final String[] ARABIC_PREPOSITIONS = {"ب", "ل", "ك", "ف"};
    /** Arabizi and French glue the article or a preposition to the word: lbnat, fel share3, l'école → l ecole. */
    private static final String[] LATIN_PREFIXES = {"fel", "bel", "wel", "lel", "el", "al", "fl", "bl", "wl", "l"};

    private enum Kind { EXACT, PREFIX, CONTAINS }

    private record Word(Kind kind, String text) {
        boolean matches(String token, List<String> forms) {
            return switch (kind) {
                case CONTAINS -> token.contains(text);
                case EXACT -> forms.contains(text);
                case PREFIX -> forms.stream().anyMatch(f -> f.startsWith(text));
            };
        }
    }

    private record Entry(String id, Word[] words) {
    }

    /** A matched entry: its id and the token span it covers. */
    record Match(String id, int start, int end) {
    }

    private final Map<String, List<Entry>> byExactFirst = new HashMap<>();
    private final Map<String, List<Entry>> byPrefixFirst = new HashMap<>();
    private final List<Entry> containsFirst = new ArrayList<>();
    /**
     * Lookup structures built once after loading, because trying every prefix length and every substring entry
     * on each token made extraction the slowest step of processing (3,135 substring entries in the concept
     * lexicon, about 0.7 ms a message): the prefix keys grouped by their first {@link #prefixKey} characters,
     * shortest first, and the substring entries indexed by each {@link #containsKey}-character piece they start
     * with. Both give the same entries, in the same order, as trying everything.
     */
    private Map<String, List<String>> prefixesByStart = Map.of();
    private int prefixKey;
    private Map<String, int[]> containsByStart = Map.of();
    private int containsKey;

    private ClaimLexicon() {
    }

    static ClaimLexicon load(String resource) {
        try (InputStream in = ClaimLexicon.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            ClaimLexicon lexicon = new ClaimLexicon();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    throw new IllegalStateException(resource + ":" + number + ": expected id<TAB>variants");
                }
                lexicon.add(line.substring(0, tab).trim(), line.substring(tab + 1));
            }
            lexicon.index();
            return lexicon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A lexicon of the given entries, id to {@code |}-separated variants, written as in the resource files: the
     * words supervisors teach the desk for a claim ({@link ClaimWords}).
     */
    static ClaimLexicon of(Map<String, String> entries) {
        ClaimLexicon lexicon = new ClaimLexicon();
        entries.forEach(lexicon::add);
        lexicon.index();
        return lexicon;
    }

    private void add(String id, String variants) {
        for (String variant : variants.split("\\|")) {
            List<Word> words = new ArrayList<>();
            for (String raw : variant.trim().split("\\s+")) {
                Word word = word(raw);
                if (word != null) {
                    words.add(word);
                }
            }
            if (words.isEmpty()) {
                continue;
            }
            Entry entry = new Entry(id, words.toArray(Word[]::new));
            Word first = entry.words()[0];
            switch (first.kind()) {
                case EXACT -> byExactFirst.computeIfAbsent(first.text(), k -> new ArrayList<>()).add(entry);
                case PREFIX -> byPrefixFirst.computeIfAbsent(first.text(), k -> new ArrayList<>()).add(entry);
                case CONTAINS -> containsFirst.add(entry);
            }
        }
    }

    private void index() {
        prefixKey = byPrefixFirst.keySet().stream().mapToInt(String::length).min().orElse(0);
        Map<String, List<String>> prefixes = new HashMap<>();
        byPrefixFirst.keySet().stream()
                .sorted(java.util.Comparator.comparingInt(String::length))
                .forEach(p -> prefixes.computeIfAbsent(p.substring(0, prefixKey), k -> new ArrayList<>()).add(p));
        prefixesByStart = prefixes;

        containsKey = containsFirst.stream().mapToInt(e -> e.words()[0].text().length()).min().orElse(0);
        Map<String, List<Integer>> contains = new HashMap<>();
        for (int i = 0; i < containsFirst.size(); i++) {
            String text = containsFirst.get(i).words()[0].text();
            contains.computeIfAbsent(text.substring(0, containsKey), k -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> packed = new HashMap<>(contains.size() * 2);
        contains.forEach((key, list) -> packed.put(key, list.stream().mapToInt(Integer::intValue).toArray()));
        containsByStart = packed;
    }

    /** One variant word: normalized like message text; the star decides how it matches. */
    private static Word word(String raw) {
        boolean leading = raw.startsWith("*");
        boolean trailing = raw.endsWith("*") && raw.length() > 1;
        String text = core(raw);
        if (text.isEmpty()) {
            return null;
        }
        if (leading) {
            return new Word(Kind.CONTAINS, text);
        }
        return new Word(trailing ? Kind.PREFIX : Kind.EXACT, text);
    }

    /** What a variant word matches on: its letters and digits normalized as message text is, without the stars. */
    static String core(String raw) {
        boolean leading = raw.startsWith("*");
        boolean trailing = raw.endsWith("*") && raw.length() > 1;
        String core = raw.substring(leading ? 1 : 0, Math.max(leading ? 1 : 0, raw.length() - (trailing ? 1 : 0)));
        // "d'identité" or "km/h" normalize to several tokens; a variant word is one token, keep its letters
        return String.join("", TextNormalizer.tokenize(TextNormalizer.normalize(core)));
    }

    /**
     * Finds entries in the tokens, longest first at each position, skipping and then marking {@code consumed}
     * tokens. All ids whose variants tie for the longest match at a position are reported.
     */
    List<Match> match(String[] tokens, boolean[] consumed) {
        List<List<String>> forms = new ArrayList<>(tokens.length);
        for (String token : tokens) {
            forms.add(forms(token));
        }
        List<Match> matches = new ArrayList<>();
        int i = 0;
        while (i < tokens.length) {
            if (consumed[i]) {
                i++;
                continue;
            }
            int best = 0;
            int bestCuts = Integer.MAX_VALUE;
            Set<String> bestIds = new LinkedHashSet<>();
            Set<String> substringIds = new LinkedHashSet<>();
            for (Entry entry : candidates(tokens[i], forms.get(i))) {
                int length = entry.words().length;
                if (length < best || !covers(entry, tokens, forms, consumed, i)) {
                    continue;
                }
                if (length > best) {
                    best = length;
                    bestCuts = Integer.MAX_VALUE;
                    bestIds.clear();
                    substringIds.clear();
                }
                int cuts = cuts(entry, tokens, i);
                if (cuts < 0) {
                    substringIds.add(entry.id());
                } else if (cuts <= bestCuts) {
                    if (cuts < bestCuts) {
                        bestCuts = cuts;
                        bestIds.clear();
                    }
                    bestIds.add(entry.id());
                }
            }
            bestIds.addAll(substringIds);
            if (best == 0) {
                i++;
                continue;
            }
            // an ignored phrase is not a concept even when a concept variant of its length also matches it
            if (!bestIds.contains(IGNORE)) {
                for (String id : bestIds) {
                    matches.add(new Match(id, i, i + best));
                }
            }
            for (int k = i; k < i + best; k++) {
                consumed[k] = true;
            }
            i += best;
        }
        return matches;
    }

    /**
     * Every entry whose first word matches the token: exact forms, then prefixes shortest first (per form),
     * then substring entries in lexicon order.
     */
    private List<Entry> candidates(String token, List<String> forms) {
        List<Entry> out = new ArrayList<>();
        for (String form : forms) {
            List<Entry> exact = byExactFirst.get(form);
            if (exact != null) {
                out.addAll(exact);
            }
            if (prefixKey > 0 && form.length() >= prefixKey) {
                for (String prefix : prefixesByStart.getOrDefault(form.substring(0, prefixKey), List.of())) {
                    if (form.startsWith(prefix)) {
                        out.addAll(byPrefixFirst.get(prefix));
                    }
                }
            }
        }
        if (containsKey > 0 && token.length() >= containsKey) {
            java.util.BitSet hits = new java.util.BitSet(containsFirst.size());
            for (int s = 0; s + containsKey <= token.length(); s++) {
                int[] entries = containsByStart.get(token.substring(s, s + containsKey));
                if (entries != null) {
                    for (int i : entries) {
                        hits.set(i);
                    }
                }
            }
            for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
                Entry entry = containsFirst.get(i);
                if (token.contains(entry.words()[0].text())) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    /**
     * How many of an entry's words matched only once a conjunction or preposition (Arabic script) or a glued
     * prefix (Latin script) was cut off; -1 for an entry with a substring word, which takes part in no such
     * comparison (its variants are written to match inside words). Between whole-word variants of one length the
     * word as written wins: فاسد is spoiled, not ف + اسد (a lion), and كسيدة is an accident, not ك + سيدة (a
     * woman); reporting both made unrelated messages share a concept. The Arabic article alone is no cut: the
     * lexicon lists التنبر and تنبر, الباك and باك under different concepts on purpose, and both readings stand.
     */
    private static int cuts(Entry entry, String[] tokens, int start) {
        int cuts = 0;
        Word[] words = entry.words();
        for (int k = 0; k < words.length; k++) {
            if (words[k].kind() == Kind.CONTAINS) {
                return -1;
            }
            String token = tokens[start + k];
            String bare = token.startsWith("ال") ? token.substring(2) : token;
            String text = words[k].text();
            boolean asWritten = words[k].kind() == Kind.EXACT
                    ? token.equals(text) || bare.equals(text)
                    : token.startsWith(text) || bare.startsWith(text);
            if (!asWritten) {
                cuts++;
            }
        }
        return cuts;
    }

    private static boolean covers(Entry entry, String[] tokens, List<List<String>> forms, boolean[] consumed, int start) {
        Word[] words = entry.words();
        if (start + words.length > tokens.length) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            int at = start + k;
            if (consumed[at] || !words[k].matches(tokens[at], forms.get(at))) {
                return false;
            }
        }
        return true;
    }

    /** The token and what is left of it once clitics (Arabic script) or a glued article (Latin script) are cut. */
    static List<String> forms(String token) {
        List<String> forms = new ArrayList<>(4);
        forms.add(token);
        if (token.isEmpty()) {
            return forms;
        }
        char first = token.charAt(0);
        if (first >= '\u0600' && first <= '\u06FF') {
            List<String> stems = new ArrayList<>();
            stems.add(token);
            for (String c : ARABIC_CONJUNCTIONS) {
                if (token.startsWith(c) && token.length() - c.length() >= 2) {
                    stems.add(token.substring(c.length()));
                }
            }
            for (String stem : List.copyOf(stems)) {
                for (String p : ARABIC_PREPOSITIONS) {
                    if (stem.startsWith(p) && stem.length() - p.length() >= 2) {
                        stems.add(stem.substring(p.length()));
                    }
                }
            }
            for (String stem : List.copyOf(stems)) {
                if (stem.startsWith("ال") && stem.length() > 3) {
                    stems.add(stem.substring(2));
                } else if (stem.startsWith("لل") && stem.length() > 3) {
                    stems.add(stem.substring(2));
                }
            }
            for (String stem : stems) {
                if (!forms.contains(stem)) {
                    forms.add(stem);
                }
            }
        } else if (Character.isLetter(first)) {
            for (String p : LATIN_PREFIXES) {
                if (token.startsWith(p) && token.length() - p.length() >= 3) {
                    forms.add(token.substring(p.length()));
                    break;
                }
            }
        }
        return forms;
    }
}
