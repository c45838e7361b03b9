package org.bayan.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads corpus files: one sample a line, {@code label<TAB>text}, UTF-8. A path may be a file or a folder of
 * {@code *.tsv} files; the variety of a line is the variety its file is named after ({@code und} when the
 * name says none). Exact duplicate texts are kept once. A malformed line stops the read with its file and
 * line number, because a silently skipped line is a silently wrong model.
 */
public final class Corpus {

    private Corpus() {
    }

    public static List<LabelledText> read(Path path) {
        List<Path> files;
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> list = Files.list(path)) {
                    files = list.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList();
                }
            } else if (Files.isRegularFile(path)) {
                files = List.of(path);
            } else {
                throw new IllegalArgumentException("No corpus at " + path);
            }
            List<LabelledText> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Path file : files) {
                Variety variety = Variety.ofCorpusFile(file.getFileName().toString()).orElse(Variety.UND);
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String origin = file.getFileName() + ":" + (i + 1);
                    int tab = line.indexOf('\t');
                    if (tab < 0) {
                        throw new IllegalArgumentException(origin + ": expected label<TAB>text");
                    }
                    String label = line.substring(0, tab).trim();
                    Category category = Category.parse(label).orElseThrow(() ->
                            new IllegalArgumentException(origin + ": unknown label '" + label + "'"));
                    String text = line.substring(tab + 1).trim();
                    if (text.isEmpty()) {
                        throw new IllegalArgumentException(origin + ": empty text");
                    }
                    if (seen.add(text)) {
                        out.add(new LabelledText(category, variety, text, origin));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<Category, Integer> countByCategory(List<LabelledText> samples) {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        samples.forEach(s -> counts.merge(s.category(), 1, Integer::sum));
        return counts;
    }

    public static Map<Variety, Integer> countByVariety(List<LabelledText> samples) {
        Map<Variety, Integer> counts = new EnumMap<>(Variety.class);
        samples.forEach(s -> counts.merge(s.variety(), 1, Integer::sum));
        return counts;
    }
}
