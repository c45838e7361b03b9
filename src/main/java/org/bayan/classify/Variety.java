package org.bayan.classify;

import java.util.Arrays;
import java.util.Optional;

/** How a message is written. Corpus files are named after the variety they hold ({@code egy-a.tsv} → egy). */
public enum Variety {
    MSA("ar"), EGY("ar"), MAR("ar"), ARABIZI("ar"), EN("en"), FR("fr"), MIXED("ar"), UND("und");

    /** The language a variety implies (mixed messages are Arabic-script Arabic with French or English). */
    public final String language;

    Variety(String language) {
        this.language = language;
    }

    public String id() {
        return name().toLowerCase();
    }

    public static Optional<Variety> parse(String id) {
        return Arrays.stream(values()).filter(v -> v.id().equals(id)).findFirst();
    }

    /** The variety of a corpus file, from its name: the part before the first '-' or '.'. */
    public static Optional<Variety> ofCorpusFile(String fileName) {
        String stem = fileName.replaceAll("[-.].*$", "");
        return parse(stem);
    }
}
