package org.bayan.rumor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures cluster quality on a labelled file ({@code group<TAB>text}, {@code -} for a message that belongs to
 * no group): messages are clustered one by one in a shuffled order, as they would arrive, and every pair of
 * messages is scored — same gold group and same cluster is a true positive. Reports pairwise precision,
 * recall and F1 per threshold.
 */
public final class ClusterEvaluation {

    public record Score(double threshold, double precision, double recall, double f1, int clusters) {
    }

    private ClusterEvaluation() {
    }

    public static List<Score> evaluate(Path file, ClaimVectors vectors, double[] thresholds, long seed) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                rows.add(new String[]{line.substring(0, tab), line.substring(tab + 1)});
            }
        }
        Collections.shuffle(rows, new Random(seed));
        List<Map<String, Double>> vs = rows.stream().map(r -> vectors.vector(r[1])).toList();
        List<Score> scores = new ArrayList<>();
        for (double threshold : thresholds) {
            int[] cluster = ClaimClusterer.clusterAll(vs, threshold);
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (int i = 0; i < rows.size(); i++) {
                for (int j = i + 1; j < rows.size(); j++) {
                    boolean gold = !rows.get(i)[0].equals("-") && rows.get(i)[0].equals(rows.get(j)[0]);
                    boolean predicted = cluster[i] == cluster[j];
                    if (gold && predicted) {
                        tp++;
                    } else if (predicted) {
                        fp++;
                    } else if (gold) {
                        fn++;
                    }
                }
            }
            double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
            double r = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            scores.add(new Score(threshold, p, r, f1, (int) java.util.Arrays.stream(cluster).distinct().count()));
        }
        return scores;
    }

    public static String toMarkdown(List<Score> scores) {
        StringBuilder md = new StringBuilder("| threshold | pairwise precision | pairwise recall | pairwise F1 | clusters |\n|---|---|---|---|---|\n");
        for (Score s : scores) {
            md.append(String.format(Locale.ROOT, "| %.2f | %.4f | %.4f | %.4f | %d |%n", s.threshold(), s.precision(),
                    s.recall(), s.f1(), s.clusters()));
        }
        return md.toString();
    }
}
