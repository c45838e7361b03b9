package org.bayan.rumor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimSignaturesTest {

    private final ClaimSignatures signatures = ClaimSignatures.standard();

    @Test
    void shouldReadKidnappingInEveryVariety() {
        for (String text : List.of(
                "بجد فيه راجل بيخطف العيال في السوق؟",
                "هل صحيح اختطاف طفلة من أمام منزلها؟",
                "واش بصح كاين شي واحد كيختطف الدراري؟",
                "el ragel da bey5tef el 3eyal s7?",
                "wach s7i7 kaykhtaf lbnat?",
                "Is it true a man is kidnapping kids at the market?",
                "C'est vrai qu'un homme enlève des enfants au marché ?")) {
            assertTrue(signatures.extract(text).concepts().contains("event:kidnap"), text);
        }
    }

    @Test
    void shouldResolveLandmarkBeforeTheCityInsideItsName() {
        ClaimSignature bridge = signatures.extract("هل صحيح إن كوبري 6 أكتوبر هيتقفل؟");
        assertEquals(java.util.Set.of("eg/cairo/6october-bridge"), bridge.places());
        assertTrue(bridge.concepts().contains("object:bridge"), "a bridge's name says it is a bridge");
        assertFalse(bridge.concepts().contains("num:6"), "the 6 of the name is not a number of the claim");

        ClaimSignature city = signatures.extract("Was there a shooting in 6th of October City?");
        assertEquals(java.util.Set.of("eg/giza/6october"), city.places());
    }

    @Test
    void shouldNotReadTheColourInsideCasablanca() {
        ClaimSignature casa = signatures.extract("واش بصح كاين شفار فالدار البيضاء؟");
        assertEquals(java.util.Set.of("ma/casablanca"), casa.places());
        assertFalse(casa.concepts().contains("attr:white"));
    }

    @Test
    void shouldNotReadTheTeacherAsAStadiumNorAProtestAsChicken() {
        // "lostad" (the teacher) contains "stad", "i7tijaj" (protest) contains "jaj" (chicken): whole words only
        assertFalse(signatures.extract("wach s7i7 lostad darb tilmid f lmadrasa?").concepts().contains("object:stadium"));
        assertFalse(signatures.extract("kayn i7tijaj 9dam lbarlaman?").concepts().contains("object:food"));
        assertTrue(signatures.extract("wach s7i7 ghadi ysedo stad Mohammed V?").concepts().contains("object:stadium"));
        assertTrue(signatures.extract("djaj mkhdr kaytba3 f souk?").concepts().contains("object:food"));
    }

    @Test
    void shouldReadNumbersInDigitsAndWords() {
        assertTrue(signatures.extract("الرسوم بقت 5 آلاف جنيه؟").concepts().contains("num:5000"));
        assertTrue(signatures.extract("الباسبور بقى بألفين جنيه؟").concepts().contains("num:2000"));
        assertTrue(signatures.extract("a 10k fine for smoking?").concepts().contains("num:10000"));
        assertTrue(signatures.extract("wach 200dh mzowra?").concepts().contains("num:200"));
    }

    @Test
    void shouldPinTheCountryFromCurrencyOrDemonym() {
        assertEquals("ma", signatures.extract("هل صحيح غرامة 300 درهم؟").country());
        assertEquals("eg", signatures.extract("هل صحيح غرامة 300 جنيه؟").country());
        assertEquals("eg", signatures.extract("le passeport égyptien coûte plus cher ?").country());
    }

    @Test
    void shouldGuessTheDialectWhenNoPlaceIsNamed() {
        ClaimSignature darija = signatures.extract("واش بصح غادي يزيدو فالغرامة ديال السرعة؟");
        assertNull(darija.country());
        assertEquals("ma", darija.likelyCountry());
        assertEquals("eg", signatures.extract("بجد الغرامة هتزيد عشان السرعة؟").likelyCountry());
    }

    @Test
    void shouldNotTakeTheSunsetPrayerForMorocco() {
        ClaimSignature s = signatures.extract("بجد الكافيهات هتقفل بعد المغرب؟");
        assertFalse(s.places().contains("ma"));
        assertNull(s.country());
    }

    @Test
    void shouldTreatPoisonedAndDruggedSweetsAsOneConcept() {
        assertTrue(signatures.extract("حلويات مسممة قدام المدرسة؟").concepts().contains("event:poisoning"));
        assertTrue(signatures.extract("kids given drugged sweets at school?").concepts().contains("event:poisoning"));
    }

    @Test
    void shouldReadAWordAsWrittenBeforeReadingItWithAClitic() {
        // كسيدة is the Darija accident, not ك + سيدة (a woman); فاسد is spoiled, not ف + اسد (a lion)
        ClaimSignature crash = signatures.extract("دار كسيدة فالطريق السيار");
        assertTrue(crash.concepts().contains("event:accident"));
        assertFalse(crash.concepts().contains("object:women"), crash.concepts().toString());
        ClaimSignature fish = signatures.extract("الحوت فاسد فالسوق");
        assertTrue(fish.concepts().contains("event:adulteration"));
        assertFalse(fish.concepts().contains("object:lion"), fish.concepts().toString());
        // a cut reading still counts when the word as written names nothing: بالسم is ب + السم
        assertTrue(signatures.extract("حلويات بالسم قدام المدرسة؟").concepts().contains("event:poisoning"));
        assertTrue(signatures.extract("شفت سيدة بتخطف طفل").concepts().contains("object:women"));
    }

    @Test
    void shouldNotReadEverydayWordsAsAClaimOnceACliticOrArticleIsCut() {
        assertFalse(signatures.extract("بسم الله الرحمن الرحيم، ضاعت مني البطاقة").concepts().contains("event:poisoning"));
        assertFalse(signatures.extract("الزوج بتاعها اتصل بيا").concepts().contains("num:2"));
        assertTrue(signatures.extract("جوج دراري تخطفو").concepts().contains("num:2"));
        assertFalse(signatures.extract("Elle avait les larmes aux yeux au commissariat").concepts().contains("object:firearm"));
        assertTrue(signatures.extract("des armes dans le tramway ?").concepts().contains("object:firearm"));
    }

    @Test
    void shouldNotReadATiredChildMerchantsOrTheFluAsAClaim() {
        // ta3ban is "tired" in Egyptian Arabizi, the snake is to3ban; التجار are merchants and التجارية commercial,
        // not trafficking; a flu virus is not hacking
        ClaimSignature tired = signatures.extract("ibni ta3ban men embare7 w el 7arara 3alya, a3mel eh?");
        assertFalse(tired.concepts().contains("object:snake"));
        assertFalse(tired.concepts().contains("object:animal"));
        assertTrue(signatures.extract("fe to3ban kbeer fel madrasa?").concepts().contains("object:snake"));

        assertFalse(signatures.extract("التجار في السوق رفعوا الأسعار").concepts().contains("object:trafficking"));
        assertFalse(signatures.extract("حريق في أحد المراكز التجارية؟").concepts().contains("object:trafficking"));
        assertTrue(signatures.extract("هل صحيح عصابة تجارة أعضاء؟").concepts().contains("object:trafficking"));

        assertFalse(signatures.extract("le virus de la grippe circule à l'école ?").concepts().contains("event:hacking"));
        assertTrue(signatures.extract("un virus informatique vole les comptes ?").concepts().contains("event:hacking"));
    }

    @Test
    void shouldReadTheFrenchBarrageAsADamAsWellAsACheckpoint() {
        // Moroccans say barrage for both; a dam's tellings in Arabic say السد, so the French one must reach it
        assertTrue(signatures.extract("Le barrage Al Wahda va céder ?").concepts().contains("object:dam"));
        assertTrue(signatures.extract("faux barrage de police sur l'autoroute ?").concepts().contains("object:checkpoint"));
    }

    /**
     * Places are compared by their deepest common ancestor, so a path whose parent has no line of its own would
     * never be found inside its city (Abbas El Akkad must agree with Nasr City and with Cairo).
     */
    @Test
    void shouldListEveryPlacesParentInTheGazetteer() throws IOException {
        List<String> paths;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("rumor/places.tsv")) {
            assertNotNull(in);
            paths = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.substring(0, line.indexOf('\t')))
                    .filter(path -> !path.equals("-"))
                    .toList();
        }
        Set<String> listed = new HashSet<>(paths);
        for (String path : paths) {
            assertTrue(path.matches("(eg|ma)(/[a-z0-9]+(-[a-z0-9]+)*)*"), "path spelling: " + path);
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                assertTrue(listed.contains(path.substring(0, slash)), "no line for the parent of " + path);
            }
        }
    }
}
