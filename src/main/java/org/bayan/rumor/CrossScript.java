package org.bayan.rumor;

import org.bayan.classify.TextNormalizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Features that cross scripts, so that a claim written in Arabic, Arabizi, English and French can meet:
 * <ul>
 *   <li>a consonant skeleton of every word in one Latin alphabet (نصر, nasr, Nasr → {@code nsr}), which carries
 *       place names and loanwords across scripts;</li>
 *   <li>concepts: a small multilingual lexicon of what rumors are about (kidnapping, fees, prisons, poison,
 *       exams, bridges …), each variant mapped to one concept id.</li>
 * </ul>
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

    /** concept id → variants (normalized; Arabic ones match as word stems, Latin ones as word prefixes). */
    private static final Map<String, List<String>> CONCEPTS = Map.ofEntries(
            Map.entry("kidnap", List.of("خطف", "يخطف", "بيخطف", "تخطف", "بتخطف", "اختطاف", "يختطف", "كيختطف", "كتختطف", "كيخطف", "كتخطف", "مخطوف",
                    "khatf", "khtaf", "5atf", "5tf", "bey5tef", "beyekhtef", "katkhtaf", "kaykhtaf", "kidnap", "abduct", "enlev", "rapt", "kidnapp")),
            Map.entry("child", List.of("اطفال", "طفل", "عيال", "ولاد", "دراري", "الدراري", "صغار", "tifl", "atfal", "3eyal", "3yal", "drari", "child", "kids", "kid", "enfant", "gosse")),
            Map.entry("van", List.of("ميكروباص", "فان", "عربيه", "سياره", "طوموبيل", "microbus", "minibus", "van", "voiture", "car", "tomobil", "3arabeya", "logan", "داسيا", "dacia")),
            Map.entry("white", List.of("ابيض", "بيضا", "بيضاء", "بيض", "بيضه", "abyad", "bayda", "bida", "white", "blanc", "blanche")),
            Map.entry("organ", List.of("اعضاء", "اعضاءهم", "كلي", "كليه", "a3da2", "organ", "organe", "rein", "kidney")),
            Map.entry("fee", List.of("رسوم", "رسم", "سعر", "ثمن", "غرامه", "مخالفه", "تمن", "bgad", "fee", "fees", "price", "cost", "frais", "prix", "cout", "tarif", "amende", "fine")),
            Map.entry("passport", List.of("جواز", "جوازات", "باسبور", "الباسبور", "بسبور", "passport", "passeport", "paspor", "basbor")),
            Map.entry("licence", List.of("رخصه", "الرخصه", "رخص", "بيرمي", "البيرمي", "licence", "license", "permis", "rokhsa", "ro5sa", "permi")),
            Map.entry("idcard", List.of("بطاقه", "البطاقه", "بطايق", "cnie", "cin", "beta2a", "bita9a", "carte", "card", "identite")),
            Map.entry("curfew", List.of("حظر", "تجول", "حجر", "couvre", "curfew", "lockdown", "7azr", "confinement")),
            Map.entry("video", List.of("فيديو", "الفيديو", "فيديوهات", "video", "vidéo", "fidyo", "vid")),
            Map.entry("old", List.of("قديم", "قديمه", "9dim", "2adim", "old", "ancien", "ancienne", "vieille")),
            Map.entry("prison", List.of("سجن", "السجن", "سجون", "حبس", "الحبس", "sijn", "sign", "7abs", "prison", "jail", "زنزانه")),
            Map.entry("escape", List.of("هروب", "هرب", "هربوا", "فرار", "هربو", "horoob", "hrob", "hrbo", "escape", "evad", "evas", "fuite", "fled")),
            Map.entry("poison", List.of("سم", "مسموم", "مسمومه", "مخدر", "تسمم", "مدروق", "poison", "drogu", "mesmom", "msmom", "drug", "toxic")),
            Map.entry("sweets", List.of("حلوي", "بونبون", "حلويات", "شوكولا", "candy", "sweets", "bonbon", "chocolat", "7alwa", "bonbons")),
            Map.entry("school", List.of("مدرسه", "مدارس", "المدرسه", "مدرسة", "school", "ecole", "madrasa", "mdrasa", "lycee", "college")),
            Map.entry("exam", List.of("امتحان", "امتحانات", "ثانويه", "باك", "تسريب", "exam", "examen", "bac", "leak", "fuite", "thanaweya", "imti7an", "emte7an")),
            Map.entry("camera", List.of("كاميرا", "كاميرات", "رادار", "الرادار", "camera", "radar", "kamera")),
            Map.entry("arrest", List.of("قبض", "اعتقال", "حبس", "يتحبس", "هيتحبس", "توقيف", "arrest", "arret", "interpel", "chd", "ched", "t9bed")),
            Map.entry("tiktok", List.of("تيك", "تيكتوك", "tiktok", "tik")),
            Map.entry("bridge", List.of("كوبري", "جسر", "القنطره", "pont", "bridge", "kobry", "kobri")),
            Map.entry("closed", List.of("اغلاق", "قفل", "مقفول", "يتقفل", "سد", "مسدود", "closed", "close", "ferm", "2afl", "msdod", "ma9fol")),
            Map.entry("recruit", List.of("تجنيد", "توظيف", "مباراه", "مسابقه", "تعيينات", "recrut", "recruit", "concours", "jobs", "وظائف")),
            Map.entry("shooting", List.of("اطلاق", "رصاص", "ضرب نار", "نار", "shoot", "gun", "tir", "fusillade", "rsas")),
            Map.entry("mall", List.of("مول", "mall", "centre", "morocco mall", "city")),
            Map.entry("money", List.of("فلوس", "عمله", "ورقه", "مزوره", "مزيف", "200", "fake", "faux", "billet", "flous", "floss", "note", "notes")),
            Map.entry("gang", List.of("عصابه", "عصابات", "gang", "3isaba", "3esaba", "bande", "3sba")));

    private static final Map<String, String> ARABIC_VARIANTS = new HashMap<>();
    private static final Map<String, String> LATIN_VARIANTS = new HashMap<>();

    static {
        // Sorted, so that a variant listed under two concepts always resolves the same way (Map.of order varies per run).
        new java.util.TreeMap<>(CONCEPTS).forEach((concept, variants) -> {
            for (String variant : variants) {
                String normalized = TextNormalizer.normalize(variant);
                if (!normalized.isEmpty() && normalized.charAt(0) >= '\u0600' && normalized.charAt(0) <= '\u06FF') {
                    ARABIC_VARIANTS.put(normalized, concept);
                } else {
                    LATIN_VARIANTS.put(normalized, concept);
                }
            }
        });
    }

    private CrossScript() {
    }

    /** Skeleton and concept features of one normalized token. */
    static List<String> features(String token) {
        List<String> out = new ArrayList<>(2);
        String skeleton = skeleton(token);
        if (skeleton.length() >= 3) {
            out.add("k=" + skeleton);
        }
        String concept = concept(token);
        if (concept != null) {
            out.add("c=" + concept);
        }
        return out;
    }

    static String concept(String token) {
        if (token.isEmpty()) {
            return null;
        }
        if (token.charAt(0) >= '\u0600' && token.charAt(0) <= '\u06FF') {
            String direct = ARABIC_VARIANTS.get(token);
            if (direct != null) {
                return direct;
            }
            // clitics: و ب ف ل ك ال and common prefix combinations
            for (String prefix : new String[]{"وال", "بال", "فال", "لل", "ال", "و", "ب", "ف", "ل", "ك"}) {
                if (token.startsWith(prefix) && token.length() > prefix.length() + 1) {
                    String rest = ARABIC_VARIANTS.get(token.substring(prefix.length()));
                    if (rest != null) {
                        return rest;
                    }
                }
            }
            return null;
        }
        for (int length = token.length(); length >= 3; length--) {
            String concept = LATIN_VARIANTS.get(token.substring(0, length));
            if (concept != null) {
                return concept;
            }
        }
        return null;
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
