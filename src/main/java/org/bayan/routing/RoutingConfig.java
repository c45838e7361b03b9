package org.bayan.routing;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/** Routing settings ({@code bayan.routing.*}). The rules themselves are data: {@code config/routing.yaml}. */
@ConfigMapping(prefix = "bayan.routing")
public interface RoutingConfig {

    /** The rules file; when unset, {@code config/routing.yaml} if present, else the copy shipped in the jar. */
    Optional<Path> file();
}
