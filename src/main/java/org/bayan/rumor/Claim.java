package org.bayan.rumor;

/**
 * A message ready for clustering: its {@link ClaimSignature}, its concepts as a weighted, L2-normalized
 * vector (concept ids weighed by kind and rarity), and the character-gram TF-IDF vector
 * used as a within-script tie-breaker. Built by {@link ClaimVectors#claim}; immutable.
 */
public record Claim(String text, ClaimSignature signature, SparseVector concepts, SparseVector grams) {
}
