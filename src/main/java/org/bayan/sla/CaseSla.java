package org.bayan.sla;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * The SLA record of one case: which policy applies, how much counted time has passed, and the stored due and
 * at-risk instants derived from them by {@link SlaClock}. The evaluator reads only these columns.
 */
@Entity
@Table(name = "case_sla")
public class CaseSla extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public Long caseId;

    public String policy;

    /** the queue the policy was chosen for (events and alerts name it) */
    public String queue;

    /** name of the business calendar, null for 24/7 */
    public String calendar;

    @Column(name = "started_at")
    public Instant startedAt;

    /** set while the clock runs; null while the case waits on the citizen or is resolved */
    @Column(name = "running_since")
    public Instant runningSince;

    /** counted time before {@link #runningSince} */
    @Column(name = "elapsed_ms")
    public long elapsedMs;

    @Column(name = "first_response_target_ms")
    public Long firstResponseTargetMs;

    @Column(name = "resolution_target_ms")
    public Long resolutionTargetMs;

    @Column(name = "first_response_risk_at")
    public Instant firstResponseRiskAt;

    @Column(name = "first_response_due")
    public Instant firstResponseDue;

    @Column(name = "resolution_risk_at")
    public Instant resolutionRiskAt;

    @Column(name = "resolution_due")
    public Instant resolutionDue;

    /** {@link SlaState#id()} */
    @Column(name = "first_response_state")
    public String firstResponseState;

    @Column(name = "resolution_state")
    public String resolutionState;

    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "first_response_seconds")
    public Long firstResponseSeconds;

    @Column(name = "resolution_seconds")
    public Long resolutionSeconds;

    @Version
    public long version;

    public boolean isRunning() {
        return runningSince != null;
    }
}
