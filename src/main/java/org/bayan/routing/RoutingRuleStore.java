package org.bayan.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.common.PolicyStore;

import java.nio.file.Path;
import java.util.Optional;

/** The routing rules in force ({@code config/routing.yaml}). */
@ApplicationScoped
public class RoutingRuleStore extends PolicyStore<RoutingRules.File, RoutingRules> {

    @Inject
    RoutingConfig config;

    public RoutingRuleStore() {
        super("routing.yaml", RoutingRules.File.class, RoutingRules::from, rules -> rules.ruleNames().size() + " rules");
    }

    @Override
    protected Optional<Path> configuredFile() {
        return config.file();
    }
}
