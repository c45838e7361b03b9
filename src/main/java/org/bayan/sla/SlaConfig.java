package org.bayan.sla;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** SLA settings ({@code bayan.sla.*}). The policies themselves are data: {@code config/sla.yaml}. */
@ConfigMapping(prefix = "bayan.sla")
public interface SlaConfig {

    /** The policy file; when unset, {@code config/sla.yaml} if present, else the copy shipped in the jar. */
    Optional<Path> file();

    /** How often the evaluator looks for cases at risk or in breach. Defaults to 15 s. */
    @WithDefault("PT15S")
    Duration evaluationInterval();

    /** Share of a target after which a case is "at risk". Defaults to 0.8 (80%). */
    @WithDefault("0.8")
    double atRiskRatio();
}
