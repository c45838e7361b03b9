package org.bayan.search;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.bayan.rumor.Claim;
import org.bayan.rumor.ClaimClusterer;
import org.bayan.rumor.ClaimVectors;
import org.bayan.rumor.ClusterEvaluation;
import org.bayan.rumor.ClusterEvaluation.Row;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a supervisor recovers of claims the clusterer split up by gathering their tellings with the desk's
 * search (the "gather more tellings" card of a cluster's page), measured on a labelled file: the file is
 * clustered (the clusterer alone, arrival orders as in {@code rumor-eval}), then for each claim that has
 * queries the supervisor opens the cluster holding most of its tellings, runs each query as the card does (the
 * product's analyzers and query parser; the hits not in the cluster yet that the card lists,
 * {@link SearchService#GATHER_LISTED} of the first {@link SearchService#MAX_SIZE}) and ticks the hits that tell
 * the claim (a person reads them), which move in. Messages are indexed with no language, so each is searchable by
 * the English and the French stemmer alike; the service picks one when it knows the language.
 */
public final class GatherEvaluation {

    /**
     * Pairwise scores before and after gathering for one arrival order, the claim tellings the queries found,
     * and the hits the supervisor read to find them.
     */
    public record Result(long seed, ClusterEvaluation.Score before, ClusterEvaluation.Score after, int found,
                         int tellings, int read) {
    }

    private GatherEvaluation() {
    }

    /** The queries of a file: {@code claim<TAB>query} per line ({@link ClusterEvaluation#readByClaim}). */
    public static Map<String, List<String>> readQueries(Path file) throws IOException {
        return ClusterEvaluation.readByClaim(file);
    }

    public static List<Result> evaluate(Path file, Map<String, List<String>> queries, ClaimVectors vectors,
                                        double threshold, long[] seeds) throws IOException {
        List<Row> rows = ClusterEvaluation.read(file);
        Map<String, Claim> claims = new HashMap<>();
        for (Row row : rows) {
            claims.computeIfAbsent(row.text(), vectors::claim);
        }
        // which queries find which rows does not depend on the arrival order: search once
        Map<String, List<List<Row>>> hitsByClaim = search(rows, queries);
        List<Result> results = new ArrayList<>();
        for (long seed : seeds) {
            List<Row> order = ClusterEvaluation.shuffled(rows, seed);
            int[] cluster = ClaimClusterer.clusterAll(order.stream().map(r -> claims.get(r.text())).toList(), threshold);
            ClusterEvaluation.Score before = ClusterEvaluation.pairwise(order, cluster, threshold, seed);
            Map<Row, Integer> position = new IdentityHashMap<>();
            for (int i = 0; i < order.size(); i++) {
                position.put(order.get(i), i);
            }
            int found = 0;
            int tellings = 0;
            int read = 0;
            for (Map.Entry<String, List<List<Row>>> e : hitsByClaim.entrySet()) {
                String claim = e.getKey();
                int target = largestCluster(order, cluster, claim);
                tellings += (int) order.stream().filter(r -> r.group().equals(claim)).count();
                java.util.Set<Row> gathered = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                for (List<Row> hits : e.getValue()) {
                    // the card lists the first hits not in the cluster yet
                    int shown = 0;
                    for (Row hit : hits) {
                        if (shown == SearchService.GATHER_LISTED) {
                            break;
                        }
                        if (cluster[position.get(hit)] == target) {
                            if (hit.group().equals(claim)) {
                                gathered.add(hit);
                            }
                            continue;
                        }
                        shown++;
                        if (hit.group().equals(claim) && gathered.add(hit)) {
                            cluster[position.get(hit)] = target;
                        }
                    }
                    read += shown;
                }
                found += gathered.size();
            }
            results.add(new Result(seed, before, ClusterEvaluation.pairwise(order, cluster, threshold, seed), found,
                    tellings, read));
        }
        return results;
    }

    /** The cluster holding most of the claim's tellings (the lowest such cluster on a tie). */
    private static int largestCluster(List<Row> order, int[] cluster, String claim) {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).group().equals(claim)) {
                sizes.merge(cluster[i], 1, Integer::sum);
            }
        }
        return sizes.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .orElseThrow(() -> new IllegalArgumentException("the file has no telling of " + claim)).getKey();
    }

    /** Per claim, per query, the rows of its first hits. */
    private static Map<String, List<List<Row>>> search(List<Row> rows, Map<String, List<String>> queries) throws IOException {
        SearchService parser = new SearchService();
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(Analyzers.perField()))) {
                for (int i = 0; i < rows.size(); i++) {
                    writer.addDocument(SearchIndex.toDocument(new IndexedMessage(i, null, rows.get(i).text(), null, null,
                            null, null, null, null, null, Instant.EPOCH, null)));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                Map<String, List<List<Row>>> out = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> e : queries.entrySet()) {
                    List<List<Row>> perQuery = new ArrayList<>();
                    for (String query : e.getValue()) {
                        List<Row> hits = new ArrayList<>();
                        org.apache.lucene.search.Query parsed;
                        try {
                            // as long as the card takes a query built from taught words
                            parsed = parser.parse(query, SearchService.MAX_GATHER_QUERY);
                        } catch (org.bayan.common.ProblemException ex) {
                            throw new IllegalArgumentException("query of " + e.getKey() + " refused: " + ex.toProblem().detail(), ex);
                        }
                        for (ScoreDoc doc : searcher.search(parsed, SearchService.MAX_SIZE).scoreDocs) {
                            hits.add(rows.get(Integer.parseInt(searcher.storedFields().document(doc.doc).get(SearchIndex.ID))));
                        }
                        perQuery.add(hits);
                    }
                    out.put(e.getKey(), perQuery);
                }
                return out;
            }
        }
    }
}
