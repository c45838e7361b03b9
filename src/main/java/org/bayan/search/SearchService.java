package org.bayan.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.bayan.common.ProblemException;

import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Searches the index: query syntax of Lucene's classic parser (words, "phrases", -exclude, OR; words are
 * ANDed by default), exact filters, date range, relevance or newest-first, facet counts by category,
 * channel and language, and excerpts with the matching words highlighted (HTML-escaped, {@code <mark>}).
 */
@ApplicationScoped
public class SearchService {

    public static final int MAX_SIZE = 100;
    /**
     * How many hits the "gather more tellings" card of a rumor cluster lists: the first not in the cluster yet,
     * out of the first {@link #MAX_SIZE}. {@link GatherEvaluation} reads the card the same way.
     */
    public static final int GATHER_LISTED = 50;
    /** Longest query a person types; a longer one is refused with 400. */
    public static final int MAX_QUERY = 500;
    /**
     * Longest query of a cluster's gather card (supervisors): the one it builds from the claim's taught words
     * ({@code ClaimWords#searchQuery}: at most 80 variants of 2,000 characters in all, each a clause), and the same
     * query as the supervisor edits it in the card's box. Bounded, though longer than a query typed from scratch.
     */
    public static final int MAX_GATHER_QUERY = 4000;
    static final List<String> FACETS = List.of(SearchIndex.CATEGORY, SearchIndex.CHANNEL, SearchIndex.LANGUAGE);
    private static final String[] FIELDS = {Analyzers.TEXT, Analyzers.TEXT_AR, Analyzers.TEXT_EN, Analyzers.TEXT_FR};
    private static final Set<String> TEXT_FIELDS = Set.of(FIELDS);
    private static final Map<String, Float> BOOSTS = Map.of(Analyzers.TEXT, 2f, Analyzers.TEXT_AR, 1f,
            Analyzers.TEXT_EN, 1f, Analyzers.TEXT_FR, 1f);

    @Inject
    SearchIndex index;

    private final Analyzer analyzer = Analyzers.perField();

    public record Filters(String category, String status, String queue, String channel, String language,
                          String cluster, Instant from, Instant to) {
        /** Every message. */
        public static final Filters NONE = new Filters(null, null, null, null, null, null, null, null);
    }

    /** A message found; {@code clusterId} is the rumor cluster it is in, if any. */
    public record Hit(long messageId, Long caseId, String excerpt, String category, String channel, String language,
                      Instant receivedAt, float score, Long clusterId) {
    }

    public record Result(long total, int page, int size, List<Hit> hits, Map<String, Map<String, Integer>> facets) {
    }

    public record Similar(long messageId, Long caseId, String excerpt, String category, Instant receivedAt, float score) {
    }

    /** An ISO date-time with offset, or a plain date (start of day, or end of day for {@code to}), UTC. */
    public static Instant time(String value, String field, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant time;
            try {
                time = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notDateTime) {
                LocalDate date = LocalDate.parse(value);
                time = (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC)
                        .minusMillis(endOfDay ? 1 : 0);
            }
            // The range filter is on epoch milliseconds: years past ±292 million parse but do not fit.
            time.toEpochMilli();
            return time;
        } catch (DateTimeException | ArithmeticException e) {
            throw ProblemException.badRequest(field + " must be a date (2026-11-23) or an ISO date-time", field);
        }
    }

    public Result search(String q, Filters filters, boolean newestFirst, int page, int size) {
        return search(q, MAX_QUERY, filters, newestFirst, page, size);
    }

    /** As {@link #search(String, Filters, boolean, int, int)}, for a query of up to {@code maxLength} characters. */
    public Result search(String q, int maxLength, Filters filters, boolean newestFirst, int page, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest("size must be between 1 and " + MAX_SIZE, "size");
        }
        if (page < 0 || (long) page * size > 10_000) {
            throw ProblemException.badRequest("page must be between 0 and " + (10_000 / size), "page");
        }
        Query textQuery = parse(q, maxLength);
        Query query = withFilters(textQuery, filters);
        return index.withSearcher(searcher -> {
            int wanted = (page + 1) * size;
            TopDocs top = newestFirst
                    ? searcher.search(query, wanted, new Sort(new SortField(SearchIndex.RECEIVED, SortField.Type.LONG, true)), true)
                    : searcher.search(query, wanted);
            ScoreDoc[] docs = top.scoreDocs;
            int from = Math.min(page * size, docs.length);
            ScoreDoc[] pageDocs = java.util.Arrays.copyOfRange(docs, from, docs.length);
            String[] excerpts = excerpts(searcher, textQuery, pageDocs);
            List<Hit> hits = new ArrayList<>();
            for (int i = 0; i < pageDocs.length; i++) {
                Document doc = searcher.storedFields().document(pageDocs[i].doc);
                hits.add(new Hit(Long.parseLong(doc.get(SearchIndex.ID)), caseId(doc), excerpts[i],
                        doc.get(SearchIndex.CATEGORY), doc.get(SearchIndex.CHANNEL), doc.get(SearchIndex.LANGUAGE),
                        Instant.ofEpochMilli(doc.getField(SearchIndex.RECEIVED).numericValue().longValue()),
                        Float.isNaN(pageDocs[i].score) ? 0 : pageDocs[i].score,
                        doc.get(SearchIndex.CLUSTER) == null ? null : Long.valueOf(doc.get(SearchIndex.CLUSTER))));
            }
            Facets facets = facets(searcher, query);
            return new Result(facets.matching(), page, size, hits, facets.counts());
        });
    }

    /** The most similar earlier messages (more-like-this on the normalized text), best first. */
    public Optional<List<Similar>> similar(long messageId, int limit) {
        return index.withSearcher(searcher -> {
            TopDocs own = searcher.search(new TermQuery(new Term(SearchIndex.ID, Long.toString(messageId))), 1);
            if (own.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document doc = searcher.storedFields().document(own.scoreDocs[0].doc);
            long received = doc.getField(SearchIndex.RECEIVED).numericValue().longValue();
            MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(analyzer);
            mlt.setFieldNames(new String[]{Analyzers.TEXT});
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            mlt.setMinWordLen(2);
            Query like = mlt.like(Analyzers.TEXT, new StringReader(doc.get(Analyzers.TEXT)));
            Query earlier = new BooleanQuery.Builder()
                    .add(like, BooleanClause.Occur.MUST)
                    .add(LongPoint.newRangeQuery(SearchIndex.RECEIVED, Long.MIN_VALUE, received), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(SearchIndex.ID, Long.toString(messageId))), BooleanClause.Occur.MUST_NOT)
                    .build();
            TopDocs top = searcher.search(earlier, limit);
            List<Similar> result = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = searcher.storedFields().document(sd.doc);
                result.add(new Similar(Long.parseLong(d.get(SearchIndex.ID)), caseId(d), abbreviate(d.get(Analyzers.TEXT)),
                        d.get(SearchIndex.CATEGORY),
                        Instant.ofEpochMilli(d.getField(SearchIndex.RECEIVED).numericValue().longValue()), sd.score));
            }
            return Optional.of(result);
        });
    }

    Query parse(String q) {
        return parse(q, MAX_QUERY);
    }

    Query parse(String q, int maxLength) {
        if (q == null || q.isBlank()) {
            return new MatchAllDocsQuery();
        }
        if (q.length() > maxLength) {
            throw ProblemException.badRequest("q is longer than " + maxLength + " characters", "q");
        }
        MultiFieldQueryParser parser = new MultiFieldQueryParser(FIELDS, analyzer, BOOSTS) {
            @Override
            protected Query getRegexpQuery(String field, String termStr) throws ParseException {
                // A regular expression such as /(a|b)*{1000}/ costs seconds of CPU to compile per field; the
                // desk's query language is words, phrases, -exclusions, OR and trailing wildcards.
                throw new ParseException("regular expressions (/.../) are not supported; put the text in quotes");
            }

            // A "name:" prefix would reach the exact filter fields (category, status, …), which hold no positions:
            // a phrase there fails inside Lucene. Filters have their own parameters; text is searched whole.
            @Override
            protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
                return super.getFieldQuery(textField(field), queryText, quoted);
            }

            @Override
            protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
                return super.getFieldQuery(textField(field), queryText, slop);
            }

            @Override
            protected Query getPrefixQuery(String field, String termStr) throws ParseException {
                return super.getPrefixQuery(textField(field), termStr);
            }

            @Override
            protected Query getWildcardQuery(String field, String termStr) throws ParseException {
                return super.getWildcardQuery(textField(field), termStr);
            }

            @Override
            protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
                return super.getFuzzyQuery(textField(field), termStr, minSimilarity);
            }

            @Override
            protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                          boolean endInclusive) throws ParseException {
                return super.getRangeQuery(textField(field), part1, part2, startInclusive, endInclusive);
            }
        };
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        try {
            return parser.parse(q);
        } catch (ParseException | RuntimeException e) {
            // The parser's own message names the position; it never contains anything but the query.
            String reason = e.getMessage() == null ? "invalid query" : e.getMessage().lines().findFirst().orElse("invalid query");
            throw ProblemException.badRequest("The query cannot be parsed: " + reason, "q");
        }
    }

    /** The field a query part may target: the text fields the parser spreads over, or none named by the user. */
    private static String textField(String field) throws ParseException {
        if (field == null || TEXT_FIELDS.contains(field)) {
            return field;
        }
        String name = field.length() <= 40 ? field : field.substring(0, 40) + "…";
        throw new ParseException("field prefixes (" + name + ":) are not supported; use the filter "
                + "parameters (category, status, queue, channel, language, from, to), or put the text in quotes");
    }

    private static Query withFilters(Query text, Filters f) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
        filter(builder, SearchIndex.CATEGORY, f.category());
        filter(builder, SearchIndex.STATUS, f.status());
        filter(builder, SearchIndex.QUEUE, f.queue());
        filter(builder, SearchIndex.CHANNEL, f.channel());
        filter(builder, SearchIndex.LANGUAGE, f.language());
        filter(builder, SearchIndex.CLUSTER, f.cluster());
        if (f.from() != null || f.to() != null) {
            long from = f.from() == null ? Long.MIN_VALUE : f.from().toEpochMilli();
            long to = f.to() == null ? Long.MAX_VALUE : f.to().toEpochMilli();
            builder.add(LongPoint.newRangeQuery(SearchIndex.RECEIVED, from, to), BooleanClause.Occur.FILTER);
        }
        return builder.build();
    }

    private static void filter(BooleanQuery.Builder builder, String field, String value) {
        if (value != null && !value.isBlank()) {
            builder.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        }
    }

    private String[] excerpts(IndexSearcher searcher, Query query, ScoreDoc[] docs) throws IOException {
        if (docs.length == 0) {
            return new String[0];
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withMaxLength(10_000)
                // Term by term rather than through the query's Weight.matches(): a phrase is marked word by word
                // (still only where the phrase matches), and a page of excerpts costs about half a millisecond
                // less at p50 in the search benchmark (docs/benchmarks.md)
                .withWeightMatches(false)
                .build();
        int[] ids = new int[docs.length];
        for (int i = 0; i < docs.length; i++) {
            ids[i] = docs[i].doc;
        }
        Map<String, String[]> highlights = highlighter.highlightFields(new String[]{Analyzers.TEXT}, query, ids, new int[]{2});
        String[] out = highlights.get(Analyzers.TEXT);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                // Matched through a stemmed field only: fall back to the start of the text, escaped.
                out[i] = escape(abbreviate(searcher.storedFields().document(docs[i].doc).get(Analyzers.TEXT)));
            }
        }
        return out;
    }

    private record Facets(long matching, Map<String, Map<String, Integer>> counts) {
    }

    /**
     * One pass over every matching document: the total, and counts per value of each facet field from doc
     * values (no stored fields read). Counts are kept per segment by ordinal and turned into values once per
     * segment, not once per matching document: a facet has a handful of values and a search may match
     * hundreds of thousands of messages.
     */
    private static Facets facets(IndexSearcher searcher, Query query) throws IOException {
        FacetCollector collector = new FacetCollector();
        searcher.search(query, collector);
        collector.flush();
        return new Facets(collector.matching, collector.counts);
    }

    /** Counts matching documents, and facet values by ordinal per segment (see {@link #facets}). */
    private static final class FacetCollector extends SimpleCollector {
        private final Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        private final SortedDocValues[] values = new SortedDocValues[FACETS.size()];
        private final int[][] byOrdinal = new int[FACETS.size()][];
        private long matching;

        FacetCollector() {
            FACETS.forEach(f -> counts.put(f, new TreeMap<>()));
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            flush();
            for (int i = 0; i < FACETS.size(); i++) {
                values[i] = context.reader().getSortedDocValues(FACETS.get(i));
                byOrdinal[i] = values[i] == null ? null : new int[values[i].getValueCount()];
            }
        }

        @Override
        public void collect(int doc) throws IOException {
            matching++;
            for (int i = 0; i < FACETS.size(); i++) {
                SortedDocValues dv = values[i];
                if (dv != null && dv.advanceExact(doc)) {
                    byOrdinal[i][dv.ordValue()]++;
                }
            }
        }

        /** Adds the finished segment's counts to the totals by value. */
        void flush() throws IOException {
            for (int i = 0; i < FACETS.size(); i++) {
                int[] ordinals = byOrdinal[i];
                if (ordinals == null) {
                    continue;
                }
                for (int ord = 0; ord < ordinals.length; ord++) {
                    if (ordinals[ord] > 0) {
                        counts.get(FACETS.get(i)).merge(values[i].lookupOrd(ord).utf8ToString(), ordinals[ord], Integer::sum);
                    }
                }
                byOrdinal[i] = null;
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    private static Long caseId(Document doc) {
        var field = doc.getField(SearchIndex.CASE_ID);
        return field == null ? null : field.numericValue().longValue();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
    }
}
