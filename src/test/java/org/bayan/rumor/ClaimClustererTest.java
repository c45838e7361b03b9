package org.bayan.rumor;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour of claim similarity and online clustering on messages written for these tests (not taken from the
 * evaluation file), with a uniform background so that only the lexicons and the similarity decide.
 */
class ClaimClustererTest {

    private static final ClaimVectors VECTORS = new ClaimVectors(List.of());

    private static final List<String> QANATER_ESCAPE = List.of(
            "بجد فيه مساجين هربوا من سجن القناطر امبارح؟",
            "هل صحيح فرار عدد من السجناء من سجن القناطر الخيرية؟",
            "horoob masageen mn sign el qanater s7?",
            "Did inmates really escape from Qanater prison last night?",
            "C'est vrai que des détenus se sont évadés de la prison de Qanater ?",
            "واش بصح هربو شي حباسة من حبس القناطر فمصر؟");

    private static Claim claim(String text) {
        return VECTORS.claim(text);
    }

    private static int[] cluster(List<String> texts) {
        return ClaimClusterer.clusterAll(texts.stream().map(ClaimClustererTest::claim).toList(),
                ClaimClusterer.DEFAULT_THRESHOLD);
    }

    private static double similarity(String a, String b) {
        return ClaimSimilarity.between(claim(a), claim(b));
    }

    @Test
    void shouldJoinSameClaimAcrossEgyptianAndMsa() {
        double s = similarity("بجد فيه عصابة بتخطف العيال قدام المدارس في المعادي؟",
                "هل صحيح ما يتم تداوله عن اختطاف أطفال أمام المدارس بحي المعادي؟");
        assertTrue(s >= ClaimClusterer.DEFAULT_THRESHOLD, "similarity " + s);
    }

    @Test
    void shouldJoinOneClaimToldInSixVarieties() {
        int[] clusters = cluster(QANATER_ESCAPE);
        assertEquals(1, java.util.Arrays.stream(clusters).distinct().count(), java.util.Arrays.toString(clusters));
    }

    @Test
    void shouldSeparateSameEventInDifferentCities() {
        int[] clusters = cluster(List.of(
                "بجد فيه ميكروباص أبيض بيخطف العيال في المعادي؟",
                "Is it true a white minibus is kidnapping kids in Maadi?",
                "واش بصح كاينة شي طوموبيل بيضا كتخطف الدراري فسيدي مومن؟",
                "C'est vrai qu'une camionnette blanche enlève des enfants à Sidi Moumen ?"));
        assertEquals(clusters[0], clusters[1]);
        assertEquals(clusters[2], clusters[3]);
        assertNotEquals(clusters[0], clusters[2], "Maadi and Sidi Moumen are two claims");
    }

    @Test
    void shouldSeparateSameEventInTwoDistrictsOfOneCity() {
        double s = similarity("بجد فيه عصابة بتخطف العيال في شبرا؟", "بجد فيه عصابة بتخطف العيال في المعادي؟");
        assertTrue(s < ClaimClusterer.DEFAULT_THRESHOLD, "similarity " + s);
    }

    @Test
    void shouldNotLetAPlacelessMemberBridgeTwoDistricts() {
        ClaimClusterer clusterer = new ClaimClusterer();
        long shubra = clusterer.add(1, claim("بجد فيه عصابة بتخطف العيال من قدام المدارس في شبرا؟")).clusterId();
        assertEquals(shubra, clusterer.add(2, claim("هل صحيح وجود عصابة تخطف الأطفال أمام المدارس؟")).clusterId());
        ClaimClusterer.Assignment maadi = clusterer.add(3, claim("Is it true a gang is kidnapping children outside schools in Maadi?"));
        assertTrue(maadi.newCluster(), "Maadi opens its own cluster");
    }

    @Test
    void shouldSeparatePassportFeeFromLicenceFee() {
        double s = similarity("بجد رسوم الباسبور بقت 3000 جنيه؟", "بجد رسوم رخصة القيادة بقت 3000 جنيه؟");
        assertTrue(s < ClaimClusterer.DEFAULT_THRESHOLD, "similarity " + s);
    }

    @Test
    void shouldSeparateTheSameFeeInEgyptAndMorocco() {
        double s = similarity("Is it true the passport fee in Egypt is now 1000?", "Is it true the passport fee in Morocco is now 1000?");
        assertEquals(0, s);
    }

    @Test
    void shouldKeepDistractorsOutOfClusters() {
        List<String> texts = new ArrayList<>(QANATER_ESCAPE);
        texts.add("شكراً لرجال قسم القناطر على سرعة الاستجابة 🙏");
        texts.add("هل صحيح إن أسد هرب من جنينة الحيوانات في الجيزة؟");
        texts.add("Is it true the police arrested a singer at Cairo airport?");
        int[] clusters = cluster(texts);
        Set<Integer> escape = new HashSet<>();
        for (int i = 0; i < QANATER_ESCAPE.size(); i++) {
            escape.add(clusters[i]);
        }
        for (int i = QANATER_ESCAPE.size(); i < texts.size(); i++) {
            assertFalse(escape.contains(clusters[i]), texts.get(i));
        }
    }

    @Test
    void shouldNotJoinTwoClaimsThatShareOnlyAnArrest() {
        double s = similarity("بجد اتقبض على واحد عشان لابس شورت في الشارع؟", "بجد اتقبض على مطرب المهرجانات امبارح؟");
        assertTrue(s < ClaimClusterer.DEFAULT_THRESHOLD, "similarity " + s);
    }

    @Test
    void shouldClusterTheSameWayEveryTime() {
        List<String> texts = new ArrayList<>(QANATER_ESCAPE);
        texts.add("بجد فيه ميكروباص أبيض بيخطف العيال في المعادي؟");
        assertArrayEquals(cluster(texts), cluster(texts));
    }

    @Test
    void shouldForgetRemovedMessagesAndClusters() {
        ClaimClusterer clusterer = new ClaimClusterer();
        long first = clusterer.add(1, claim(QANATER_ESCAPE.get(0))).clusterId();
        assertEquals(first, clusterer.add(2, claim(QANATER_ESCAPE.get(1))).clusterId());
        assertTrue(clusterer.removeMessage(1));
        assertEquals(Set.of(2L), clusterer.members(first));
        assertFalse(clusterer.removeMessage(1));

        clusterer.removeCluster(first);
        assertTrue(clusterer.clusterIds().isEmpty());
        assertTrue(clusterer.add(3, claim(QANATER_ESCAPE.get(3))).newCluster(), "a closed cluster attracts nothing");
    }

    @Test
    void shouldMergeClustersOnRequest() {
        ClaimClusterer clusterer = new ClaimClusterer();
        long escape = clusterer.add(1, claim(QANATER_ESCAPE.get(0))).clusterId();
        long kidnap = clusterer.add(2, claim("بجد فيه ميكروباص أبيض بيخطف العيال في المعادي؟")).clusterId();
        assertNotEquals(escape, kidnap);
        clusterer.merge(escape, kidnap);
        assertEquals(Set.of(1L, 2L), clusterer.members(escape));
        assertEquals(escape, clusterer.clusterOf(2).orElseThrow());
        assertFalse(clusterer.clusterIds().contains(kidnap));
    }

    @Test
    void shouldRefuseAMessageAddedTwice() {
        ClaimClusterer clusterer = new ClaimClusterer();
        clusterer.add(1, claim(QANATER_ESCAPE.get(0)));
        assertThrows(IllegalArgumentException.class, () -> clusterer.add(1, claim(QANATER_ESCAPE.get(1))));
    }

    @Test
    void heldMessageIsOfferedToTheClusterThatLaterReachesIt() {
        ClaimClusterer clusterer = new ClaimClusterer();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        clusterer.hold(1, claim(QANATER_ESCAPE.get(2)), now, 100);
        clusterer.hold(2, claim("ضاع مني الباسبور في المعادي، اعمل ايه؟"), now, 100);
        assertEquals(2, clusterer.waitingCount());

        Claim opener = claim(QANATER_ESCAPE.get(0));
        long cluster = clusterer.add(10, opener).clusterId();
        List<ClaimClusterer.Late> late = clusterer.waitingFor(cluster, opener, 0.25, now.minusSeconds(3600));
        assertEquals(List.of(1L), late.stream().map(ClaimClusterer.Late::messageId).toList(),
                "the same claim is offered, the lost passport is not");

        clusterer.addTo(cluster, 1, clusterer.held(1).orElseThrow());
        assertEquals(Set.of(1L, 10L), clusterer.members(cluster));
        assertEquals(1, clusterer.waitingCount(), "joining releases it");
    }

    @Test
    void heldMessagesOlderThanTheWindowOrBeyondTheLimitAreReleased() {
        ClaimClusterer clusterer = new ClaimClusterer();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        clusterer.hold(1, claim(QANATER_ESCAPE.get(2)), now.minusSeconds(7 * 3600), 2);
        clusterer.hold(2, claim(QANATER_ESCAPE.get(3)), now, 2);
        clusterer.hold(3, claim(QANATER_ESCAPE.get(4)), now, 2);
        assertTrue(clusterer.held(1).isEmpty(), "the oldest goes when a third is held with a limit of two");

        clusterer.hold(1, claim(QANATER_ESCAPE.get(2)), now.minusSeconds(7 * 3600), 3);
        Claim opener = claim(QANATER_ESCAPE.get(0));
        long cluster = clusterer.add(10, opener).clusterId();
        List<Long> offered = clusterer.waitingFor(cluster, opener, 0.25, now.minusSeconds(6 * 3600)).stream()
                .map(ClaimClusterer.Late::messageId).toList();
        assertEquals(List.of(3L, 2L), offered, "newest first");
        assertTrue(clusterer.held(1).isEmpty(), "held for seven hours with a six-hour window: released");
    }

    @Test
    void messageWithNothingToMatchOnIsNotHeld() {
        ClaimClusterer clusterer = new ClaimClusterer();
        clusterer.hold(1, claim("شكرا جزيلا"), Instant.EPOCH, 100);
        assertEquals(0, clusterer.waitingCount());
    }

    @Test
    void shouldMergeTwoClustersOfOneClaimOnceATellingShowsTheyAreOne() {
        ClaimClusterer clusterer = new ClaimClusterer();
        long msa = clusterer.add(1, claim("نرجو توضيح حقيقة الأخبار المتداولة حول حالات تسمم جماعي بأحد محلات الأكلات الخفيفة بوجدة")).clusterId();
        long french = clusterer.add(2, claim("Intoxication alimentaire dans une pizzeria à Oujda, plusieurs personnes à l'hôpital, le gérant arrêté ? C'est vrai ?")).clusterId();
        assertNotEquals(msa, french, "the first two tellings share too little to meet");
        assertTrue(clusterer.linked(msa, ClaimClusterer.DEFAULT_THRESHOLD).isEmpty());

        long english = clusterer.add(3, claim("Is the story about dozens of people poisoned at a pizza place in Oujda true? My cousin lives there")).clusterId();
        assertEquals(msa, english);
        assertEquals(List.of(french), clusterer.linked(msa, ClaimClusterer.DEFAULT_THRESHOLD).stream()
                .map(ClaimClusterer.Match::clusterId).toList(), "the third is close to both: one claim");
        assertEquals(msa, clusterer.mergeLinked(english, ClaimClusterer.DEFAULT_THRESHOLD), "the older cluster stays");
        assertEquals(Set.of(1L, 2L, 3L), clusterer.members(msa));
        assertFalse(clusterer.clusterIds().contains(french));
    }

    @Test
    void shouldOfferASupervisorTheOtherTellingOfAClaimTooLittleAlikeToMergeButNotAnotherCityOrEvent() {
        ClaimClusterer clusterer = new ClaimClusterer();
        long msa = clusterer.add(1, claim("نرجو توضيح حقيقة الأخبار المتداولة حول حالات تسمم جماعي بأحد محلات الأكلات الخفيفة بوجدة")).clusterId();
        long french = clusterer.add(2, claim("Intoxication alimentaire dans une pizzeria à Oujda, plusieurs personnes à l'hôpital, le gérant arrêté ? C'est vrai ?")).clusterId();
        long escape = clusterer.add(3, claim("هل صحيح فرار عدد من السجناء من سجن القناطر؟")).clusterId();
        long kidnapping = clusterer.add(4, claim("C'est vrai qu'on enlève des enfants devant les écoles à Oujda ?")).clusterId();
        long fes = clusterer.add(5, claim("Is it true that food poisoning sent people to hospital in Fes?")).clusterId();
        assertEquals(5, Set.of(msa, french, escape, kidnapping, fes).size(), "five clusters");

        List<ClaimClusterer.Match> related = clusterer.related(msa, ClaimClusterer.RELATED_MINIMUM, ClaimClusterer.RELATED_LIMIT);
        assertEquals(List.of(french), related.stream().map(ClaimClusterer.Match::clusterId).toList(),
                "the French telling; not Fes' poisoning, the Oujda kidnapping or the escape");
        assertTrue(related.get(0).similarity() < ClaimClusterer.DEFAULT_THRESHOLD, "below what merges on its own");
        assertTrue(clusterer.related(escape, ClaimClusterer.RELATED_MINIMUM, ClaimClusterer.RELATED_LIMIT).isEmpty());
        assertTrue(clusterer.related(msa, ClaimClusterer.RELATED_MINIMUM, 0).isEmpty(), "the limit holds");
        assertEquals(List.of(msa, fes), clusterer.related(french, 1e-6, 10).stream().map(ClaimClusterer.Match::clusterId)
                .toList(), "most alike first");
        assertEquals(Set.of(1L), clusterer.members(msa), "listing changes nothing");
    }

    @Test
    void shouldNotMergeAnotherDistrictsTellingInThroughTellingsThatNameNoPlace() {
        ClaimClusterer clusterer = new ClaimClusterer();
        long shubra = clusterer.add(1, claim("بجد فيه عصابة بتخطف العيال من قدام المدارس في شبرا؟")).clusterId();
        clusterer.add(2, claim("هل صحيح وجود عصابة تخطف الأطفال أمام المدارس؟"));
        long maadi = clusterer.add(3, claim("Is it true a gang is kidnapping children outside schools in Maadi?")).clusterId();
        assertNotEquals(shubra, maadi);
        assertEquals(maadi, clusterer.mergeLinked(maadi, ClaimClusterer.DEFAULT_THRESHOLD),
                "the placeless telling is close to Maadi, but the Shubra cluster is about Shubra");
    }

    @Test
    void shouldTakeATellingOfAnotherDistrictIntoAClusterAboutTheWholeCity() {
        ClaimClusterer clusterer = new ClaimClusterer();
        long water = clusterer.add(1, claim("هل صحيح إن مية الشرب في إسكندرية ملوثة والناس بتتسمم؟")).clusterId();
        assertEquals(water, clusterer.add(2, claim("Is the tap water in Alexandria contaminated? People say many got poisoned")).clusterId());
        assertEquals(water, clusterer.add(3, claim("المية في سيدي بشر ريحتها وحشة وفي ناس اتسممت، هي ملوثة؟")).clusterId());
        assertEquals(water, clusterer.add(4, claim("في المندرة المية لونها غريب وبيقولوا في حالات تسمم، صحيح الكلام ده؟")).clusterId(),
                "one telling naming Sidi Bishr does not make the Alexandria cluster a Sidi Bishr one");
    }

    @Test
    void shouldKeepTheLinkageTheMeanSimilarityBetweenClustersThroughJoinsRemovalsAndMerges() {
        List<String> texts = new ArrayList<>(List.of(
                "هل صحيح وجود عصابة تخطف الأطفال أمام المدارس؟",
                "Is it true a gang is kidnapping children outside schools?",
                "واش بصح كاينة عصابة كتخطف الدراري قدام المدارس؟",
                "C'est vrai qu'on enlève des enfants devant les écoles ?",
                "بجد فيه عصابة بتخطف العيال؟"));
        texts.addAll(List.of(
                "هل صحيح فرار عدد من السجناء من السجن؟",
                "Did inmates really escape from prison last night?",
                "C'est vrai que des détenus se sont évadés de la prison ?"));
        ClaimClusterer clusterer = new ClaimClusterer();
        List<Claim> claims = texts.stream().map(ClaimClustererTest::claim).toList();
        // three clusters by hand, so that the linkage is between clusters the threshold did not make
        for (int i = 0; i < claims.size(); i++) {
            clusterer.addTo(1 + i % 3, i, claims.get(i));
        }
        assertLinkageIsTheMean(clusterer, claims);
        clusterer.removeMessage(4);
        assertLinkageIsTheMean(clusterer, claims);
        clusterer.merge(1, 3);
        assertLinkageIsTheMean(clusterer, claims);
        clusterer.addTo(3, 4, claims.get(4));
        assertLinkageIsTheMean(clusterer, claims);
    }

    @Test
    void shouldCountTheLinksOfClustersReadBackFromStorageWhenFirstAsked() {
        List<Claim> claims = List.of(
                claim("هل صحيح وجود عصابة تخطف الأطفال أمام المدارس؟"),
                claim("Is it true a gang is kidnapping children outside schools?"),
                claim("واش بصح كاينة عصابة كتخطف الدراري قدام المدارس؟"),
                claim("C'est vrai qu'on enlève des enfants devant les écoles ?"),
                claim("هل صحيح فرار عدد من السجناء من السجن؟"),
                claim("Did inmates really escape from prison last night?"));
        ClaimClusterer clusterer = new ClaimClusterer();
        // read back without comparing: the pairs of two restored members are not in the links yet
        for (int i = 0; i < 4; i++) {
            clusterer.restore(1 + i % 3, i, claims.get(i));
        }
        clusterer.addTo(2, 4, claims.get(4));
        clusterer.restore(3, 5, claims.get(5));
        assertLinkageIsTheMean(clusterer, claims);
        clusterer.merge(1, 2);
        assertLinkageIsTheMean(clusterer, claims);
    }

    @Test
    void shouldListTheClustersPossiblyTheSameClaimOfALargeClusterReadBackFromStorageWithoutMergingItOnItsOwn() {
        List<Claim> tellings = List.of(
                claim("هل صحيح وجود عصابة تخطف الأطفال أمام المدارس؟"),
                claim("بجد فيه عصابة بتخطف العيال قدام المدارس؟"),
                claim("Is it true a gang is kidnapping children outside schools?"),
                claim("واش بصح كاينة عصابة كتخطف الدراري قدام المدارس؟"));
        Claim french = claim("C'est vrai qu'on enlève des enfants devant les écoles ?");
        Claim escape = claim("Did inmates really escape from prison last night?");
        ClaimClusterer clusterer = new ClaimClusterer();
        // a claim asked hundreds of times, read back after a restart: too large to count its links again
        int size = ClaimClusterer.RECOUNT_MAX + tellings.size();
        for (int i = 0; i < size; i++) {
            clusterer.restore(1, i, tellings.get(i % tellings.size()));
        }
        clusterer.restore(2, size, french);
        clusterer.restore(3, size + 1, escape);

        List<ClaimClusterer.Match> related = clusterer.related(1, 0.000001, 5);

        // its newest members hold each telling as often as the whole cluster does: the estimate is the mean
        double mean = tellings.stream().mapToDouble(t -> ClaimSimilarity.between(t, french)).average().orElseThrow();
        assertTrue(mean > 0, "the French telling shares concepts with the cluster");
        assertEquals(List.of(2L), related.stream().map(ClaimClusterer.Match::clusterId).toList());
        assertEquals(mean, related.get(0).similarity(), 1e-9);
        assertTrue(clusterer.linked(1, 0).isEmpty(), "no automatic merge from an estimate");
        assertEquals(size, clusterer.members(1).size());
        assertEquals(mean, clusterer.related(2, 0.000001, 5).get(0).similarity(), 1e-9, "the small cluster's side");
    }

    /** Every pair of open clusters: linked() at 0 gives the mean similarity over their members' pairs. */
    private static void assertLinkageIsTheMean(ClaimClusterer clusterer, List<Claim> claims) {
        for (long a : clusterer.clusterIds()) {
            java.util.Map<Long, Double> linked = new java.util.HashMap<>();
            clusterer.linked(a, 0).forEach(m -> linked.put(m.clusterId(), m.similarity()));
            for (long b : clusterer.clusterIds()) {
                if (a == b) {
                    continue;
                }
                double sum = 0;
                for (long x : clusterer.members(a)) {
                    for (long y : clusterer.members(b)) {
                        sum += ClaimSimilarity.between(claims.get((int) x), claims.get((int) y));
                    }
                }
                double mean = sum / (clusterer.members(a).size() * clusterer.members(b).size());
                assertEquals(mean, linked.getOrDefault(b, 0.0), 1e-9, "clusters " + a + " and " + b);
            }
        }
    }

    @Test
    void aPairScoringUnderTheFloorEvenWithTheSameCharactersIsScoredWithoutThem() {
        Claim tanta = claim("هل صحيح هروب مساجين من سجن طنطا؟");
        Claim fire = claim("هل صحيح حريق في سجن برج العرب؟");
        Claim qanater = claim("بجد فيه مساجين هربوا من سجن القناطر امبارح؟");
        Claim borg = claim("هل صحيح هروب مساجين من سجن برج العرب؟");

        // one shared concept (a prison) in another city: under the floor whatever characters the two share
        assertTrue(ClaimSimilarity.between(tanta, fire) < ClaimSimilarity.GRAMS_FLOOR);
        assertEquals(ClaimSimilarity.between(tanta, fire), ClaimSimilarity.between(tanta, withGramsOf(tanta, fire)),
                "its character grams are not compared");
        // one escape in two cities can reach the floor: there the characters still count
        assertNotEquals(ClaimSimilarity.between(qanater, borg), ClaimSimilarity.between(qanater, withGramsOf(qanater, borg)));
    }

    /** {@code claim} with the character grams of {@code other}: the same claim, written with the other's letters. */
    private static Claim withGramsOf(Claim other, Claim claim) {
        return new Claim(claim.text(), claim.signature(), claim.concepts(), other.grams(), claim.alternatives());
    }

    @Test
    void theNewestFiftyHeldMessagesSharingAKeyAreOfferedWhenMoreShareIt() {
        ClaimClusterer clusterer = new ClaimClusterer();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        for (long id = 1; id <= 60; id++) {
            clusterer.hold(id, claim(QANATER_ESCAPE.get((int) (id % 4) + 1)), now, 100);
        }
        Claim opener = claim(QANATER_ESCAPE.get(0));
        long cluster = clusterer.add(100, opener).clusterId();
        List<Long> offered = clusterer.waitingFor(cluster, opener, 0.05, now.minusSeconds(3600)).stream()
                .map(ClaimClusterer.Late::messageId).toList();
        List<Long> newest = new ArrayList<>();
        for (long id = 60; id > 60 - ClaimClusterer.LATE_CANDIDATES; id--) {
            newest.add(id);
        }
        assertEquals(newest, offered);
    }

    @Test
    void aMessageHeldLongerThanTheWindowIsReleasedEvenWhenNoClusterSharesItsKeys() {
        ClaimClusterer clusterer = new ClaimClusterer();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        clusterer.hold(1, claim("ضاع مني الباسبور في المعادي، اعمل ايه؟"), now.minusSeconds(7 * 3600), 100);
        clusterer.hold(2, claim(QANATER_ESCAPE.get(3)), now, 100);
        Claim opener = claim(QANATER_ESCAPE.get(0));
        long cluster = clusterer.add(10, opener).clusterId();

        clusterer.waitingFor(cluster, opener, 0.25, now.minusSeconds(6 * 3600));

        assertTrue(clusterer.held(1).isEmpty(), "a lost passport held for seven hours with a six-hour window");
        assertEquals(1, clusterer.waitingCount());
    }

    @Test
    void characterGramKeysAreTheKeysOfEachGramWrittenOut() {
        String text = "Wach s7i7 بتخطف العيال f Casa? Des enfants enlevés près de l'école 123";
        java.util.Map<Long, Integer> expected = new java.util.TreeMap<>();
        for (String token : org.bayan.classify.TextNormalizer.classificationTokens(text)) {
            if (token.length() < 2 || !Character.isLetterOrDigit(token.codePointAt(0))) {
                continue;
            }
            String marked = "^" + token + "$";
            for (int n = 3; n <= 5; n++) {
                for (int i = 0; i + n <= marked.length(); i++) {
                    expected.merge(SparseVector.key(marked.substring(i, i + n)), 1, Integer::sum);
                }
            }
            if (CrossScript.skeleton(token).length() >= 3) {
                expected.merge(SparseVector.key("k=" + CrossScript.skeleton(token)), 1, Integer::sum);
            }
        }

        ClaimVectors.Grams grams = ClaimVectors.grams(text);

        java.util.Map<Long, Integer> actual = new java.util.TreeMap<>();
        for (int i = 0; i < grams.size(); i++) {
            actual.put(grams.keys()[i], grams.counts()[i]);
        }
        assertEquals(expected, actual);
        assertTrue(expected.values().stream().anyMatch(count -> count > 1), "the text repeats some grams");
    }
}
