package org.bayan.search;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;

/**
 * After Arabic light stemming: drops a final ه or ت from words longer than three letters. The ta marbuta of
 * "بطاقة" (normalized to ه) becomes ت before a suffix ("بطاقتي", "بطاقته"), and the light stemmer strips the
 * suffix but not the letter: without this, "my card" and "the card" never meet. Only the stemmed field
 * uses it; exact spelling still counts in the neutral field.
 */
final class TaMarbutaStemFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    TaMarbutaStemFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        int length = term.length();
        if (length > 3) {
            char last = term.charAt(length - 1);
            if (last == '\u0647' || last == '\u062A') {
                term.setLength(length - 1);
            }
        }
        return true;
    }
}
