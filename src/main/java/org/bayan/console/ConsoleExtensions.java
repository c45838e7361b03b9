package org.bayan.console;

import io.quarkus.qute.TemplateExtension;
import org.bayan.metrics.SlaMetricsService;
import org.bayan.rumor.RumorQueries;

/** Small derived values the console's templates show. */
@TemplateExtension
final class ConsoleExtensions {

    private ConsoleExtensions() {
    }

    /** First-response p50 / p90 in whole minutes; empty when the group has no first response yet. */
    static String firstResponseMinutes(SlaMetricsService.Row row) {
        return row.firstResponseP50() == null ? "" : minutes(row.firstResponseP50()) + " / " + minutes(row.firstResponseP90());
    }

    private static long minutes(Double seconds) {
        return seconds == null ? 0 : Math.round(seconds / 60);
    }

    /** Arrivals in the last hour minus the hour before: what the rumor list is sorted by. */
    static long growth(RumorQueries.ClusterSummary cluster) {
        return cluster.lastHour() - cluster.previousHour();
    }
}
