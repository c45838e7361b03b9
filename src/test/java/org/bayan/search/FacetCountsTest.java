package org.bayan.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Facet counts over an index of several segments, whose value ordinals differ from segment to segment (a value
 * missing from one segment shifts the others' ordinals): counts must add up by value, not by ordinal.
 */
class FacetCountsTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldAddUpFacetCountsByValueAcrossSegments() {
        try (StandaloneSearch search = StandaloneSearch.open(dataDir, Duration.ofHours(1), Duration.ofHours(1))) {
            // three segments: {lost_documents, traffic}, {cybercrime, traffic}, {rumor} — ordinals differ in each
            search.index(batch(1, "lost_documents", 3, "traffic", 2));
            search.refreshNow();
            search.index(batch(100, "cybercrime", 4, "traffic", 1));
            search.refreshNow();
            search.index(batch(200, "rumor", 5, null, 0));
            search.refreshNow();
            int segments = search.withSearcher(searcher -> searcher.getIndexReader().leaves().size());
            assertTrue(segments >= 2, "the test needs several segments, got " + segments);

            SearchService.Result all = search.service().search("passport",
                    new SearchService.Filters(null, null, null, null, null, null, null, null), false, 0, 10);
            assertEquals(15, all.total());
            assertEquals(Map.of("lost_documents", 3, "traffic", 3, "cybercrime", 4, "rumor", 5),
                    all.facets().get(SearchIndex.CATEGORY));
            assertEquals(Map.of("whatsapp", 15), all.facets().get(SearchIndex.CHANNEL));
        }
    }

    private static List<IndexedMessage> batch(long firstId, String category, int count, String other, int otherCount) {
        List<IndexedMessage> out = new ArrayList<>();
        Instant at = Instant.parse("2026-11-24T08:00:00Z");
        for (int i = 0; i < count + otherCount; i++) {
            String c = i < count ? category : other;
            out.add(new IndexedMessage(firstId + i, firstId + i, "my passport question number " + i, "whatsapp", "en",
                    "english", c, c, "open", null, at, at));
        }
        return out;
    }
}
