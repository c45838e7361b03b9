package org.bayan.classify;

import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.doccat.DocumentCategorizerME;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A trained model as the service uses it: the category categorizer, the variety categorizer, the version and
 * the urgent decision threshold chosen at training time. Immutable and shared; categorizers are per thread
 * ({@link DocumentCategorizerME} is not documented as thread-safe, and one costs little next to the model).
 * <p>
 * On disk a version is two files: {@code bayan-doccat-<version>.bin} (its manifest carries the version and
 * the urgent threshold) and {@code bayan-variety-<version>.bin}.
 */
public final class CategorizerModel {

    static final String VERSION_KEY = "bayan-version";
    static final String URGENT_THRESHOLD_KEY = "bayan-urgent-threshold";
    static final String LEXICON_THRESHOLD_KEY = "bayan-urgent-lexicon-threshold";
    static final String FEATURES_KEY = "bayan-features";
    /** With the urgent lexicon matching, this much urgent probability is enough (see {@link UrgentLexicon}). */
    public static final double DEFAULT_LEXICON_THRESHOLD = 0.05;

    private final DoccatModel categories;
    private final DoccatModel varieties;
    private final String version;
    private double urgentThreshold;
    private final double lexiconThreshold;
    private final Category[] categoryOrder;
    private final Variety[] varietyOrder;
    private final ThreadLocal<DocumentCategorizerME> categorizer;
    private final ThreadLocal<DocumentCategorizerME> varietyCategorizer;

    public record Prediction(Category category, double confidence, double[] scores) {
    }

    static {
        BayanFeatureGenerator.allowLoading();
    }

    public CategorizerModel(DoccatModel categories, DoccatModel varieties) {
        this.categories = categories;
        this.varieties = varieties;
        this.version = categories.getManifestProperty(VERSION_KEY);
        String threshold = categories.getManifestProperty(URGENT_THRESHOLD_KEY);
        this.urgentThreshold = threshold == null ? 0.5 : Double.parseDouble(threshold);
        String lexicon = categories.getManifestProperty(LEXICON_THRESHOLD_KEY);
        this.lexiconThreshold = lexicon == null ? DEFAULT_LEXICON_THRESHOLD : Double.parseDouble(lexicon);
        this.categorizer = ThreadLocal.withInitial(() -> new DocumentCategorizerME(categories));
        this.varietyCategorizer = varieties == null ? null : ThreadLocal.withInitial(() -> new DocumentCategorizerME(varieties));
        DocumentCategorizerME probe = categorizer.get();
        categoryOrder = new Category[probe.getNumberOfCategories()];
        for (int i = 0; i < categoryOrder.length; i++) {
            String id = probe.getCategory(i);
            categoryOrder[i] = Category.parse(id).orElseThrow(() ->
                    new IllegalArgumentException("The model knows a category Bayan does not: " + id));
        }
        if (varieties == null) {
            varietyOrder = new Variety[0];
            return;
        }
        DocumentCategorizerME varietyProbe = varietyCategorizer.get();
        varietyOrder = new Variety[varietyProbe.getNumberOfCategories()];
        for (int i = 0; i < varietyOrder.length; i++) {
            String id = varietyProbe.getCategory(i);
            varietyOrder[i] = Variety.parse(id).orElseThrow(() ->
                    new IllegalArgumentException("The variety model knows a variety Bayan does not: " + id));
        }
    }

    /** A category model alone, for cross-validation folds. */
    static CategorizerModel categoriesOnly(DoccatModel categories) {
        return new CategorizerModel(categories, null);
    }

    /** Attaches version and threshold to a freshly trained category model (they travel in its manifest). */
    public static DoccatModel withMetadata(DoccatModel trained, String version, double urgentThreshold) {
        Map<String, String> manifest = new HashMap<>();
        manifest.put(VERSION_KEY, version);
        manifest.put(URGENT_THRESHOLD_KEY, Double.toString(urgentThreshold));
        manifest.put(LEXICON_THRESHOLD_KEY, Double.toString(DEFAULT_LEXICON_THRESHOLD));
        FeatureGenerator[] generators = trained.getFactory().getFeatureGenerators();
        if (generators.length > 0 && generators[0] instanceof BayanFeatureGenerator bayan) {
            manifest.put(FEATURES_KEY, bayan.featureSet().name());
        }
        DoccatModel model = new DoccatModel("mul", trained.getMaxentModel(), manifest, new DoccatFactory(generators));
        model.getFactory().setFeatureGenerators(generators);
        return model;
    }

    public static CategorizerModel load(Path directory, String version) throws IOException {
        return new CategorizerModel(read(categoryFile(directory, version)), read(varietyFile(directory, version)));
    }

    /**
     * Reads a model file written by {@link #save}. OpenNLP would re-create the feature generator by class name
     * through its own class loader, which cannot see application classes under Quarkus; so the archive is read
     * here and the model rebuilt around a {@link BayanFeatureGenerator} created directly.
     */
    static DoccatModel read(Path file) throws IOException {
        Properties manifest = new Properties();
        MaxentModel maxent = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals("manifest.properties")) {
                    manifest.load(new java.io.ByteArrayInputStream(zip.readAllBytes()));
                } else if (entry.getName().endsWith(".model")) {
                    maxent = new GenericModelReader(new BinaryFileDataReader(
                            new java.io.ByteArrayInputStream(zip.readAllBytes()))).getModel();
                }
            }
        }
        if (maxent == null) {
            throw new IOException(file + " holds no categorizer model");
        }
        Map<String, String> entries = new HashMap<>();
        for (String key : manifest.stringPropertyNames()) {
            if (key.startsWith("bayan-")) {
                entries.put(key, manifest.getProperty(key));
            }
        }
        // Features exactly as at training time: the set is recorded in the model's manifest.
        FeatureGenerator[] generators = {new BayanFeatureGenerator(
                FeatureSet.valueOf(entries.getOrDefault(FEATURES_KEY, FeatureSet.DEFAULT.name())))};
        DoccatModel model = new DoccatModel("mul", maxent, entries, new DoccatFactory(generators));
        // The model re-creates its factory from the manifest: hand it the generator instance again.
        model.getFactory().setFeatureGenerators(generators);
        return model;
    }

    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (OutputStream out = Files.newOutputStream(categoryFile(directory, version))) {
            categories.serialize(out);
        }
        try (OutputStream out = Files.newOutputStream(varietyFile(directory, version))) {
            varieties.serialize(out);
        }
    }

    public static Path categoryFile(Path directory, String version) {
        return directory.resolve("bayan-doccat-" + version + ".bin");
    }

    public static Path varietyFile(Path directory, String version) {
        return directory.resolve("bayan-variety-" + version + ".bin");
    }

    public String version() {
        return version;
    }

    /** A what-if for evaluation: the same model deciding urgent at another threshold. */
    public CategorizerModel withUrgentThreshold(double threshold) {
        CategorizerModel copy = new CategorizerModel(categories, varieties);
        copy.urgentThreshold = threshold;
        return copy;
    }

    public double lexiconThreshold() {
        return lexiconThreshold;
    }

    public double urgentThreshold() {
        return urgentThreshold;
    }

    public Category[] categoryOrder() {
        return categoryOrder.clone();
    }

    public Variety[] varietyOrder() {
        return varietyOrder.clone();
    }

    public Prediction predict(String[] tokens) {
        double[] scores = categorizer.get().categorize(tokens);
        return decide(scores, categoryOrder, urgentThreshold,
                UrgentLexicon.matches(tokens) ? lexiconThreshold : Double.MAX_VALUE);
    }

    public double[] varietyScores(String[] tokens) {
        return varietyCategorizer.get().categorize(tokens);
    }

    /**
     * The urgent lane: urgent wins as soon as its probability reaches the (lower) urgent threshold — or the
     * even lower lexicon threshold when {@link UrgentLexicon} matched — because a missed urgent report costs
     * far more than a responder glancing at a false alarm. Otherwise the most probable category wins.
     */
    static Prediction decide(double[] scores, Category[] order, double urgentThreshold, double lexiconThreshold) {
        int urgent = -1;
        int best = 0;
        for (int i = 0; i < scores.length; i++) {
            if (order[i] == Category.URGENT) {
                urgent = i;
            }
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        if (urgent >= 0 && (scores[urgent] >= urgentThreshold || scores[urgent] >= lexiconThreshold)) {
            return new Prediction(Category.URGENT, scores[urgent], scores);
        }
        return new Prediction(order[best], scores[best], scores);
    }
}
