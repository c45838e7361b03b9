package org.bayan.sla;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An at-risk or breach event of one target of one case; unique per (case, target, kind). */
@Entity
@Table(name = "sla_event")
public class SlaEvent extends PanacheEntityBase {

    public static final String FIRST_RESPONSE = "first_response";
    public static final String RESOLUTION = "resolution";
    public static final String AT_RISK = "at_risk";
    public static final String BREACHED = "breached";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id")
    public Long caseId;

    /** {@link #FIRST_RESPONSE} or {@link #RESOLUTION} */
    public String target;

    /** {@link #AT_RISK} or {@link #BREACHED} */
    public String kind;

    public String queue;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
