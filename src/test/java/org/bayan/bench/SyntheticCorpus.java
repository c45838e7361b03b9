package org.bayan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The messages every benchmark runs on: drawn with a seed from the team's own training corpus
 * ({@code models/training/train}), so the words, scripts and lengths are the desk's and two runs with one
 * seed see the same texts in the same order. A message is one corpus line, lengthened with further lines
 * of the same variety and cut to a drawn length of 5–60 words: citizens' messages are mostly short, so
 * lengths are drawn with a bias towards the low end.
 *
 * <p>The mix of varieties is fixed ({@link Variety#share}), so a figure measured on one size of corpus is
 * comparable with another.
 */
public final class SyntheticCorpus {

    /** The varieties of the desk's traffic and the share of each in a synthetic corpus. */
    public enum Variety {
        EGYPTIAN("egy", 0.35),
        MSA("msa", 0.20),
        ARABIZI("arabizi", 0.15),
        DARIJA("mar", 0.10),
        ENGLISH("en", 0.10),
        FRENCH("fr", 0.10);

        final String filePrefix;
        final double share;

        Variety(String filePrefix, double share) {
            this.filePrefix = filePrefix;
            this.share = share;
        }
    }

    /** One synthetic message: its text, the variety it was drawn from, and the label of its first line. */
    public record Text(String text, Variety variety, String label, int words) {
    }

    public static final int MIN_WORDS = 5;
    public static final int MAX_WORDS = 60;

    private final Map<Variety, List<String[]>> lines;
    private final Random random;

    private SyntheticCorpus(Map<Variety, List<String[]>> lines, long seed) {
        this.lines = lines;
        this.random = new Random(seed);
    }

    /** Reads the training corpus under {@code models/training/train} of the given project directory. */
    public static SyntheticCorpus fromTrainingCorpus(Path projectDir, long seed) {
        Path train = projectDir.resolve("models/training/train");
        Map<Variety, List<String[]>> lines = new EnumMap<>(Variety.class);
        for (Variety variety : Variety.values()) {
            lines.put(variety, new ArrayList<>());
        }
        try (Stream<Path> files = Files.list(train)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                for (Variety variety : Variety.values()) {
                    if (name.equals(variety.filePrefix + ".tsv") || name.startsWith(variety.filePrefix + "-")) {
                        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                            int tab = line.indexOf('\t');
                            if (tab > 0 && tab < line.length() - 1) {
                                lines.get(variety).add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the training corpus under " + train, e);
        }
        lines.replaceAll((v, list) -> Collections.unmodifiableList(list));
        lines.forEach((variety, list) -> {
            if (list.isEmpty()) {
                throw new IllegalStateException("No training lines for " + variety + " under " + train);
            }
        });
        return new SyntheticCorpus(lines, seed);
    }

    /** The next message of the seeded sequence. */
    public Text next() {
        Variety variety = variety(random.nextDouble());
        List<String[]> pool = lines.get(variety);
        // Square of a uniform draw: about half the messages have 5–18 words, a tenth 50 or more.
        double u = random.nextDouble();
        int target = MIN_WORDS + (int) Math.round(u * u * (MAX_WORDS - MIN_WORDS));
        String[] first = pool.get(random.nextInt(pool.size()));
        List<String> words = new ArrayList<>(List.of(first[1].trim().split("\\s+")));
        while (words.size() < target) {
            words.addAll(List.of(pool.get(random.nextInt(pool.size()))[1].trim().split("\\s+")));
        }
        List<String> cut = words.subList(0, target);
        return new Text(String.join(" ", cut), variety, first[0], cut.size());
    }

    /** The next {@code count} messages. */
    public List<Text> take(int count) {
        List<Text> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(next());
        }
        return texts;
    }

    private static Variety variety(double draw) {
        double sum = 0;
        for (Variety variety : Variety.values()) {
            sum += variety.share;
            if (draw < sum) {
                return variety;
            }
        }
        return Variety.FRENCH;
    }
}
