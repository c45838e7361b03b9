package org.bayan.search;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.bayan.classify.TextNormalizer;

import java.io.IOException;

/**
 * Applies Bayan's {@link TextNormalizer} to each token. Working per token (not as a CharFilter) keeps the
 * offsets of the original text, so highlighted excerpts land on the words the citizen wrote.
 */
final class NormalizingFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    NormalizingFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        while (input.incrementToken()) {
            String normalized = TextNormalizer.normalize(term.toString());
            if (normalized.isEmpty()) {
                continue; // a token made only of tatweel or marks
            }
            term.setEmpty().append(normalized);
            return true;
        }
        return false;
    }
}
