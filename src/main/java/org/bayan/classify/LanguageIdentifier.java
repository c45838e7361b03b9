package org.bayan.classify;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Language (ar, en, fr, und) and variety (msa, egy, mar, arabizi, en, fr, mixed, und) of a message.
 * <p>
 * Language comes from OpenNLP's pre-trained detector ({@code opennlp-models-langdetect}, 103 languages),
 * with the help it needs on this page's traffic, measured in the model report: it was never trained on
 * Arabizi, so Latin-script Arabic comes out as Indonesian, Tagalog, Somali …; and short messages are noisy.
 * So: Arabic script is Arabic; Latin script the variety model is sure is Arabizi is Arabic; other Latin
 * script the detector calls English or French (with a clear lead) is that; the rest goes by the variety model. Variety comes from
 * Bayan's own small model trained on the corpus ({@code bayan-variety-<version>.bin}), restricted to the
 * varieties the script allows. Text with fewer than two letters (emoji, a number) is {@code und}.
 */
public final class LanguageIdentifier {

    private static final Set<Variety> ARABIC_SCRIPT = Set.of(Variety.MSA, Variety.EGY, Variety.MAR);
    private static final Set<Variety> LATIN_SCRIPT = Set.of(Variety.ARABIZI, Variety.EN, Variety.FR);
    /** Share of the minority script above which a message counts as mixed. */
    private static final double MIXED_SHARE = 0.25;
    /**
     * The detector spreads probability over 103 languages, so even a clear answer has a small absolute
     * confidence (about 0.04 for a plain English sentence); what tells a sure answer is its lead over the
     * runner-up (1.8× there, about 1.05× on Arabizi it cannot place).
     */
    private static final double DETECTOR_LEAD = 1.5;
    /**
     * Arabizi often looks like English to the detector (el, ana, help, police …); when Bayan's variety model is
     * this sure of Arabizi, it wins.
     */
    private static final double SURE_ARABIZI = 0.8;

    private final LanguageDetectorModel detectorModel;
    private final ThreadLocal<LanguageDetectorME> detector;

    public record Identification(String language, Variety variety) {
    }

    public LanguageIdentifier() {
        try (InputStream in = LanguageIdentifier.class.getClassLoader().getResourceAsStream("langdetect-183.bin")) {
            if (in == null) {
                throw new IllegalStateException("langdetect-183.bin is not on the classpath (opennlp-models-langdetect)");
            }
            detectorModel = new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // LanguageDetectorME is not documented as thread-safe: one per thread over the shared model.
        detector = ThreadLocal.withInitial(() -> new LanguageDetectorME(detectorModel));
    }

    /**
     * @param text          the message as written
     * @param varietyScores the variety model's probabilities, indexed by {@code varietyOrder}
     */
    public Identification identify(String text, double[] varietyScores, Variety[] varietyOrder) {
        int arabic = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0600' && c <= '\u06FF' && Character.isLetter(c)) {
                arabic++;
            } else if (c < 0x0250 && Character.isLetter(c)) {
                latin++;
            }
        }
        int letters = arabic + latin;
        if (letters < 2) {
            return new Identification("und", Variety.UND);
        }
        if (arabic > 0 && latin > 0 && Math.min(arabic, latin) >= MIXED_SHARE * letters) {
            return new Identification("ar", Variety.MIXED);
        }
        if (arabic >= latin) {
            return new Identification("ar", best(varietyScores, varietyOrder, ARABIC_SCRIPT));
        }
        Variety latinVariety = best(varietyScores, varietyOrder, LATIN_SCRIPT);
        if (latinVariety == Variety.ARABIZI && score(varietyScores, varietyOrder, Variety.ARABIZI) >= SURE_ARABIZI) {
            return new Identification("ar", Variety.ARABIZI);
        }
        Language[] ranked = detector.get().predictLanguages(text);
        String code = ranked.length == 0 ? "" : ranked[0].getLang();
        boolean confident = ranked.length > 1 && ranked[0].getConfidence() >= DETECTOR_LEAD * ranked[1].getConfidence();
        if (confident && code.equals("eng")) {
            return new Identification("en", latinVariety == Variety.ARABIZI ? Variety.EN : latinVariety);
        }
        if (confident && code.equals("fra")) {
            return new Identification("fr", latinVariety == Variety.ARABIZI ? Variety.FR : latinVariety);
        }
        // The detector knows no Arabizi: trust the corpus-trained variety model for Latin-script Arabic.
        return new Identification(latinVariety.language, latinVariety);
    }

    /** The detector's raw answer, for the report's check of where it needs help. */
    public String rawLanguage(String text) {
        Language detected = detector.get().predictLanguage(text);
        return detected == null ? "none" : detected.getLang();
    }

    private static double score(double[] scores, Variety[] order, Variety variety) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] == variety) {
                return scores[i];
            }
        }
        return 0;
    }

    private static Variety best(double[] scores, Variety[] order, Set<Variety> allowed) {
        Variety best = null;
        double bestScore = -1;
        for (int i = 0; i < order.length; i++) {
            if (allowed.contains(order[i]) && scores[i] > bestScore) {
                best = order[i];
                bestScore = scores[i];
            }
        }
        return best == null ? allowed.iterator().next() : best;
    }
}
