package org.bayan.classify;

/** One line of the corpus: its category, the variety of the file it came from, the text and where it was. */
public record LabelledText(Category category, Variety variety, String text, String origin) {
}
