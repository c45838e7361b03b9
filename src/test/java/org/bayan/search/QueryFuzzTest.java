package org.bayan.search;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.bayan.common.ProblemException;
import org.bayan.support.FuzzInputs;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property-based fuzzing of what the search API does with its parameters before touching the index: the query
 * text through Lucene's classic parser, and the {@code from}/{@code to} dates. Each either yields a query or
 * a time usable in a range filter, or fails with a 400 naming the parameter; nothing else.
 */
class QueryFuzzTest {

    private static final SearchService SERVICE = new SearchService();
    private static final Set<String> TEXT_FIELDS = Set.of(Analyzers.TEXT, Analyzers.TEXT_AR, Analyzers.TEXT_EN,
            Analyzers.TEXT_FR);
    /** {tried, accepted, rejected} for q, then for dates */
    private static final AtomicIntegerArray QUERIES = new AtomicIntegerArray(3);
    private static final AtomicIntegerArray DATES = new AtomicIntegerArray(3);

    @Property(tries = 3000, seed = FuzzInputs.PARSER_SEED)
    void queryTextParsesOrIsA400NamingQ(@ForAll("queries") String q) {
        QUERIES.incrementAndGet(0);
        try {
            Query query = SERVICE.parse(q);
            assertNotNull(query);
            // Only the text fields hold positions; a phrase reaching an exact filter field fails inside Lucene.
            query.visit(new QueryVisitor() {
                @Override
                public boolean acceptField(String field) {
                    assertTrue(TEXT_FIELDS.contains(field), "query part on field " + field + " for " + q);
                    return true;
                }
            });
            QUERIES.incrementAndGet(1);
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals("q", e.toProblem().field());
            QUERIES.incrementAndGet(2);
        } catch (Throwable e) {
            fail("parsing q threw " + e + " (a 500 in production) for " + q, e);
        }
    }

    @Property(tries = 2000, seed = FuzzInputs.PARSER_SEED)
    void datesGiveARangeBoundOrA400NamingTheField(@ForAll("dates") String value, @ForAll boolean endOfDay) {
        DATES.incrementAndGet(0);
        try {
            Instant time = SearchService.time(value, "from", endOfDay);
            if (time != null) {
                // The range filter is built on epoch milliseconds.
                time.toEpochMilli();
            }
            DATES.incrementAndGet(1);
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals("from", e.toProblem().field());
            DATES.incrementAndGet(2);
        } catch (Throwable e) {
            fail("reading a date threw " + e + " (a 500 in production) for " + value, e);
        }
    }

    @Provide
    Arbitrary<String> queries() {
        return FuzzInputs.from(FuzzInputs::query);
    }

    @Provide
    Arbitrary<String> dates() {
        return FuzzInputs.from(FuzzInputs::date);
    }

    @AfterContainer
    static void report() {
        System.out.printf("FUZZ search-q-parser: tried=%d accepted=%d rejected4xx=%d crashes=0%n",
                QUERIES.get(0), QUERIES.get(1), QUERIES.get(2));
        System.out.printf("FUZZ search-dates: tried=%d accepted=%d rejected4xx=%d crashes=0%n",
                DATES.get(0), DATES.get(1), DATES.get(2));
    }
}
