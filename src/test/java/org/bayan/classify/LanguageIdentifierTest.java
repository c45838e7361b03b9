package org.bayan.classify;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LanguageIdentifierTest {

    private static LanguageIdentifier languages;
    private static final Variety[] ORDER = {Variety.MSA, Variety.EGY, Variety.MAR, Variety.ARABIZI, Variety.EN, Variety.FR};

    @BeforeAll
    static void load() {
        languages = new LanguageIdentifier();
    }

    @Test
    void shouldCallTextWithoutLettersUndetermined() {
        assertEquals(new LanguageIdentifier.Identification("und", Variety.UND), languages.identify("🙏🙏 👍", scores(0), ORDER));
        assertEquals("und", languages.identify("0100 123 4567", scores(0), ORDER).language());
    }

    @Test
    void shouldCallArabicScriptArabicAndTakeTheVarietyFromTheModelAmongArabicScriptVarieties() {
        // the variety model's scores say Darija most, Arabizi second: Arabizi is impossible in Arabic script
        double[] scores = {0.05, 0.1, 0.5, 0.3, 0.03, 0.02};
        assertEquals(new LanguageIdentifier.Identification("ar", Variety.MAR), languages.identify("واش بصح هاد الخبر", scores, ORDER));
    }

    @Test
    void shouldCallLatinScriptArabicArabiziWhenTheDetectorCannotPlaceIt() {
        double[] scores = {0.01, 0.01, 0.01, 0.9, 0.04, 0.03};
        assertEquals(new LanguageIdentifier.Identification("ar", Variety.ARABIZI),
                languages.identify("wach s7i7 kayn 3isaba katkhtaf drari f casa", scores, ORDER));
    }

    @Test
    void shouldTrustTheDetectorForEnglishAndFrenchWhenTheVarietyModelIsUnsure() {
        double[] arabiziScores = {0.01, 0.01, 0.01, 0.5, 0.25, 0.23};
        assertEquals("en", languages.identify("Someone stole my passport at the train station yesterday evening", arabiziScores, ORDER).language());
        assertEquals("fr", languages.identify("Bonjour, on m'a vole mon passeport a la gare hier soir, que dois-je faire", arabiziScores, ORDER).language());
    }

    @Test
    void shouldKeepArabiziThatTheVarietyModelIsSureOfEvenWhenTheDetectorSaysEnglish() {
        double[] sureArabizi = {0.01, 0.01, 0.01, 0.9, 0.04, 0.03};
        assertEquals(new LanguageIdentifier.Identification("ar", Variety.ARABIZI),
                languages.identify("please help el police msh rad3a 3alaya and my phone got stolen", sureArabizi, ORDER));
    }

    @Test
    void shouldCallBalancedArabicAndLatinMixed() {
        assertEquals(new LanguageIdentifier.Identification("ar", Variety.MIXED),
                languages.identify("ضاعت مني la carte grise و le permis ف الطوبيس", scores(0), ORDER));
    }

    private static double[] scores(int best) {
        double[] s = new double[ORDER.length];
        s[best] = 1;
        return s;
    }
}
