package org.bayan.sla;

import java.time.Duration;

/**
 * Targets for one queue (optionally one priority in it).
 *
 * @param resolution null when the queue has no resolution clock
 */
public record SlaPolicy(String name, String queue, String priority, Duration firstResponse, Duration resolution,
                        BusinessCalendar calendar) {

    boolean matches(String queue, String priority) {
        return this.queue.equals(queue) && (this.priority == null || this.priority.equals(priority));
    }
}
