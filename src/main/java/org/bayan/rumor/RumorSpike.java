package org.bayan.rumor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A spike raised on a cluster: what the console lists and the alert webhook announces. */
@Entity
@Table(name = "rumor_spike")
public class RumorSpike extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "cluster_id")
    public Long clusterId;

    /** Arrival time of the message that made the window reach the rule. */
    @Column(name = "raised_at")
    public Instant raisedAt;

    @Column(name = "window_count")
    public int windowCount;

    @Column(name = "baseline_count")
    public int baselineCount;

    @Column(name = "baseline_rate")
    public double baselineRate;

    @Column(name = "cases_raised")
    public int casesRaised;
}
