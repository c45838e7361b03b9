package org.bayan.classify;

import org.apache.lucene.analysis.ar.ArabicNormalizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one text normalization of Bayan, shared by classification and search, so that a message and a query
 * written with different spellings meet:
 * <ul>
 *   <li>Unicode NFKC (presentation forms and ligatures become plain letters);</li>
 *   <li>Arabic: أ إ آ → ا, ى → ي, ة → ه, diacritics and tatweel removed (Lucene's {@link ArabicNormalizer});</li>
 *   <li>any script's decimal digits (Arabic-Indic ٠١٢, Persian ۰۱۲) → ASCII;</li>
 *   <li>Latin lower-cased and stripped of accents (é → e: people type French both ways);</li>
 *   <li>elongation collapsed: a letter repeated three or more times counts once (ياااارب → يارب, pleeease → please);</li>
 *   <li>letters Maghrebi and Persian writers add for sounds Arabic lacks fold to the letter others write:
 *       گ ڭ ک → ك, ڤ ڥ → ف, پ → ب, چ → ج, ی → ي (الپاركينگ and الباركينك meet);</li>
 *   <li>invisible format characters (RTL/LTR marks, zero-width joiners, BOM) removed.</li>
 * </ul>
 * Arabizi is left as written apart from lower-casing: its digits are letters (3 = ع, 7 = ح) and carry meaning.
 * For classification, {@link #forClassification} also replaces links, e-mail addresses and phone numbers
 * by the placeholder tokens {@code urltoken}, {@code emailtoken}, {@code phonetoken}: a link is a signal of
 * its own (phishing), its exact address is noise. Thread-safe and allocation-light.
 */
public final class TextNormalizer {

    public static final String URL = "urltoken";
    public static final String EMAIL = "emailtoken";
    public static final String PHONE = "phonetoken";

    private static final Pattern URL_PATTERN = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)\\S+|\\b[a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9-]{1,63})*"
                    + "\\.(?:com|net|org|info|biz|xyz|top|site|online|link|ly|ma|eg|dz|tn|fr|me|io|co|app|shop|club)"
                    + "(?:/\\S*)?\\b");
    private static final Pattern EMAIL_PATTERN = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    /** Eight or more digits, possibly with a leading + and separated by spaces, dots or dashes. */
    private static final Pattern PHONE_PATTERN = Pattern.compile("\\+?\\d(?:[\\s.-]?\\d){7,}");

    private static final ArabicNormalizer ARABIC = new ArabicNormalizer();

    private TextNormalizer() {
    }

    /** Character-level normalization (no placeholders): what search indexes and queries go through. */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        char[] chars = nfkc.toCharArray();
        int length = ARABIC.normalize(chars, chars.length);
        StringBuilder out = new StringBuilder(length);
        int run = 0;
        int last = -1;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (isInvisible(c) || isArabicMark(c)) {
                continue;
            }
            c = foldExtendedArabic(c);
            if (Character.isDigit(c) && c > '9') {
                c = (char) ('0' + Character.digit(c, 10));
            } else if (c < 0x0250 && Character.isLetter(c)) {
                c = foldLatin(c);
            } else if (Character.isWhitespace(c)) {
                c = ' ';
            }
            if (c == ' ' && (out.length() == 0 || out.charAt(out.length() - 1) == ' ')) {
                continue;
            }
            if (c == last && Character.isLetter(c)) {
                run++;
                if (run >= 2) {
                    // third and later repeats: drop them, and drop the second one kept so far
                    if (run == 2) {
                        out.setLength(out.length() - 1);
                    }
                    continue;
                }
            } else {
                run = 0;
            }
            last = c;
            out.append(c);
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') {
            out.setLength(end - 1);
        }
        return out.toString();
    }

    /** {@link #normalize} plus placeholders for links, e-mail addresses and phone numbers. */
    public static String forClassification(String text) {
        String normalized = normalize(text);
        if (normalized.indexOf('@') >= 0) {
            normalized = EMAIL_PATTERN.matcher(normalized).replaceAll(" " + EMAIL + " ");
        }
        if (normalized.indexOf('.') >= 0 || normalized.indexOf('/') >= 0) {
            normalized = URL_PATTERN.matcher(normalized).replaceAll(" " + URL + " ");
        }
        normalized = PHONE_PATTERN.matcher(normalized).replaceAll(" " + PHONE + " ");
        return normalized;
    }

    /**
     * Splits normalized text into tokens: runs of letters, digits and combining marks are words; each emoji or
     * other symbol is a token of its own; punctuation, {@code #} and {@code @} separate.
     */
    public static String[] tokenize(String normalized) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < normalized.length()) {
            int cp = normalized.codePointAt(i);
            int width = Character.charCount(cp);
            if (isWordChar(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else {
                if (start >= 0) {
                    tokens.add(normalized.substring(start, i));
                    start = -1;
                }
                if (isSymbol(cp)) {
                    tokens.add(new String(Character.toChars(cp)));
                }
            }
            i += width;
        }
        if (start >= 0) {
            tokens.add(normalized.substring(start));
        }
        return tokens.toArray(String[]::new);
    }

    /** Normalize, substitute placeholders, tokenize: the categorizer's input. */
    public static String[] classificationTokens(String text) {
        return tokenize(forClassification(text));
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    /** Emojis and other pictographs: kept, they carry tone (🚨 🙏 😂). Variation selectors are dropped. */
    private static boolean isSymbol(int cp) {
        int type = Character.getType(cp);
        return (type == Character.OTHER_SYMBOL || type == Character.SURROGATE) && !(cp >= 0xFE00 && cp <= 0xFE0F);
    }

    private static boolean isInvisible(char c) {
        return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF'
                || c == '\u00AD' || c == '\u061C';
    }

    /** Arabic marks the Lucene normalizer leaves: Quranic annotation signs, superscript alef, small high letters. */
    private static boolean isArabicMark(char c) {
        return (c >= '\u0610' && c <= '\u061A') || (c >= '\u064B' && c <= '\u065F') || c == '\u0670'
                || (c >= '\u06D6' && c <= '\u06ED');
    }

    private static char foldExtendedArabic(char c) {
        return switch (c) {
            case '\u06AF', '\u06AD', '\u06A9' -> '\u0643'; // گ ڭ ک → ك
            case '\u06A4', '\u06A5' -> '\u0641';           // ڤ ڥ → ف
            case '\u067E' -> '\u0628';                      // پ → ب
            case '\u0686' -> '\u062C';                      // چ → ج
            case '\u06CC' -> '\u064A';                      // ی → ي
            default -> c;
        };
    }

    private static char foldLatin(char c) {
        char lower = Character.toLowerCase(c);
        if (lower < 0x00C0) {
            return lower;
        }
        String decomposed = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD);
        char base = decomposed.charAt(0);
        return base < 0x0250 ? base : lower;
    }
}
