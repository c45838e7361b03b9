package org.bayan.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The analysis of the text fields. Every field starts with the Unicode word tokenizer and Bayan's
 * normalizer (so أ/ا/إ, ة/ه, ى/ي, diacritics, tatweel, elongation and digit scripts never matter), then:
 * <ul>
 *   <li>{@code text}: nothing more — the language-neutral field, matches spellings as normalized;</li>
 *   <li>{@code text_ar}: Arabic light stemming (prefixes و ب ال …, suffixes ات ون …), then a final ه/ت;</li>
 *   <li>{@code text_en}: English possessives and Porter stemming;</li>
 *   <li>{@code text_fr}: French elisions (l', d') and light stemming.</li>
 * </ul>
 * Arabizi is indexed as written (lower-cased) in {@code text}.
 */
final class Analyzers {

    static final String TEXT = "text";
    static final String TEXT_AR = "text_ar";
    static final String TEXT_EN = "text_en";
    static final String TEXT_FR = "text_fr";

    private Analyzers() {
    }

    static Analyzer perField() {
        Analyzer neutral = chain(UnaryOperator.identity());
        return new PerFieldAnalyzerWrapper(neutral, Map.of(
                TEXT_AR, chain(stream -> new TaMarbutaStemFilter(new ArabicStemFilter(stream))),
                TEXT_EN, chain(stream -> new PorterStemFilter(new EnglishPossessiveFilter(stream))),
                TEXT_FR, chain(stream -> new FrenchLightStemFilter(new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES)))));
    }

    private static Analyzer chain(UnaryOperator<TokenStream> stemming) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, stemming.apply(new NormalizingFilter(tokenizer)));
            }
        };
    }
}
