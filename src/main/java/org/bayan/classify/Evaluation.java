package org.bayan.classify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores predictions against gold labels: per-class precision, recall and F1, macro-F1, accuracy per variety,
 * the confusion matrix, and the misclassified lines. Rendered as Markdown for the model reports.
 */
public final class Evaluation {

    public record Outcome(LabelledText sample, Category predicted, double confidence) {
        boolean correct() {
            return sample.category() == predicted;
        }
    }

    public record ClassScore(double precision, double recall, double f1, int support) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private final int[][] confusion = new int[Category.values().length][Category.values().length];

    public void add(LabelledText sample, Category predicted, double confidence) {
        outcomes.add(new Outcome(sample, predicted, confidence));
        confusion[sample.category().ordinal()][predicted.ordinal()]++;
    }

    public int size() {
        return outcomes.size();
    }

    public ClassScore score(Category category) {
        int c = category.ordinal();
        int tp = confusion[c][c];
        int predicted = 0;
        int actual = 0;
        for (int i = 0; i < confusion.length; i++) {
            predicted += confusion[i][c];
            actual += confusion[c][i];
        }
        double precision = predicted == 0 ? 0 : (double) tp / predicted;
        double recall = actual == 0 ? 0 : (double) tp / actual;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassScore(precision, recall, f1, actual);
    }

    public double macroF1() {
        double sum = 0;
        int classes = 0;
        for (Category category : Category.values()) {
            ClassScore score = score(category);
            if (score.support() > 0) {
                sum += score.f1();
                classes++;
            }
        }
        return classes == 0 ? 0 : sum / classes;
    }

    public double accuracy() {
        return outcomes.isEmpty() ? 0 : (double) outcomes.stream().filter(Outcome::correct).count() / outcomes.size();
    }

    public Map<Variety, double[]> accuracyByVariety() {
        Map<Variety, double[]> result = new EnumMap<>(Variety.class);
        for (Outcome o : outcomes) {
            double[] tally = result.computeIfAbsent(o.sample().variety(), v -> new double[2]);
            tally[1]++;
            if (o.correct()) {
                tally[0]++;
            }
        }
        return result;
    }

    public double minimumVarietyAccuracy() {
        return accuracyByVariety().values().stream().mapToDouble(t -> t[0] / t[1]).min().orElse(0);
    }

    public List<Outcome> misclassified() {
        return outcomes.stream().filter(o -> !o.correct()).toList();
    }

    /** The full report: summary, per-class table, per-variety accuracy, confusion matrix, misclassified lines. */
    public String toMarkdown(String title, boolean withErrors) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(title).append("\n\n");
        md.append(String.format(Locale.ROOT, "Samples: %d · accuracy %.4f · **macro-F1 %.4f**%n%n", size(), accuracy(), macroF1()));
        md.append("| category | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        for (Category category : Category.values()) {
            ClassScore s = score(category);
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %d |%n",
                    category.id(), s.precision(), s.recall(), s.f1(), s.support()));
        }
        md.append("\n| variety | accuracy | samples |\n|---|---|---|\n");
        accuracyByVariety().forEach((variety, t) -> md.append(String.format(Locale.ROOT, "| %s | %.4f | %d |%n",
                variety.id(), t[0] / t[1], (int) t[1])));
        md.append("\nConfusion matrix (rows: gold, columns: predicted)\n\n| gold \\ predicted |");
        for (Category c : Category.values()) {
            md.append(' ').append(c.id()).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(Category.values().length)).append('\n');
        for (Category gold : Category.values()) {
            md.append("| ").append(gold.id()).append(" |");
            for (Category predicted : Category.values()) {
                md.append(' ').append(confusion[gold.ordinal()][predicted.ordinal()]).append(" |");
            }
            md.append('\n');
        }
        if (withErrors) {
            md.append("\nMisclassified (").append(misclassified().size()).append(")\n\n");
            md.append("| where | variety | gold | predicted | confidence | text |\n|---|---|---|---|---|---|\n");
            for (Outcome o : misclassified()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s |%n", o.sample().origin(),
                        o.sample().variety().id(), o.sample().category().id(), o.predicted().id(), o.confidence(),
                        o.sample().text().replace("|", "\\|")));
            }
        }
        return md.toString();
    }
}
