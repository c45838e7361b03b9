package org.bayan.bench;

import org.bayan.classify.CategorizerModel;
import org.bayan.classify.Category;
import org.bayan.classify.Classification;
import org.bayan.classify.ClassificationEngine;
import org.bayan.classify.Corpus;
import org.bayan.classify.LabelledText;
import org.bayan.classify.LanguageIdentifier;
import org.bayan.classify.ModelEvaluator;
import org.bayan.classify.TextNormalizer;
import org.bayan.common.PolicyFiles;
import org.bayan.ingest.Channel;
import org.bayan.routing.RoutingDecision;
import org.bayan.routing.RoutingInput;
import org.bayan.routing.RoutingRules;
import org.bayan.rumor.Claim;
import org.bayan.rumor.ClaimClusterer;
import org.bayan.rumor.ClaimVectors;
import org.bayan.rumor.RumorGate;
import org.bayan.search.IndexedMessage;
import org.bayan.search.StandaloneSearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * In one JVM, on one seeded {@link SyntheticCorpus}: the throughput of each component alone (normalization,
 * OpenNLP categorization with the product's model, Lucene indexing through the product's {@code SearchIndex})
 * and of the in-memory processing pipeline built from the same product classes, single thread, in the order
 * {@code MessageProcessor} runs them: classify (normalize, category, variety, language) → cluster (rumor
 * claims) → route → index. Persisting is not here: the HTTP load harness measures it end to end.
 * <p>
 * Each stage gets an untimed warm-up, then several timed rounds; the median round is reported with the
 * spread. Run: {@code ./mvnw -B -ntp -q -Pbench test-compile exec:exec -Dbench.main=org.bayan.bench.InProcessBenchmark
 * -Dbench.args="--scale small"} ({@code --scale full} for 500k messages).
 */
public final class InProcessBenchmark {

    /** Batch the processing worker indexes after each committed transaction ({@code bayan.processing.batch-size}). */
    private static final int BATCH = 200;
    /** {@code bayan.rumor.late-join-window} default; {@code --late-join-max} (default 10,000, 0 = off) sets the other. */
    private static final Duration LATE_JOIN_WINDOW = Duration.ofHours(6);
    /** {@code bayan.classify.review-threshold} default. */
    private static final double REVIEW_THRESHOLD = 0.5;
    private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");

    /** Keeps results alive so the JIT cannot drop the work that produced them. */
    private static long sink;

    private final List<SyntheticCorpus.Text> corpus;
    private final String[] channels;
    private final ClassificationEngine engine;
    private final RoutingRules rules;
    private final ClaimVectors vectors;
    private final Duration refresh;
    private final Path tmp;
    private final int lateJoinMax;

    private InProcessBenchmark(List<SyntheticCorpus.Text> corpus, long seed, ClassificationEngine engine,
                               RoutingRules rules, ClaimVectors vectors, Duration refresh, Path tmp, int lateJoinMax) {
        this.corpus = corpus;
        this.lateJoinMax = lateJoinMax;
        this.engine = engine;
        this.rules = rules;
        this.vectors = vectors;
        this.refresh = refresh;
        this.tmp = tmp;
        Random random = new Random(seed + 1);
        Channel[] all = Channel.values();
        channels = new String[corpus.size()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = all[random.nextInt(all.length)].id();
        }
    }

    public static void main(String[] args) throws IOException {
        boolean full = BenchReport.full(args);
        int messages = Integer.parseInt(BenchReport.option(args, "messages", full ? "500000" : "50000"));
        int rounds = Integer.parseInt(BenchReport.option(args, "rounds", "3"));
        // Clustering compares each message with the open clusters' members, so the pipeline's cost per message
        // grows with the messages before it; it runs on the first part of the corpus, stated in the output.
        int pipelineMessages = Math.min(messages,
                Integer.parseInt(BenchReport.option(args, "pipeline-messages", full ? "50000" : "4000")));
        long seed = Long.parseLong(BenchReport.option(args, "seed", "42"));
        Duration refresh = Duration.parse(BenchReport.option(args, "refresh", "PT1S"));
        int lateJoinMax = Integer.parseInt(BenchReport.option(args, "late-join-max", "10000"));
        Path project = Path.of(".");

        BenchReport report = new BenchReport("in-process", "In-process throughput: components and pipeline");
        long started = System.nanoTime();
        List<SyntheticCorpus.Text> corpus = SyntheticCorpus.fromTrainingCorpus(project, seed).take(messages);
        Path models = project.resolve("models");
        String version = ModelEvaluator.latestVersion(models).orElseThrow(() ->
                new IllegalStateException("no model under " + models.toAbsolutePath()));
        ClassificationEngine engine = new ClassificationEngine(CategorizerModel.load(models, version),
                new LanguageIdentifier(), REVIEW_THRESHOLD);
        RoutingRules rules = RoutingRules.from(
                PolicyFiles.read(Optional.empty(), "routing.yaml", RoutingRules.File.class).value());
        // as RumorClustering builds them: word rarity from the training corpus
        ClaimVectors vectors = new ClaimVectors(
                Corpus.read(project.resolve("models/training/train")).stream().map(LabelledText::text).toList());
        Path tmp = Files.createTempDirectory("bayan-bench-");
        report.line(String.format("- corpus: %,d synthetic messages (seed %d, six varieties, 5–60 words); model %s;"
                + " routing: config/routing.yaml; index refresh every %s, commit every 10 s, on disk under %s",
                messages, seed, version, refresh, tmp));
        report.line(String.format("- setup (corpus, model, claim vectors): %.1f s; %d timed rounds per stage after a warm-up;"
                + " single thread (Lucene's merge and refresh threads run beside it)",
                (System.nanoTime() - started) / 1e9, rounds));
        try {
            new InProcessBenchmark(corpus, seed, engine, rules, vectors, refresh, tmp, lateJoinMax).run(report, rounds, pipelineMessages);
        } finally {
            BenchReport.deleteTree(tmp);
        }
        report.line(String.format("- total run time: %.0f s (sink %d)", (System.nanoTime() - started) / 1e9, sink & 1));
        report.write();
    }

    private record Rate(String stage, List<Double> perSecond, String notes) {
        double median() {
            return BenchReport.median(perSecond);
        }
    }

    private void run(BenchReport report, int rounds, int pipelineMessages) {
        // the per-message stages repeat passes over a sample for at least a second per round
        int sampleSize = Math.min(corpus.size(), pipelineMessages);
        List<SyntheticCorpus.Text> sample = corpus.subList(0, sampleSize);
        report.line(String.format("- per-message stages: passes over the first %,d messages (≥ 1 s per round); indexing:"
                + " all %,d messages per round into a new index; pipeline: the first %,d messages per round, new index"
                + " and empty clusters each round", sampleSize, corpus.size(), pipelineMessages));
        String[][] tokens = sample.stream().map(t -> TextNormalizer.classificationTokens(t.text())).toArray(String[][]::new);
        CategorizerModel model = engine.model();

        Rate normalize = repeat("normalize (search form)", rounds, sample.size(), () -> each(sample,
                t -> TextNormalizer.normalize(t.text()).length()), "TextNormalizer.normalize");
        Rate classifierInput = repeat("normalize + placeholders + tokenize", rounds, sample.size(), () -> each(sample,
                t -> TextNormalizer.classificationTokens(t.text()).length), "TextNormalizer.classificationTokens: the categorizer's input");
        Rate categorize = repeat("OpenNLP categorize (category model)", rounds, tokens.length, () -> {
            long s = 0;
            for (String[] t : tokens) {
                s += model.predict(t).category().ordinal();
            }
            return s;
        }, "CategorizerModel.predict on pre-tokenized text");
        Rate varieties = repeat("OpenNLP categorize (variety model)", rounds, tokens.length, () -> {
            long s = 0;
            for (String[] t : tokens) {
                s += (long) (model.varietyScores(t)[0] * 1000);
            }
            return s;
        }, "CategorizerModel.varietyScores on pre-tokenized text");
        Rate claims = repeat("rumor claim extraction (ClaimVectors.claim)", rounds, sample.size(), () -> each(sample,
                t -> vectors.claim(t.text()).grams().size()), "signature + concept and character-gram vectors: a pipeline stage, not a limit");
        Rate classify = repeat("classify (ClassificationEngine)", rounds, sample.size(), () -> each(sample,
                t -> engine.classify(t.text()).category().length()), "normalize, both models, language detection: a pipeline stage, not a limit");

        List<Double> indexRates = new ArrayList<>();
        indexOnce(corpus.subList(0, Math.min(corpus.size(), 20_000)), "warmup-index");
        for (int r = 0; r < rounds; r++) {
            indexRates.add(indexOnce(corpus, "index-" + r));
        }
        Rate index = new Rate("Lucene indexing (SearchIndex, Bayan analyzers)", indexRates,
                "batches of " + BATCH + ", on disk, refresh every " + refresh.toMillis() + " ms");

        List<SyntheticCorpus.Text> pipelineCorpus = corpus.subList(0, pipelineMessages);
        pipelineOnce(corpus.subList(0, Math.min(pipelineMessages, 2_000)), "warmup-pipeline");
        List<Double> pipelineRates = new ArrayList<>();
        PipelineRun last = null;
        for (int r = 0; r < rounds; r++) {
            last = pipelineOnce(pipelineCorpus, "pipeline-" + r);
            pipelineRates.add(last.perSecond());
        }
        Rate pipeline = new Rate("pipeline: classify → cluster → route → index", pipelineRates,
                String.format("first %,d messages, single thread, the product's classes, no database", pipelineMessages));

        List<Rate> limits = List.of(classifierInput, categorize, index);
        Rate slowest = limits.stream().min((a, b) -> Double.compare(a.median(), b.median())).orElseThrow();
        List<List<String>> rows = new ArrayList<>();
        for (Rate rate : List.of(normalize, classifierInput, categorize, varieties, classify, claims, index, pipeline)) {
            rows.add(List.of(rate.stage(), BenchReport.f0(rate.median()),
                    BenchReport.f0(BenchReport.min(rate.perSecond())) + " – " + BenchReport.f0(BenchReport.max(rate.perSecond())),
                    BenchReport.f1(1e6 / rate.median()), (limits.contains(rate) ? "**limit** " : "") + rate.notes()));
        }
        report.table(List.of("stage", "docs/s (median)", "rounds min – max", "µs/doc", "what"), rows);

        double ratio = pipeline.median() / slowest.median();
        report.line(String.format("- **pipeline ÷ slowest component limit (%s): %.2f** (target ≥ 0.50)", slowest.stage(), ratio));
        double serial = 1 / (1 / classifierInput.median() + 1 / categorize.median() + 1 / index.median());
        report.line(String.format("- the three limits in series (1 / Σ 1/rate): %s docs/s; pipeline ÷ that: %.2f",
                BenchReport.f0(serial), pipeline.median() / serial));
        report.line("- persisting (database) is not in this figure: the separate HTTP load harness measures ingest → stored → processed end to end");

        List<List<String>> split = new ArrayList<>();
        double total = last.total();
        for (int i = 0; i < PipelineRun.STAGES.length; i++) {
            split.add(List.of(PipelineRun.STAGES[i], BenchReport.f1(100 * last.nanos()[i] / total) + " %",
                    BenchReport.f1(last.nanos()[i] / 1e3 / pipelineMessages)));
        }
        report.line("");
        report.line("Where the pipeline's time goes (last round):");
        report.table(List.of("pipeline stage", "share of time", "µs/msg"), split);
        report.line(String.format("- last round: %,d of %,d messages clustered into %,d rumor clusters; categories: %s",
                last.clustered(), pipelineMessages, last.clusters(), last.categories()));
        report.line("- differences from the service: rules and model read from files directly (no CDI); the clustering"
                + " step is RumorClustering.consider's in-memory part (ClaimVectors.claim, ClaimClusterer.best/addTo/"
                + "mergeLinked at the configured thresholds) without its database rows, so cluster state is 'open', never"
                + " 'spiking' (spike detection reads the database); every message opens its own case, so every"
                + " message is routed.");
    }

    private Rate repeat(String stage, int rounds, int docsPerPass, Work work, String notes) {
        sink += work.run(); // warm-up
        sink += work.run();
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long docs = 0;
            long start = System.nanoTime();
            long elapsed;
            // at least a second per round: one pass over a small sample is too short to time well
            do {
                sink += work.run();
                docs += docsPerPass;
                elapsed = System.nanoTime() - start;
            } while (elapsed < 1_000_000_000L);
            rates.add(docs / (elapsed / 1e9));
        }
        System.out.printf("%s: %s docs/s%n", stage, rates);
        return new Rate(stage, rates, notes);
    }

    private interface Work {
        long run();
    }

    private static long each(List<SyntheticCorpus.Text> texts, ToLongFunction<SyntheticCorpus.Text> f) {
        long s = 0;
        for (SyntheticCorpus.Text t : texts) {
            s += f.applyAsLong(t);
        }
        return s;
    }

    /** Indexes the messages with the metadata the corpus gives them; docs/s including the final refresh. */
    private double indexOnce(List<SyntheticCorpus.Text> texts, String name) {
        List<IndexedMessage> docs = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            SyntheticCorpus.Text t = texts.get(i);
            Instant received = START.plusSeconds(i);
            docs.add(new IndexedMessage(i + 1, (long) i + 1, t.text(), channels[i], language(t.variety()),
                    t.variety().filePrefix, t.label(), t.label(), "new", null, received, received.plusMillis(300)));
        }
        Path dir = tmp.resolve(name);
        try (StandaloneSearch search = StandaloneSearch.open(dir, refresh, Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            for (int from = 0; from < docs.size(); from += BATCH) {
                search.index(docs.subList(from, Math.min(docs.size(), from + BATCH)));
            }
            search.refreshNow();
            double rate = docs.size() / ((System.nanoTime() - start) / 1e9);
            System.out.printf("%s: %,.0f docs/s (%,d docs)%n", name, rate, search.documentCount());
            return rate;
        } finally {
            BenchReport.deleteTree(dir);
        }
    }

    private record PipelineRun(double perSecond, long[] nanos, int clustered, int clusters, String categories) {
        static final String[] STAGES = {"classify", "cluster", "route", "index"};

        double total() {
            long sum = 0;
            for (long n : nanos) {
                sum += n;
            }
            return sum;
        }
    }

    /**
     * The in-memory part of {@code MessageProcessor.process} for each message, in its order, then the
     * worker's {@code SearchIndex.index} per batch. A fresh clusterer and index per round: a desk starting empty.
     */
    private PipelineRun pipelineOnce(List<SyntheticCorpus.Text> texts, String name) {
        Path dir = tmp.resolve(name);
        ClaimClusterer clusterer = new ClaimClusterer();
        long nextCluster = 1;
        long[] nanos = new long[4];
        int clustered = 0;
        int[] perCategory = new int[Category.values().length];
        try (StandaloneSearch search = StandaloneSearch.open(dir, refresh, Duration.ofSeconds(10))) {
            List<IndexedMessage> batch = new ArrayList<>(BATCH);
            long start = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i).text();
                long id = i + 1;
                Instant received = START.plusSeconds(i);
                long t0 = System.nanoTime();
                Classification result = engine.classify(text);
                long t1 = System.nanoTime();
                RumorGate.Entry entry = RumorGate.DEFAULT.entry(result);
                Claim claim = vectors.claim(text);
                Optional<ClaimClusterer.Match> match = clusterer.best(claim, entry.joinAt());
                Long clusterId = null;
                if (match.isPresent() || entry.mayOpen()) {
                    clusterId = match.map(ClaimClusterer.Match::clusterId).orElse(nextCluster);
                    if (match.isEmpty()) {
                        nextCluster++;
                    }
                    clusterer.addTo(clusterId, id, claim);
                    clustered++;
                    // late joining, as the service does it: held messages this one lets the cluster reach
                    for (ClaimClusterer.Late late : clusterer.waitingFor(clusterId, claim,
                            RumorGate.DEFAULT.otherCategoryThreshold(), received.minus(LATE_JOIN_WINDOW))) {
                        clusterer.addTo(clusterId, late.messageId(), clusterer.held(late.messageId()).orElseThrow());
                        clustered++;
                    }
                    // and the merge of clusters that proved one claim (the service also checks who shaped them)
                    clusterId = clusterer.mergeLinked(clusterId, RumorGate.DEFAULT.threshold());
                } else {
                    clusterer.hold(id, claim, received, lateJoinMax);
                }
                long t2 = System.nanoTime();
                String kind = channels[i].endsWith("_comment") ? "comment" : "private";
                RoutingDecision decision = rules.route(new RoutingInput(result.category(), result.confidence(),
                        result.language(), result.variety(), channels[i], kind, text, clusterId == null ? "none" : "open"));
                long t3 = System.nanoTime();
                batch.add(new IndexedMessage(id, id, text, channels[i], result.language(), result.variety(),
                        result.category(), decision.queue(), "new", clusterId, received, received.plusMillis(300)));
                if (batch.size() == BATCH || i == texts.size() - 1) {
                    search.index(batch);
                    batch.clear();
                }
                long t4 = System.nanoTime();
                nanos[0] += t1 - t0;
                nanos[1] += t2 - t1;
                nanos[2] += t3 - t2;
                nanos[3] += t4 - t3;
                perCategory[Category.parse(result.category()).orElseThrow().ordinal()]++;
                if ((i + 1) % Math.max(1, texts.size() / 5) == 0) {
                    System.out.printf("  %s: %,d messages, %.0f s%n", name, i + 1, (System.nanoTime() - start) / 1e9);
                }
            }
            long t = System.nanoTime();
            search.refreshNow();
            nanos[3] += System.nanoTime() - t;
            double rate = texts.size() / ((System.nanoTime() - start) / 1e9);
            System.out.printf("%s: %,.0f msgs/s (%,d docs, %,d clustered)%n", name, rate, search.documentCount(), clustered);
            StringBuilder categories = new StringBuilder();
            for (Category c : Category.values()) {
                categories.append(categories.isEmpty() ? "" : ", ").append(c.id()).append(' ')
                        .append(BenchReport.f1(100.0 * perCategory[c.ordinal()] / texts.size())).append('%');
            }
            return new PipelineRun(rate, nanos, clustered, clusterer.clusterIds().size(), categories.toString());
        } finally {
            BenchReport.deleteTree(dir);
        }
    }

    static String language(SyntheticCorpus.Variety variety) {
        return switch (variety) {
            case ENGLISH -> "en";
            case FRENCH -> "fr";
            default -> "ar";
        };
    }
}
