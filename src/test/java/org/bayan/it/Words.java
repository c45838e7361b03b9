package org.bayan.it;

import java.util.concurrent.ThreadLocalRandom;

/** Made-up words for marking a test run's messages, so that a search for one finds exactly those. */
final class Words {

    // Consonants only: no stemmer or Arabizi rule takes such a word for an inflected or transliterated one.
    private static final String LETTERS = "bcdfghjklmnpqrtvwxz";

    private Words() {
    }

    static String unique(String prefix) {
        StringBuilder word = new StringBuilder(prefix);
        for (int i = 0; i < 8; i++) {
            word.append(LETTERS.charAt(ThreadLocalRandom.current().nextInt(LETTERS.length())));
        }
        return word.toString();
    }
}
