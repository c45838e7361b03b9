package org.bayan.search;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.bayan.rumor.ClaimWords;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gather card's search built from a claim's taught words finds the messages that use them, and only those. */
class TaughtWordsSearchTest {

    private final SearchService parser = new SearchService();

    @Test
    void theTaughtWordsFindTheirTellingsInEveryScriptAndSpellingButNotMessagesSharingOneWordOfAPhrase() throws IOException {
        List<String> variants = ClaimWords.variants(ClaimWords.canonical(
                "نيزك*|*nayzak*|Meteor*|météorite|boule de feu|ride-hailing"));
        String query = ClaimWords.searchQuery(variants);
        assertEquals("نيزك* OR nayzak* OR meteor* OR meteorite OR \"boule de feu\" OR \"ride hailing\"", query,
                "stars at the start become prefixes, words are written as the search reads them, phrases are quoted");
        List<String> messages = List.of(
                "شفتوا النيزك اللي وقع جنب ملوي؟ الناس بتاخد منه حجارة",
                "wach sme3tiw b dak nayzak li ta7 f tata?",
                "A METEORITE fell near Mallawi, is it true?",
                "Une boule de feu est tombée hier soir, c'est vrai ?",
                "Is there a crackdown on ride-hailing drivers in Tetouan?",
                "زحمة جامدة على الطريق الدائري النهاردة",
                "Le feu rouge est en panne devant l'école",
                "Is it true they ban riding bikes on the corniche?");
        assertEquals(Set.of(0, 1, 2, 3, 4), hits(messages, query));
    }

    @Test
    void aClaimWithAsManyStarredWordsAsItMayHaveIsStillSearchedOnALargeVocabulary() throws IOException {
        List<String> variants = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < ClaimWords.MAX_VARIANTS; i++) {
            String stem = "kelma" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
            variants.add("*" + stem + "*");
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < 40; j++) {
                // each starred word expands to 40 terms of the index
                text.append(stem).append(j).append(' ');
            }
            messages.add(text.toString());
        }
        messages.add("nothing to do with it");
        String query = ClaimWords.searchQuery(ClaimWords.variants(ClaimWords.canonical(String.join("|", variants))));
        assertTrue(query.length() <= SearchService.MAX_GATHER_QUERY, "within what the card takes: " + query.length());
        Set<Integer> found = hits(messages, query);
        assertEquals(ClaimWords.MAX_VARIANTS, found.size());
        assertFalse(found.contains(ClaimWords.MAX_VARIANTS), "the unrelated message is not found");
    }

    /** The positions of the messages the query finds, searched as the gather card searches. */
    private Set<Integer> hits(List<String> messages, String query) throws IOException {
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(Analyzers.perField()))) {
                for (int i = 0; i < messages.size(); i++) {
                    writer.addDocument(SearchIndex.toDocument(new IndexedMessage(i, null, messages.get(i), null, null, null,
                            null, null, null, null, Instant.EPOCH, null)));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                Set<Integer> found = new TreeSet<>();
                for (ScoreDoc doc : searcher.search(parser.parse(query, SearchService.MAX_GATHER_QUERY), 1000).scoreDocs) {
                    found.add(Integer.parseInt(searcher.storedFields().document(doc.doc).get(SearchIndex.ID)));
                }
                return found;
            }
        }
    }
}
