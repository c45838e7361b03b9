package org.bayan.rumor;

import java.util.HashMap;
import java.util.Map;

/**
 * A consonant skeleton of a word in one Latin alphabet (نصر, nasr, Nasr → {@code nsr}), which carries place
 * names and loanwords the gazetteer lacks across scripts. {@link ClaimVectors} adds it to the character grams;
 * concepts and places themselves come from the resource lexicons ({@link ClaimSignatures}).
 */
final class CrossScript {

    private static final Map<Character, String> ARABIC = new HashMap<>();

    static {
        String[][] map = {{"ب", "b"}, {"ت", "t"}, {"ث", "t"}, {"ج", "j"}, {"ح", "h"}, {"خ", "k"}, {"د", "d"}, {"ذ", "d"},
                {"ر", "r"}, {"ز", "z"}, {"س", "s"}, {"ش", "s"}, {"ص", "s"}, {"ض", "d"}, {"ط", "t"}, {"ظ", "z"},
                {"غ", "g"}, {"ف", "f"}, {"ق", "k"}, {"ك", "k"}, {"ل", "l"}, {"م", "m"}, {"ن", "n"}, {"ه", "h"},
                {"و", "w"}, {"ي", "y"}, {"ا", ""}, {"ء", ""}, {"ع", ""}, {"ئ", ""}, {"ؤ", ""}};
        for (String[] pair : map) {
            ARABIC.put(pair[0].charAt(0), pair[1]);
        }
    }

    private CrossScript() {
    }

    /** Consonants in one Latin alphabet, final h/t dropped (ta marbuta / feminine -et). */
    static String skeleton(String token) {
        StringBuilder out = new StringBuilder();
        char first = token.charAt(0);
        if (first >= '\u0600' && first <= '\u06FF') {
            String t = token.startsWith("ال") && token.length() > 4 ? token.substring(2) : token;
            for (int i = 0; i < t.length(); i++) {
                String mapped = ARABIC.get(t.charAt(i));
                if (mapped != null) {
                    out.append(mapped);
                }
            }
        } else {
            String t = token.startsWith("el") && token.length() > 4 ? token.substring(2) : token;
            t = t.replace("sh", "s").replace("ch", "s").replace("kh", "k").replace("gh", "g").replace("th", "t")
                    .replace("dh", "d").replace("ou", "w").replace("q", "k").replace("c", "k").replace("x", "ks");
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                switch (c) {
                    case 'a', 'e', 'i', 'o', 'u', 'y', '2', '3' -> { }
                    case '7' -> out.append('h');
                    case '5' -> out.append('k');
                    case '9' -> out.append('k');
                    case '8' -> out.append('g');
                    case 'p' -> out.append('b');
                    case 'v' -> out.append('f');
                    default -> {
                        if (Character.isLetter(c)) {
                            out.append(c);
                        }
                    }
                }
            }
        }
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == 'h' || out.charAt(end - 1) == 't') && end > 3) {
            end--;
            break;
        }
        out.setLength(end);
        // collapse doubled consonants (mm, ll) that one script writes and the other does not
        return out.toString().replaceAll("(.)\\1+", "$1");
    }
}
