package org.bayan.classify;

/**
 * Feature sets compared by cross-validation (models/reports/cross-validation.md). The categorizer is trained
 * with {@link #DEFAULT}, the winner of that comparison; a model file records the set it was trained with.
 */
public enum FeatureSet {
    /** Word unigrams on normalized tokens. */
    WORDS(true, false, false, false),
    /** Unigrams and bigrams. */
    WORDS_BIGRAMS(true, true, false, false),
    /** Unigrams, bigrams and character 3–5-grams inside words (spelling, dialect and Arabizi variants). */
    WORDS_BIGRAMS_CHARS(true, true, true, false),
    /** All of the above plus Arabic light stems (prefixes و ب ال … and suffixes stripped). */
    WORDS_BIGRAMS_CHARS_STEMS(true, true, true, true);

    public static final FeatureSet DEFAULT = WORDS_BIGRAMS_CHARS;

    final boolean words;
    final boolean bigrams;
    final boolean chars;
    final boolean stems;

    FeatureSet(boolean words, boolean bigrams, boolean chars, boolean stems) {
        this.words = words;
        this.bigrams = bigrams;
        this.chars = chars;
        this.stems = stems;
    }
}
