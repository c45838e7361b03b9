package org.bayan.classify;

import java.util.List;

/**
 * The urgent lane's safety net: a small lexicon of present danger (weapons, fire, blood, drowning, abduction,
 * a person not breathing …) and of a call for help or "now", in the six varieties, written in normalized form
 * (see {@link TextNormalizer}: ة → ه, أ → ا, ى → ي, lower case, no accents).
 * <p>
 * It never decides alone: a message is pushed to urgent only when it names a danger AND calls for help or
 * says it is happening now, AND the model already gives urgent some probability (see
 * {@link CategorizerModel}). "Is it true a gang kidnaps children?" names a danger but asks about a rumor
 * (no "now", no call for help), and the model gives it little urgent probability: it stays a rumor.
 * <p>
 * Terms of four letters or more also match inside a word, which covers Arabic clitics (بالسكينه, والنار);
 * shorter ones must be whole words ("دم" is blood, but also part of many words).
 */
public final class UrgentLexicon {

    private static final List<String> DANGER = List.of(
            // Egyptian / MSA
            "سكينه", "سكاكين", "مطوه", "مطواه", "سلاح", "اسلحه", "مسدس", "خرطوش", "رصاص", "ضرب نار", "اطلاق نار",
            "طلق نار", "بينزف", "ينزف", "نزيف", "غرقان", "بيغرق", "يغرق", "غريق", "حريق", "حريقه", "بتولع", "مولعه",
            "ولعت", "دخان", "تسريب غاز", "ريحه غاز", "مخطوف", "خطفوا", "بيخطف", "اختطاف", "يختطف", "مغمي", "فاقد الوعي",
            "مش بيتنفس", "مبيتنفسش", "لا يتنفس", "بيموت", "هيموت", "يحتضر", "هيقتل", "بيقتل", "يقتل", "ذبح", "بيدبح",
            "انتحار", "ينتحر", "هينتحر", "هيرمي نفسه", "مصاب", "مصابين", "اصابات", "جريح", "جرحي", "بيعتدي", "يعتدي",
            "اعتداء", "طعن", "يطعن", "مطعون", "اغتصاب", "بيتحرش", "اقتحام", "كسروا الباب", "بيكسروا", "مسلح", "مسلحين",
            "سطو", "اختناق", "بيضربها", "بيضربوه", "بيضربني", "ضربوه", "نار ماسكه", "الدم", "خناقه", "بيتخانقوا",
            "طعنوه", "اتطعن", "بلطجيه", "بلطجي", "اتثبت", "بيثبتوا", "اتخطف", "اتخطفت", "اختفي", "اختفت", "تايه",
            "اتحرق", "محبوس جوه", "محبوسين", "محاصرين", "بيولعوا",
            // Darija
            "جنوي", "موس", "كيضرب", "كيقتل", "العافيه", "شعلات", "كينزف", "الشفاره", "هجمو", "كيتعدي", "مضروب",
            "كيموت", "طاح من", "مشرمل", "مشرملين", "كريساج", "الكريساج", "تكريسه", "شماكري", "ضاربين", "مقاتله",
            "مخطوفه", "تلف ليا", "غرقات", "كيتحرق",
            // English
            "knife", "stabbed", "stabbing", "gun", "shot", "shooting", "bleeding", "blood", "fire", "burning", "smoke",
            "gas leak", "drowning", "kidnapped", "kidnapping", "abducted", "abducting", "unconscious", "not breathing",
            "dying", "kill", "killing", "suicide", "attacking", "beating", "assault", "rape", "breaking in",
            "broke in", "burglar", "armed", "injured", "hurt", "overdose", "collapsed", "fight", "fighting", "trapped",
            "missing child", "choking", "robbed", "mugged",
            // French
            "couteau", "arme", "pistolet", "coups de feu", "sang", "saigne", "incendie", "feu", "fumee", "fuite de gaz",
            "se noie", "noyade", "enleve", "enlevement", "kidnappe", "inconscient", "respire plus", "tuer", "suicide",
            "agression", "agresse", "frappe", "viol", "cambrioleur", "cambriolage", "braquage", "blesse", "blesses",
            "bagarre", "poignarde", "disparu", "disparue", "coince", "coinces",
            // Arabizi
            "sekina", "sikina", "sekkina", "sakina", "jenwi", "mosadas", "msadas", "kaynzef", "byenzef", "7ari9a",
            "7ari2a", "7ar9a", "l3afya", "gher9", "ghere2", "ghar2an", "makhtouf", "makhtof", "khtfo", "khatfin",
            "y9tel", "ye2tel", "hay9tel", "kaydreb", "byedrab", "moussab", "masab", "mjra7", "dam", "khena2a",
            "5ena2a", "mdabza", "mcharmel", "mcharmlin", "krissage", "etkhataf", "et5ataf", "ta2eh", "tayh");

    private static final List<String> URGENCY = List.of(
            "الحقونا", "الحقوني", "الحقني", "الحقوا", "النجده", "انجدونا", "اغيثونا", "ساعدونا", "بسرعه", "حالا", "فورا",
            "دلوقتي", "دلوقت", "الان", "حاليا", "دابا", "توا", "عتقونا", "عتقوني", "عاجل", "الحين", "في هذه اللحظه",
            "help", "now", "asap", "hurry", "quick", "urgent", "emergency", "au secours", "aidez", "aide", "vite",
            "maintenant", "urgence", "en ce moment", "delwa2ty", "delwa2t", "dlwa2ty", "dlw2ty", "daba", "3te9ona",
            "3t9ona", "3tqona", "el72ona", "el7a2ona", "el7a2ny", "il7a2ona", "be sor3a", "bsor3a", "b sor3a", "7alan",
            "dghya", "dghia", "db", "122", "19", "17", "999", "911", "112", "ابعتوا", "تعالوا", "حد يجي", "ارسلوا",
            "صيفطو", "اجيو", "please hurry", "come quick", "venez", "envoyez", "vite svp", "sifto", "ajiw",
            "ta3alo", "eb3ato", "حد يلحق", "يا ناس", "ya nas");

    private static final List<String> DANGER_PATTERNS = patterns(DANGER);
    private static final List<String> URGENCY_PATTERNS = patterns(URGENCY);

    private UrgentLexicon() {
    }

    /** True when normalized tokens name a present danger and a call for help or "now". */
    public static boolean matches(String[] tokens) {
        String joined = " " + String.join(" ", tokens) + " ";
        return hit(joined, DANGER_PATTERNS) && hit(joined, URGENCY_PATTERNS);
    }

    private static boolean hit(String joined, List<String> patterns) {
        for (String pattern : patterns) {
            if (joined.contains(pattern)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Normalized terms as substrings to look for in the space-joined tokens: Arabic-script terms of four letters
     * or more as they are, so they match inside words and clitics (و ب ال) do not hide them; everything else
     * (Latin script, short words) between spaces, so whole words only ("shot" must not match "screenshot").
     */
    private static List<String> patterns(List<String> terms) {
        return terms.stream().map(TextNormalizer::normalize)
                .map(t -> t.length() >= 4 && BayanFeatureGenerator.isArabic(t) ? t : " " + t + " ")
                .distinct().toList();
    }
}
