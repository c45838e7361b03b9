package org.bayan.rumor;

/**
 * A message ready for clustering: its {@link ClaimSignature}, its concepts as a weighted, L2-normalized
 * vector (concept ids weighed by kind and rarity), the character-gram TF-IDF vector used as a within-script
 * tie-breaker, and which alternatives of each exclusive group it names ({@link ClaimSimilarity#alternatives}).
 * Built by {@link ClaimVectors#claim}; immutable (nothing writes to the array).
 */
public record Claim(String text, ClaimSignature signature, SparseVector concepts, SparseVector grams, long[] alternatives) {
}
