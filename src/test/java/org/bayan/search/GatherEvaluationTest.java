package org.bayan.search;

import org.bayan.rumor.ClaimClusterer;
import org.bayan.rumor.ClaimVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GatherEvaluationTest {

    @TempDir
    Path dir;

    @Test
    void shouldMoveTheHitsThatTellTheClaimIntoItsLargestClusterAndLeaveTheOthers() throws Exception {
        // a claim no lexicon knows: its three tellings share no concept, so each is a cluster of its own
        Path file = Files.writeString(dir.resolve("claims.tsv"), String.join("\n",
                "pink-flamingos\tIs it true pink flamingos landed on the ring road this morning?",
                "pink-flamingos\tDes flamants roses sur le périphérique ce matin, c'est vrai ?",
                "pink-flamingos\tflamingo f tri9 dyal lmatar wach bsa7?",
                "-\tThe flamingo garden in the zoo is closed for works, when does it open?",
                "-\tMerci à la police pour son aide hier soir") + "\n");
        Map<String, List<String>> queries = Map.of("pink-flamingos", List.of("flamingo* OR flamant*"));

        List<GatherEvaluation.Result> results = GatherEvaluation.evaluate(file, queries, new ClaimVectors(List.of()),
                ClaimClusterer.DEFAULT_THRESHOLD, new long[]{1});

        GatherEvaluation.Result result = results.get(0);
        assertEquals(0, result.before().recall(), 1e-9, "split before");
        // the zoo garden is a hit too, but the supervisor reads it and leaves it where it is; the telling already
        // in the cluster is not listed, so not read
        assertEquals(3, result.read());
        assertEquals(3, result.found());
        assertEquals(3, result.tellings());
        assertEquals(1, result.after().precision(), 1e-9);
        assertEquals(1, result.after().recall(), 1e-9);
    }

    @Test
    void shouldRefuseAQueryTheDesksParserRefuses() throws Exception {
        Path file = Files.writeString(dir.resolve("claims.tsv"), "a\tIs it true?\n");
        assertThrows(IllegalArgumentException.class, () -> GatherEvaluation.evaluate(file, Map.of("a", List.of("\"open")),
                new ClaimVectors(List.of()), ClaimClusterer.DEFAULT_THRESHOLD, new long[]{1}));
    }

    @Test
    void shouldReadOneQueryPerLineUnderItsClaim() throws Exception {
        Path queries = Files.writeString(dir.resolve("queries.tsv"), "# comment\na\tx OR y\nb\tz\na\tw\n");
        assertEquals(Map.of("a", List.of("x OR y", "w"), "b", List.of("z")), GatherEvaluation.readQueries(queries));
    }
}
