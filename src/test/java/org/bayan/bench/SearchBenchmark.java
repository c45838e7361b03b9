package org.bayan.bench;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.bayan.ingest.Channel;
import org.bayan.search.IndexedMessage;
import org.bayan.search.SearchService;
import org.bayan.search.StandaloneSearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Search latency at 100k (and, with {@code --scale full}, 1M) stored messages: an index built through the
 * product's {@code SearchIndex}, then a fixed, seeded mix of typical responder queries drawn from the corpus
 * vocabulary, each run through the product's search path ({@code SearchService.search}: parse, filters, sort,
 * facet counts, highlighted excerpts — what {@code GET /api/v1/search} runs, minus HTTP and JSON) and as raw
 * Lucene ({@code IndexSearcher.search} of the same parsed query, top 20, no facets or highlighting), in the
 * same run. Then the heap in use after full collections with the index open.
 * <p>
 * Run: {@code ./mvnw -B -ntp -q -Pbench test-compile exec:exec -Dbench.main=org.bayan.bench.SearchBenchmark
 * -Dbench.args="--scale small"}.
 */
public final class SearchBenchmark {

    private static final Instant START = Instant.parse("2025-11-01T00:00:00Z");
    private static final int PAGE = 20;
    private static final String[] STATUSES = {"new", "assigned", "waiting", "resolved", "resolved", "resolved"};

    private record Spec(String kind, String q, String category, boolean newest) {
    }

    private record Latencies(double[] product, double[] raw, Map<String, List<Double>> productByKind, long[] hits) {
    }

    public static void main(String[] args) throws IOException {
        boolean full = BenchReport.full(args);
        String sizes = BenchReport.option(args, "sizes", full ? "100000,1000000" : "100000");
        long seed = Long.parseLong(BenchReport.option(args, "seed", "42"));
        int perKind = Integer.parseInt(BenchReport.option(args, "queries", "20"));
        int passes = Integer.parseInt(BenchReport.option(args, "passes", "5"));

        BenchReport report = new BenchReport("search", "Search latency: product search path and raw Lucene");
        report.line(String.format("- corpus seed %d; %d queries of each of 9 kinds, drawn (seeded) from the corpus vocabulary;"
                + " 2 warm-up passes, then %d timed passes over the shuffled mix, product and raw alternating which goes first", seed, perKind, passes));
        report.line("- product = SearchService.search (parse, filters, sort, facets by category/channel/language, highlighted"
                + " excerpts, stored fields of a page of 20) — GET /api/v1/search minus HTTP/JSON; raw = IndexSearcher.search of"
                + " the product's parsed query with the same filter and sort, top 20, no facets, no highlighting");
        report.line("- the service stores messages in the database; the heap figure is the search side (index open,"
                + " writer and searcher manager as in the service)");
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> byKind = new ArrayList<>();
        for (String size : sizes.split(",")) {
            int n = Integer.parseInt(size.trim());
            runOne(n, seed, perKind, passes, report, rows, byKind);
        }
        report.table(List.of("messages", "build docs/s", "index on disk", "product p50 / p95 / p99 ms",
                "raw p50 / p95 / p99 ms", "p95 product ÷ raw", "heap used after GC"), rows);
        report.line("Targets: product p95 ≤ 2 × raw p95 and < 10 ms at 1M; heap ≤ 512 MiB at 1M.");
        report.line("");
        report.line("Product latency by kind of query (ms), and median hits:");
        report.table(List.of("messages", "kind", "p50", "p95", "max", "median hits"), byKind);
        report.write();
    }

    private static void runOne(int n, long seed, int perKind, int passes, BenchReport report,
                               List<List<String>> rows, List<List<String>> byKind) throws IOException {
        Path dir = Files.createTempDirectory("bayan-search-bench-");
        try (StandaloneSearch search = StandaloneSearch.open(dir, Duration.ofSeconds(1), Duration.ofSeconds(10))) {
            SyntheticCorpus corpus = SyntheticCorpus.fromTrainingCorpus(Path.of("."), seed);
            Random meta = new Random(seed + 1);
            Channel[] channels = Channel.values();
            List<SyntheticCorpus.Text> vocabulary = new ArrayList<>();
            List<IndexedMessage> batch = new ArrayList<>(1000);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                SyntheticCorpus.Text t = corpus.next();
                if (vocabulary.size() < 20_000) {
                    vocabulary.add(t);
                }
                // one message every 30 s: 1M messages span about a year
                Instant received = START.plusSeconds(30L * i);
                Long cluster = t.label().equals("rumor") ? (long) meta.nextInt(200) + 1 : null;
                batch.add(new IndexedMessage(i + 1, (long) (i / 2) + 1, t.text(), channels[meta.nextInt(channels.length)].id(),
                        InProcessBenchmark.language(t.variety()), t.variety().filePrefix, t.label(), t.label(),
                        STATUSES[meta.nextInt(STATUSES.length)], cluster, received, received.plusSeconds(2)));
                if (batch.size() == 1000) {
                    search.index(batch);
                    batch.clear();
                }
            }
            search.index(batch);
            search.refreshNow();
            double build = n / ((System.nanoTime() - start) / 1e9);
            System.out.printf("%,d messages indexed at %,.0f docs/s%n", search.documentCount(), build);

            List<Spec> specs = queries(vocabulary, new Random(seed + 2), perKind);
            vocabulary = null; // not part of the heap figure
            Latencies latencies = measure(search, specs, passes, new Random(seed + 3));
            long heap = BenchReport.heapUsedAfterGc();
            long disk = BenchReport.sizeOf(dir);

            double p95 = BenchReport.percentile(latencies.product(), 95);
            double raw95 = BenchReport.percentile(latencies.raw(), 95);
            rows.add(List.of(String.format(Locale.ROOT, "%,d", n), BenchReport.f0(build), (disk >> 20) + " MiB",
                    triple(latencies.product()), triple(latencies.raw()), BenchReport.f2(p95 / raw95),
                    (heap >> 20) + " MiB"));
            for (Map.Entry<String, List<Double>> e : latencies.productByKind().entrySet()) {
                double[] values = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                List<Long> hits = new ArrayList<>();
                for (int i = 0; i < specs.size(); i++) {
                    if (specs.get(i).kind().equals(e.getKey())) {
                        hits.add(latencies.hits()[i]);
                    }
                }
                Collections.sort(hits);
                byKind.add(List.of(String.format(Locale.ROOT, "%,d", n), e.getKey(), BenchReport.f2(BenchReport.percentile(values, 50)),
                        BenchReport.f2(BenchReport.percentile(values, 95)), BenchReport.f2(BenchReport.percentile(values, 100)),
                        String.format(Locale.ROOT, "%,d", hits.get(hits.size() / 2))));
            }
            System.out.printf("%,d: product %s ms, raw %s ms, heap %d MiB%n", n, triple(latencies.product()),
                    triple(latencies.raw()), heap >> 20);
        } finally {
            BenchReport.deleteTree(dir);
        }
    }

    private static String triple(double[] ms) {
        return BenchReport.f2(BenchReport.percentile(ms, 50)) + " / " + BenchReport.f2(BenchReport.percentile(ms, 95))
                + " / " + BenchReport.f2(BenchReport.percentile(ms, 99));
    }

    private static Latencies measure(StandaloneSearch search, List<Spec> specs, int passes, Random random) {
        Query[] raw = new Query[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            raw[i] = rawQuery(search, specs.get(i));
        }
        long[] hits = new long[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            hits[i] = product(search, specs.get(i)).total();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            order.add(i);
        }
        List<Double> product = new ArrayList<>();
        List<Double> lucene = new ArrayList<>();
        Map<String, List<Double>> byKind = new LinkedHashMap<>();
        long sink = 0;
        for (int pass = -2; pass < passes; pass++) {
            Collections.shuffle(order, random);
            boolean productFirst = (pass & 1) == 0;
            for (int i : order) {
                Spec spec = specs.get(i);
                for (int turn = 0; turn < 2; turn++) {
                    long t0 = System.nanoTime();
                    if ((turn == 0) == productFirst) {
                        sink += product(search, spec).hits().size();
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (pass >= 0) {
                            product.add(ms);
                            byKind.computeIfAbsent(spec.kind(), k -> new ArrayList<>()).add(ms);
                        }
                    } else {
                        TopDocs top = search.withSearcher(s -> spec.newest()
                                ? s.search(raw[i], PAGE, new Sort(new SortField(StandaloneSearch.receivedField(), SortField.Type.LONG, true)))
                                : s.search(raw[i], PAGE));
                        sink += top.scoreDocs.length;
                        if (pass >= 0) {
                            lucene.add((System.nanoTime() - t0) / 1e6);
                        }
                    }
                }
            }
        }
        System.out.println("(sink " + (sink & 1) + ")");
        return new Latencies(product.stream().mapToDouble(Double::doubleValue).toArray(),
                lucene.stream().mapToDouble(Double::doubleValue).toArray(), byKind, hits);
    }

    private static SearchService.Result product(StandaloneSearch search, Spec spec) {
        SearchService.Filters filters = new SearchService.Filters(spec.category(), null, null, null, null, null, null, null);
        return search.service().search(spec.q(), filters, spec.newest(), 0, PAGE);
    }

    /** The product's parse of the text, with the category filter the product would add. */
    private static Query rawQuery(StandaloneSearch search, Spec spec) {
        Query text = search.parse(spec.q());
        if (spec.category() == null) {
            return text;
        }
        return new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(StandaloneSearch.categoryField(), spec.category())), BooleanClause.Occur.FILTER)
                .build();
    }

    /**
     * The query mix: words as they occur in messages (so frequent words are drawn more often), Arabic ones
     * written with another spelling a responder might type.
     */
    static List<Spec> queries(List<SyntheticCorpus.Text> texts, Random random, int perKind) {
        List<Spec> specs = new ArrayList<>();
        for (int k = 0; k < perKind; k++) {
            SyntheticCorpus.Text ar = pick(texts, random, SyntheticCorpus.Variety.EGYPTIAN, SyntheticCorpus.Variety.MSA, SyntheticCorpus.Variety.DARIJA);
            specs.add(new Spec("arabic word, other spelling", variant(word(ar, random, 4)), null, false));
            SyntheticCorpus.Text ar2 = pick(texts, random, SyntheticCorpus.Variety.EGYPTIAN, SyntheticCorpus.Variety.MSA, SyntheticCorpus.Variety.DARIJA);
            specs.add(new Spec("two arabic words (AND)", word(ar2, random, 3) + " " + word(ar2, random, 3), null, false));
            specs.add(new Spec("arabizi word", word(pick(texts, random, SyntheticCorpus.Variety.ARABIZI), random, 4), null, false));
            specs.add(new Spec("english or french word", word(pick(texts, random, SyntheticCorpus.Variety.ENGLISH, SyntheticCorpus.Variety.FRENCH), random, 5), null, false));
            specs.add(new Spec("\"phrase\"", '"' + phrase(pick(texts, random, SyntheticCorpus.Variety.EGYPTIAN, SyntheticCorpus.Variety.MSA), random) + '"', null, false));
            SyntheticCorpus.Text ex = pick(texts, random, SyntheticCorpus.Variety.EGYPTIAN, SyntheticCorpus.Variety.MSA, SyntheticCorpus.Variety.DARIJA);
            specs.add(new Spec("word -exclusion", word(ex, random, 4) + " -" + word(pick(texts, random, SyntheticCorpus.Variety.EGYPTIAN), random, 4), null, false));
            specs.add(new Spec("a OR b", word(pick(texts, random, SyntheticCorpus.Variety.values()), random, 4) + " OR "
                    + word(pick(texts, random, SyntheticCorpus.Variety.values()), random, 4), null, false));
            SyntheticCorpus.Text filtered = pick(texts, random, SyntheticCorpus.Variety.values());
            specs.add(new Spec("word + category filter", word(filtered, random, 4), filtered.label(), false));
            specs.add(new Spec("word, newest first", word(pick(texts, random, SyntheticCorpus.Variety.values()), random, 4), null, true));
        }
        return specs;
    }

    private static SyntheticCorpus.Text pick(List<SyntheticCorpus.Text> texts, Random random, SyntheticCorpus.Variety... varieties) {
        List<SyntheticCorpus.Variety> wanted = List.of(varieties);
        while (true) {
            SyntheticCorpus.Text t = texts.get(random.nextInt(texts.size()));
            if (wanted.contains(t.variety())) {
                return t;
            }
        }
    }

    /** Words of the text, letters and digits only, lower-cased: no query syntax slips in. */
    private static List<String> words(SyntheticCorpus.Text text) {
        List<String> out = new ArrayList<>();
        for (String w : text.text().split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** A word of at least {@code minLength} letters, or the longest word when none is that long. */
    private static String word(SyntheticCorpus.Text text, Random random, int minLength) {
        List<String> words = words(text);
        List<String> longEnough = words.stream().filter(w -> w.length() >= minLength && w.chars().anyMatch(Character::isLetter)).toList();
        if (longEnough.isEmpty()) {
            return words.stream().max((a, b) -> Integer.compare(a.length(), b.length())).orElse("bayan");
        }
        return longEnough.get(random.nextInt(longEnough.size()));
    }

    private static String phrase(SyntheticCorpus.Text text, Random random) {
        List<String> words = words(text);
        int at = random.nextInt(Math.max(1, words.size() - 1));
        return words.size() < 2 ? words.get(0) : words.get(at) + " " + words.get(at + 1);
    }

    /** Another spelling of an Arabic word that Bayan's normalization maps back: hamza, ta marbuta, ya, elongation. */
    static String variant(String word) {
        if (word.startsWith("ا")) {
            return "أ" + word.substring(1);
        }
        if (word.endsWith("ه")) {
            return word.substring(0, word.length() - 1) + "ة";
        }
        if (word.endsWith("ي")) {
            return word.substring(0, word.length() - 1) + "ى";
        }
        int alef = word.indexOf('ا');
        if (alef > 0) {
            return word.substring(0, alef) + "ااا" + word.substring(alef + 1);
        }
        return word.charAt(0) + "ـ" + word.substring(1);
    }
}
