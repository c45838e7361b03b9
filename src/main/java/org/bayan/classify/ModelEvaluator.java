package org.bayan.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Evaluates a model on a labelled file: categories, varieties, languages; the report the `evaluate` command prints. */
public final class ModelEvaluator {

    private ModelEvaluator() {
    }

    public record Result(Evaluation categories, String markdown) {
    }

    public static String report(CategorizerModel model, List<LabelledText> samples, String title) {
        return evaluate(model, new LanguageIdentifier(), samples, title).markdown();
    }

    public static Result evaluate(CategorizerModel model, LanguageIdentifier languages, List<LabelledText> samples,
                                  String title) {
        ClassificationEngine engine = new ClassificationEngine(model, languages, 0);
        Evaluation evaluation = new Evaluation();
        Map<Variety, int[]> varietyHits = new EnumMap<>(Variety.class);
        Map<Variety, int[]> languageHits = new EnumMap<>(Variety.class);
        Map<Variety, Map<String, Integer>> rawDetector = new EnumMap<>(Variety.class);
        for (LabelledText sample : samples) {
            Classification c = engine.classify(sample.text());
            evaluation.add(sample, Category.parse(c.category()).orElseThrow(), c.confidence());
            if (sample.variety() != Variety.UND) {
                tally(varietyHits, sample.variety(), sample.variety().id().equals(c.variety()));
                tally(languageHits, sample.variety(), sample.variety().language.equals(c.language()));
                rawDetector.computeIfAbsent(sample.variety(), v -> new TreeMap<>())
                        .merge(languages.rawLanguage(sample.text()), 1, Integer::sum);
            }
        }
        StringBuilder md = new StringBuilder(evaluation.toMarkdown(title, false));
        Evaluation.ClassScore urgent = evaluation.score(Category.URGENT);
        md.append(String.format(Locale.ROOT, "%nUrgent lane (threshold %.2f): recall %.4f, precision %.4f%n",
                model.urgentThreshold(), urgent.recall(), urgent.precision()));
        md.append("\n### Language and variety\n\n| variety (gold) | variety accuracy | language accuracy | samples | raw OpenNLP langdetect answers (top 4) |\n|---|---|---|---|---|\n");
        int varietyTotal = 0;
        int varietyCorrect = 0;
        for (Map.Entry<Variety, int[]> e : varietyHits.entrySet()) {
            int[] v = e.getValue();
            int[] l = languageHits.get(e.getKey());
            varietyTotal += v[1];
            varietyCorrect += v[0];
            String raw = rawDetector.get(e.getKey()).entrySet().stream()
                    .sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
                    .map(x -> x.getKey() + " " + x.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %d | %s |%n", e.getKey().id(),
                    (double) v[0] / v[1], (double) l[0] / l[1], v[1], raw));
        }
        if (varietyTotal > 0) {
            md.append(String.format(Locale.ROOT, "%nVariety accuracy overall: %.4f%n", (double) varietyCorrect / varietyTotal));
        }
        md.append('\n').append(evaluation.toMarkdown("Misclassified lines", true)
                .replaceFirst("(?s)^.*?\\nMisclassified", "Misclassified"));
        return new Result(evaluation, md.toString());
    }

    private static void tally(Map<Variety, int[]> map, Variety variety, boolean hit) {
        int[] t = map.computeIfAbsent(variety, v -> new int[2]);
        t[1]++;
        if (hit) {
            t[0]++;
        }
    }

    /** The newest model version in a folder (versions sort by time). */
    public static Optional<String> latestVersion(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("bayan-doccat-") && n.endsWith(".bin"))
                    .map(n -> n.substring("bayan-doccat-".length(), n.length() - ".bin".length()))
                    .filter(v -> Files.exists(CategorizerModel.varietyFile(directory, v)))
                    .max(String::compareTo);
        }
    }
}
