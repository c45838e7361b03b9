package org.bayan.classify.tools;

import opennlp.tools.doccat.DoccatModel;
import org.bayan.classify.Algorithm;
import org.bayan.classify.CategorizerModel;
import org.bayan.classify.ClassificationEngine;
import org.bayan.classify.Corpus;
import org.bayan.classify.CrossValidator;
import org.bayan.classify.FeatureSet;
import org.bayan.classify.LabelledText;
import org.bayan.classify.LanguageIdentifier;
import org.bayan.classify.ModelEvaluator;
import org.bayan.classify.ModelTraining;
import org.bayan.classify.TrainingSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model commands, shaped like OpenNLP's doccat tools:
 * <pre>
 *   train [--with-feedback FILE] [--corpus DIR] [--dev DIR] [--out DIR]
 *   evaluate FILE|DIR [--model-dir DIR] [--version V] [--urgent-threshold T]
 *   cross-validate [--folds N] [--corpus DIR]
 *   corpus-stats [--corpus DIR] [--dev DIR]
 * </pre>
 * Run with {@code ./mvnw -q compile exec:java -Dexec.args="…"} (see the README).
 */
public final class ModelTool {

    private ModelTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Options options = Options.parse(args);
        try {
            switch (args[0]) {
                case "train" -> train(options);
                case "evaluate" -> evaluate(options);
                case "cross-validate" -> crossValidate(options);
                case "corpus-stats" -> corpusStats(options);
                case "rumor-eval" -> rumorEval(options);
                case "rumor-gate" -> rumorGate(options);
                case "rumor-gather" -> rumorGather(options);
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void train(Options options) throws IOException {
        List<LabelledText> corpus = new ArrayList<>(Corpus.read(options.corpus));
        if (options.feedback != null) {
            List<LabelledText> feedback = Corpus.read(options.feedback);
            System.out.printf("Adding %d responder corrections from %s%n", feedback.size(), options.feedback);
            corpus.addAll(feedback);
        }
        List<LabelledText> dev = Corpus.read(options.dev);
        ModelTraining.Outcome outcome = ModelTraining.train(corpus, dev, TrainingSettings.DEFAULT,
                ModelTraining.newVersion(), System.out::println);
        outcome.model().save(options.out);
        Path report = options.out.resolve("bayan-doccat-" + outcome.model().version() + ".report.md");
        Files.writeString(report, outcome.report(), StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "Wrote %s, %s and %s%n",
                CategorizerModel.categoryFile(options.out, outcome.model().version()),
                CategorizerModel.varietyFile(options.out, outcome.model().version()), report);
        System.out.printf(Locale.ROOT, "Dev macro-F1 %.4f, urgent recall %.4f precision %.4f, lowest variety accuracy %.4f%n",
                outcome.dev().macroF1(), outcome.dev().score(org.bayan.classify.Category.URGENT).recall(),
                outcome.dev().score(org.bayan.classify.Category.URGENT).precision(), outcome.dev().minimumVarietyAccuracy());
    }

    private static void evaluate(Options options) throws IOException {
        if (options.positional == null) {
            throw new IllegalArgumentException("evaluate needs a corpus file or folder, e.g. models/training/dev");
        }
        String version = version(options);
        CategorizerModel model = CategorizerModel.load(options.modelDir, version);
        if (options.urgentThreshold != null) {
            model = model.withUrgentThreshold(options.urgentThreshold);
        }
        List<LabelledText> samples = Corpus.read(Path.of(options.positional));
        System.out.println(ModelEvaluator.report(model, samples, "Evaluation of " + version + " on " + options.positional));
    }

    private static void crossValidate(Options options) throws IOException {
        List<LabelledText> corpus = Corpus.read(options.corpus);
        StringBuilder report = new StringBuilder("# Cross-validation of training configurations\n\n");
        report.append(String.format(Locale.ROOT, "%d-fold stratified cross-validation on %s (%d samples; the dev file is not used). "
                + "Reproduce with `./mvnw -q compile exec:java -Dexec.args=\"cross-validate\"`.%n%n", options.folds, options.corpus, corpus.size()));
        report.append("| algorithm | features | iterations | cutoff | accuracy | macro-F1 | urgent recall (argmax) | lowest variety accuracy | time |\n");
        report.append("|---|---|---|---|---|---|---|---|---|\n");
        List<TrainingSettings> candidates = List.of(
                new TrainingSettings(Algorithm.NAIVE_BAYES, FeatureSet.WORDS, 1, 1),
                new TrainingSettings(Algorithm.NAIVE_BAYES, FeatureSet.WORDS_BIGRAMS_CHARS_STEMS, 1, 1),
                new TrainingSettings(Algorithm.PERCEPTRON, FeatureSet.WORDS_BIGRAMS_CHARS_STEMS, 200, 1),
                new TrainingSettings(Algorithm.MAXENT, FeatureSet.WORDS, 200, 1),
                new TrainingSettings(Algorithm.MAXENT, FeatureSet.WORDS_BIGRAMS, 200, 1),
                new TrainingSettings(Algorithm.MAXENT, FeatureSet.WORDS_BIGRAMS_CHARS, 200, 1),
                new TrainingSettings(Algorithm.MAXENT, FeatureSet.WORDS_BIGRAMS_CHARS_STEMS, 100, 1),
                new TrainingSettings(Algorithm.MAXENT, FeatureSet.WORDS_BIGRAMS_CHARS_STEMS, 200, 1),
                new TrainingSettings(Algorithm.MAXENT, FeatureSet.WORDS_BIGRAMS_CHARS_STEMS, 400, 1));
        for (TrainingSettings settings : candidates) {
            System.out.println("Cross-validating " + settings.describe());
            CrossValidator.Result result = CrossValidator.run(corpus, settings, options.folds, 42,
                    Runtime.getRuntime().availableProcessors(), fold -> System.out.print("."));
            System.out.println();
            report.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.4f | %.4f | %.4f | %.0f s |%n",
                    settings.algorithm(), settings.features(), settings.iterations(), settings.cutoff(),
                    result.evaluation().accuracy(), result.evaluation().macroF1(),
                    result.evaluation().score(org.bayan.classify.Category.URGENT).recall(),
                    result.evaluation().minimumVarietyAccuracy(), result.millis() / 1000.0));
        }
        report.append("\nConfigurations within 0.005 macro-F1 of the best are taken as tied (fold-to-fold noise is larger); "
                + "among them the one with the fewest kinds of features (least work per message in service) is used. ");
        report.append("The service trains with `TrainingSettings.DEFAULT`: ").append(TrainingSettings.DEFAULT.describe()).append(".\n");
        Path out = options.out.resolve("reports").resolve("cross-validation.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Wrote " + out);
    }

    /** Counts per category and variety of the training and dev files, as a Markdown table. */
    private static void corpusStats(Options options) {
        for (Path path : List.of(options.corpus, options.dev)) {
            List<LabelledText> samples = Corpus.read(path);
            StringBuilder md = new StringBuilder("### " + path + " (" + samples.size() + " samples)\n\n| category |");
            for (org.bayan.classify.Variety v : org.bayan.classify.Variety.values()) {
                md.append(' ').append(v.id()).append(" |");
            }
            md.append(" total |\n|---|").append("---|".repeat(org.bayan.classify.Variety.values().length + 1)).append('\n');
            for (org.bayan.classify.Category c : org.bayan.classify.Category.values()) {
                md.append("| ").append(c.id()).append(" |");
                for (org.bayan.classify.Variety v : org.bayan.classify.Variety.values()) {
                    md.append(' ').append(samples.stream().filter(x -> x.category() == c && x.variety() == v).count()).append(" |");
                }
                md.append(' ').append(samples.stream().filter(x -> x.category() == c).count()).append(" |\n");
            }
            System.out.println(md);
        }
    }

    /**
     * Pairwise precision/recall/F1 of rumor clustering on a labelled file: per threshold for the seed-42 arrival
     * order, then per shuffle seed (1–5) at the shipped threshold, then the errors at that threshold.
     */
    private static void rumorEval(Options options) throws IOException {
        Path file = Path.of(options.positional == null ? "models/rumors/clusters-eval.tsv" : options.positional);
        var shipped = new org.bayan.rumor.ClaimVectors(Corpus.read(options.corpus).stream().map(LabelledText::text).toList());
        if (options.teachAfter != null && options.words == null) {
            throw new IllegalArgumentException("--teach-after needs --words");
        }
        var words = wordsOf(options, claims(file));
        // words taught along the way reach only the desk's path; the clusterer alone is then measured as shipped
        var vectors = options.teachAfter != null ? shipped : taught(options, words, shipped);
        double[] thresholds = {0.12, 0.15, 0.18, 0.2, 0.22, 0.25, 0.3, 0.35, 0.4, 0.5};
        double chosen = options.threshold != null ? options.threshold : org.bayan.rumor.ClaimClusterer.DEFAULT_THRESHOLD;
        var scores = org.bayan.rumor.ClusterEvaluation.evaluate(file, vectors, thresholds, 42);
        System.out.println("Rumor clustering on " + file + " (IDF from " + options.corpus + "), arrival order seed 42:\n");
        System.out.println(org.bayan.rumor.ClusterEvaluation.toMarkdown(scores));
        var seeds = org.bayan.rumor.ClusterEvaluation.evaluateSeeds(file, vectors, chosen, new long[]{1, 2, 3, 4, 5});
        System.out.printf(Locale.ROOT, "At %s %.3f, arrival order seeds 1-5:%n%n", options.threshold != null ? "the threshold" : "the shipped threshold", chosen);
        System.out.println(org.bayan.rumor.ClusterEvaluation.toMarkdown(seeds));
        System.out.printf(Locale.ROOT, "mean F1 %.4f, min F1 %.4f%n%n",
                seeds.stream().mapToDouble(org.bayan.rumor.ClusterEvaluation.Score::f1).average().orElse(0),
                seeds.stream().mapToDouble(org.bayan.rumor.ClusterEvaluation.Score::f1).min().orElse(0));
        System.out.println(org.bayan.rumor.ClusterEvaluation.errors(file, vectors, chosen, 42));
        deskEval(options, file, vectors, options.teachAfter == null ? null
                : new org.bayan.rumor.ClusterEvaluation.LateTeaching(words, options.teachAfter));
    }

    /** The claims a labelled file holds. */
    private static java.util.Set<String> claims(Path file) throws IOException {
        return org.bayan.rumor.ClusterEvaluation.read(file).stream().map(org.bayan.rumor.ClusterEvaluation.Row::group)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The vectors with the words of {@code --words} taught for the file's claims, or as they are without it. */
    private static org.bayan.rumor.ClaimVectors taught(Options options, java.util.Map<String, String> words,
                                                       org.bayan.rumor.ClaimVectors vectors) {
        if (options.words == null) {
            return vectors;
        }
        System.out.printf("Words taught for %d claims from %s, known from each claim's first telling on%n%n", words.size(),
                options.words);
        return vectors.withTaught(words);
    }

    /**
     * The words of {@code --words} for the claims a file holds (one words file may serve several labelled files),
     * none without it.
     */
    private static java.util.Map<String, String> wordsOf(Options options, java.util.Set<String> claims) throws IOException {
        if (options.words == null) {
            return java.util.Map.of();
        }
        var words = org.bayan.rumor.ClusterEvaluation.readWords(options.words);
        words.keySet().retainAll(claims);
        return words;
    }

    /**
     * What gathering by search recovers of a file's split claims: the file clustered (the clusterer alone, orders
     * 1-5), then each claim's queries run as a supervisor runs them from the cluster's page, the hits telling the
     * claim moved into the cluster holding most of it ({@link org.bayan.search.GatherEvaluation}).
     */
    private static void rumorGather(Options options) throws IOException {
        if (options.positional == null || (options.queries == null && !options.gatherWords)) {
            usage();
            throw new IllegalArgumentException("rumor-gather needs a labelled file and --queries, --gather-words or both");
        }
        if (options.gatherWords && options.words == null) {
            throw new IllegalArgumentException("--gather-words needs --words");
        }
        Path file = Path.of(options.positional);
        var groups = claims(file);
        var words = wordsOf(options, groups);
        var vectors = taught(options, words, new org.bayan.rumor.ClaimVectors(Corpus.read(options.corpus).stream()
                .map(LabelledText::text).toList()));
        var queries = new java.util.LinkedHashMap<String, java.util.List<String>>();
        if (options.queries != null) {
            queries.putAll(org.bayan.search.GatherEvaluation.readQueries(options.queries));
        }
        if (options.gatherWords) {
            // the search the words card's link runs: the claim's taught words as one query
            words.forEach((claim, taught) -> queries.computeIfAbsent(claim, c -> new java.util.ArrayList<>())
                    .add(org.bayan.rumor.ClaimWords.searchQuery(org.bayan.rumor.ClaimWords.variants(taught))));
        }
        // one queries file may serve several labelled files: the claims this one does not hold are left out
        queries.keySet().retainAll(groups);
        double threshold = options.threshold != null ? options.threshold : org.bayan.rumor.ClaimClusterer.DEFAULT_THRESHOLD;
        var results = org.bayan.search.GatherEvaluation.evaluate(file, queries, vectors, threshold, new long[]{1, 2, 3, 4, 5});
        System.out.println("Gathering by search on " + file + " with " + (options.queries == null ? "" : options.queries)
                + (options.gatherWords ? (options.queries == null ? "" : " and ") + "the words of " + options.words : "")
                + " (clusterer alone, threshold "
                + threshold + "):\n");
        System.out.println("| seed | F1 before | F1 after | precision after | recall after | tellings found | hits read |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (var r : results) {
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.4f | %.4f | %.4f | %d of %d | %d |%n", r.seed(), r.before().f1(),
                    r.after().f1(), r.after().precision(), r.after().recall(), r.found(), r.tellings(), r.read());
        }
        double found = results.stream().mapToInt(org.bayan.search.GatherEvaluation.Result::found).average().orElse(0);
        int tellings = results.get(0).tellings();
        System.out.printf(Locale.ROOT, "%ngathering by search, %d queries for %d claims: mean F1 %.4f before, %.4f after; "
                        + "the queries find %.0f of the claims' %d tellings (%.0f%%), reading %.0f hits (means over the orders)%n",
                queries.values().stream().mapToInt(java.util.List::size).sum(), queries.size(),
                results.stream().mapToDouble(r -> r.before().f1()).average().orElse(0),
                results.stream().mapToDouble(r -> r.after().f1()).average().orElse(0),
                found, tellings, 100.0 * found / Math.max(1, tellings),
                results.stream().mapToInt(org.bayan.search.GatherEvaluation.Result::read).average().orElse(0));
    }

    /**
     * The same file along the desk's path: the bundled model classifies each message and the shipped
     * {@link org.bayan.rumor.RumorGate} decides which are clustered and at what similarity.
     */
    private static void deskEval(Options options, Path file, org.bayan.rumor.ClaimVectors vectors,
                                 org.bayan.rumor.ClusterEvaluation.LateTeaching teaching) throws IOException {
        String version = version(options);
        ClassificationEngine engine = engine(options, version);
        var shipped = org.bayan.rumor.RumorGate.DEFAULT;
        var gate = new org.bayan.rumor.RumorGate(options.threshold != null ? options.threshold : shipped.threshold(),
                options.otherCategoryThreshold != null ? options.otherCategoryThreshold : shipped.otherCategoryThreshold(),
                options.candidateScore != null ? options.candidateScore : shipped.candidateScore());
        var joins = new org.bayan.rumor.ClusterEvaluation.Joins();
        var related = new org.bayan.rumor.ClusterEvaluation.Related(
                options.relatedMinimum != null ? options.relatedMinimum : org.bayan.rumor.ClaimClusterer.RELATED_MINIMUM,
                options.relatedLimit != null ? options.relatedLimit : org.bayan.rumor.ClaimClusterer.RELATED_LIMIT);
        var seeds = org.bayan.rumor.ClusterEvaluation.evaluateDesk(file, vectors, engine::classify, gate, !options.noLateJoin,
                new long[]{1, 2, 3, 4, 5}, joins, related, teaching);
        if (teaching != null) {
            System.out.printf(Locale.ROOT, "Words from %s taught for %d claims on the desk's path, each once it has been told %d "
                    + "times (on a cluster of its tellings; those already placed stay where they are)%n%n", options.words,
                    teaching.words().size(), teaching.after());
        }
        System.out.printf(Locale.ROOT, "As the desk clusters (model %s; rumors and messages with rumor probability >= %.2f "
                + "join at %.3f or open a cluster, other messages only join at %.3f%s), arrival order seeds 1-5:%n%n",
                version, gate.candidateScore(), gate.threshold(), gate.otherCategoryThreshold(),
                options.noLateJoin ? "" : ", also once a cluster forms later");
        System.out.println(org.bayan.rumor.ClusterEvaluation.gateCounts(file, engine::classify, gate) + "\n");
        System.out.println(org.bayan.rumor.ClusterEvaluation.toMarkdown(seeds));
        System.out.printf(Locale.ROOT, "desk mean precision %.4f, mean recall %.4f, mean F1 %.4f%n",
                seeds.stream().mapToDouble(org.bayan.rumor.ClusterEvaluation.Score::precision).average().orElse(0),
                seeds.stream().mapToDouble(org.bayan.rumor.ClusterEvaluation.Score::recall).average().orElse(0),
                seeds.stream().mapToDouble(org.bayan.rumor.ClusterEvaluation.Score::f1).average().orElse(0));
        System.out.println(joins);
        System.out.println(related);
    }

    /**
     * What the rumor gate's candidate score lets in from a labelled corpus (default the dev files): per gold
     * category, how many messages the bundled model classifies rumor, and how many would open a rumor cluster at
     * several candidate scores. Messages of other categories opening clusters are noise in the rumor list.
     */
    private static void rumorGate(Options options) throws IOException {
        Path corpus = options.positional == null ? options.dev : Path.of(options.positional);
        String version = version(options);
        ClassificationEngine engine = engine(options, version);
        double[] candidates = {0.05, 0.1, 0.15, 0.2, 0.25, 0.3};
        StringBuilder md = new StringBuilder("Messages of " + corpus + " that may open a rumor cluster (model " + version
                + "), by their labelled category:\n\n| category | messages | classified rumor |");
        for (double c : candidates) {
            md.append(String.format(Locale.ROOT, " candidate %.2f |", c));
        }
        md.append("\n|---|---|---|").append("---|".repeat(candidates.length)).append('\n');
        List<LabelledText> samples = Corpus.read(corpus);
        for (org.bayan.classify.Category category : org.bayan.classify.Category.values()) {
            List<org.bayan.classify.Classification> results = samples.stream()
                    .filter(t -> t.category() == category).map(t -> engine.classify(t.text())).toList();
            md.append("| ").append(category.id()).append(" | ").append(results.size()).append(" | ")
                    .append(results.stream().filter(r -> r.category().equals(org.bayan.classify.Category.RUMOR.id())).count())
                    .append(" |");
            for (double c : candidates) {
                var gate = new org.bayan.rumor.RumorGate(org.bayan.rumor.RumorGate.DEFAULT.threshold(),
                        org.bayan.rumor.RumorGate.DEFAULT.otherCategoryThreshold(), c);
                md.append(' ').append(results.stream().filter(r -> gate.entry(r).mayOpen()).count()).append(" |");
            }
            md.append('\n');
        }
        System.out.println(md);
    }

    /** The model version asked for with --version, else the newest in the model folder. */
    private static String version(Options options) throws IOException {
        return options.version != null ? options.version : ModelEvaluator.latestVersion(options.modelDir)
                .orElseThrow(() -> new IllegalArgumentException("no bayan-doccat-*.bin in " + options.modelDir));
    }

    /** The classification the service would give, with the model of {@link #version(Options)}. */
    private static ClassificationEngine engine(Options options, String version) throws IOException {
        return new ClassificationEngine(CategorizerModel.load(options.modelDir, version), new LanguageIdentifier(), 0);
    }

    private static void usage() {
        System.err.println("""
                usage: train [--with-feedback FILE] [--corpus DIR] [--dev DIR] [--out DIR]
                       evaluate FILE|DIR [--model-dir DIR] [--version V] [--urgent-threshold T]
                       cross-validate [--folds N] [--corpus DIR] [--out DIR]
                       corpus-stats [--corpus DIR] [--dev DIR]
                       rumor-eval [FILE] [--corpus DIR] [--threshold T] [--other-category-threshold T] [--candidate-score S] [--no-late-join]
                                  [--related-minimum M] [--related-limit N] [--words WORDS [--teach-after N]]
                       rumor-gate [FILE|DIR]
                       rumor-gather FILE [--queries QUERIES] [--threshold T] [--words WORDS [--gather-words]]""");
    }

    private static final class Options {
        Path corpus = Path.of("models/training/train");
        Path dev = Path.of("models/training/dev");
        Path out = Path.of("models");
        Path modelDir = Path.of("models");
        Path feedback;
        String version;
        Double urgentThreshold;
        Double threshold;
        Double otherCategoryThreshold;
        Double candidateScore;
        Double relatedMinimum;
        Integer relatedLimit;
        Path queries;
        Path words;
        Integer teachAfter;
        boolean gatherWords;
        boolean noLateJoin;
        String positional;
        int folds = 10;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--corpus" -> o.corpus = Path.of(value(args, ++i, arg));
                    case "--dev" -> o.dev = Path.of(value(args, ++i, arg));
                    case "--out" -> o.out = Path.of(value(args, ++i, arg));
                    case "--model-dir" -> o.modelDir = Path.of(value(args, ++i, arg));
                    case "--with-feedback" -> o.feedback = Path.of(value(args, ++i, arg));
                    case "--version" -> o.version = value(args, ++i, arg);
                    case "--urgent-threshold" -> o.urgentThreshold = Double.parseDouble(value(args, ++i, arg));
                    case "--threshold" -> o.threshold = Double.parseDouble(value(args, ++i, arg));
                    case "--other-category-threshold" -> o.otherCategoryThreshold = Double.parseDouble(value(args, ++i, arg));
                    case "--candidate-score" -> o.candidateScore = Double.parseDouble(value(args, ++i, arg));
                    case "--no-late-join" -> o.noLateJoin = true;
                    case "--related-minimum" -> o.relatedMinimum = Double.parseDouble(value(args, ++i, arg));
                    case "--related-limit" -> o.relatedLimit = Integer.parseInt(value(args, ++i, arg));
                    case "--queries" -> o.queries = Path.of(value(args, ++i, arg));
                    case "--words" -> o.words = Path.of(value(args, ++i, arg));
                    case "--teach-after" -> o.teachAfter = Integer.parseInt(value(args, ++i, arg));
                    case "--gather-words" -> o.gatherWords = true;
                    case "--folds" -> o.folds = Integer.parseInt(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        o.positional = arg;
                    }
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
