package org.bayan.classify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TextNormalizerTest {

    @Test
    void shouldUnifyAlefVariants() {
        assertEquals("احمد اسلام امال", TextNormalizer.normalize("أحمد إسلام آمال"));
    }

    @Test
    void shouldMapAlefMaqsuraToYaAndTaMarbutaToHa() {
        assertEquals("مستشفي البطاقه", TextNormalizer.normalize("مستشفى البطاقة"));
    }

    @Test
    void shouldRemoveDiacriticsAndTatweel() {
        assertEquals("محمد", TextNormalizer.normalize("مُحَمَّد"));
        assertEquals("الشرطه", TextNormalizer.normalize("الشـــرطة"));
    }

    @Test
    void shouldCollapseElongationButKeepDoubleLetters() {
        assertEquals("يارب", TextNormalizer.normalize("ياااااارب"));
        assertEquals("please help", TextNormalizer.normalize("pleeeeease help"));
        assertEquals("cool", TextNormalizer.normalize("cool"));
        assertEquals("الله", TextNormalizer.normalize("الله"));
    }

    @Test
    void shouldTurnArabicIndicAndPersianDigitsIntoAscii() {
        assertEquals("0123456789", TextNormalizer.normalize("٠١٢٣٤٥٦٧٨٩"));
        assertEquals("122", TextNormalizer.normalize("۱۲۲"));
    }

    @Test
    void shouldLowerCaseAndFoldLatinAccents() {
        assertEquals("j'ai perdu ma carte a la gare", TextNormalizer.normalize("J'ai PERDU ma carte à la Gare"));
        assertEquals("securite", TextNormalizer.normalize("Sécurité"));
    }

    @Test
    void shouldLeaveArabiziAsWrittenApartFromLowerCase() {
        assertEquals("wach s7i7 kayn 3isaba f casa", TextNormalizer.normalize("Wach S7i7 kayn 3isaba f Casa"));
        assertEquals("el beta2a ets2ret", TextNormalizer.normalize("El Beta2a ets2ret"));
    }

    @Test
    void shouldFoldMaghrebiAndPersianLetters() {
        assertEquals("الباركينك", TextNormalizer.normalize("الپاركينگ"));
        assertEquals("فيلا", TextNormalizer.normalize("ڤيلا"));
    }

    @Test
    void shouldApplyNfkcToPresentationForms() {
        // U+FEFB is the lam-alef ligature presentation form
        assertEquals("لا", TextNormalizer.normalize("\uFEFB"));
    }

    @Test
    void shouldDropInvisibleDirectionAndJoinerMarks() {
        assertEquals("help me", TextNormalizer.normalize("\u200Fhelp\u200D me\u202B"));
    }

    @Test
    void shouldReplaceLinksEmailsAndPhonesByPlaceholders() {
        assertEquals("click urltoken now", TextNormalizer.forClassification("click https://bit.ly/3xYz now").replaceAll("\\s+", " ").trim());
        assertEquals("urltoken", TextNormalizer.forClassification("gift-ministry.com/win").trim());
        assertEquals("mail emailtoken", TextNormalizer.forClassification("mail fraud@example.org").replaceAll("\\s+", " ").trim());
        assertEquals("كلمني phonetoken", TextNormalizer.forClassification("كلمني ٠١٠١ ٢٣٤ ٥٦٧٨").replaceAll("\\s+", " ").trim());
        assertEquals("call phonetoken", TextNormalizer.forClassification("call +212 6 12 34 56 78").replaceAll("\\s+", " ").trim());
        assertEquals("fine 5000 dh in 2026", TextNormalizer.forClassification("fine 5000 dh in 2026"));
    }

    @Test
    void shouldKeepEmojisAsTokensAndSplitOnPunctuation() {
        assertArrayEquals(new String[]{"الحقونا", "🚨", "🚨", "حريقه"},
                TextNormalizer.classificationTokens("الحقونا🚨🚨 حريقة!!!"));
        assertArrayEquals(new String[]{"الداخليه", "شكرا", "🙏"},
                TextNormalizer.classificationTokens("#الداخلية، شكرا 🙏"));
    }

    @Test
    void shouldHandleEmptyAndNull() {
        assertEquals("", TextNormalizer.normalize(null));
        assertEquals(0, TextNormalizer.classificationTokens("   ").length);
    }
}
