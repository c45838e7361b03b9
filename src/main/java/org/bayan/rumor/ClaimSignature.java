package org.bayan.rumor;

import java.util.Set;

/**
 * What a message claims, independent of the language it is written in: the concepts it names (event, object,
 * attribute, number ids of {@code rumor/concepts.tsv}), the places (gazetteer paths such as
 * {@code eg/cairo/nasr-city}), the country those places, a currency or an institution pin it to, and the
 * country of its dialect as weaker evidence. Built by {@link ClaimSignatures}; compared by {@link ClaimSimilarity}.
 *
 * @param concepts concept ids, e.g. {@code event:kidnap}, {@code object:van}, {@code num:200}
 * @param places   the most specific places named (a path whose descendant is also named is dropped)
 * @param country  {@code eg} or {@code ma} when the places agree on one country, otherwise {@code null}
 * @param dialect  {@code eg} or {@code ma} when the wording leans to one dialect, otherwise {@code null}
 */
public record ClaimSignature(Set<String> concepts, Set<String> places, String country, String dialect) {

    public ClaimSignature {
        concepts = Set.copyOf(concepts);
        places = Set.copyOf(places);
    }

    /** The country the claim is most likely about: named country first, dialect otherwise. */
    public String likelyCountry() {
        return country != null ? country : dialect;
    }

    public boolean isEmpty() {
        return concepts.isEmpty() && places.isEmpty();
    }
}
