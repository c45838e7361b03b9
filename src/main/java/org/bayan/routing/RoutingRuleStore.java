package org.bayan.routing;

import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.common.PolicyFiles;

/** Holds the routing rules in force; a reload that fails keeps them and reports why. */
@ApplicationScoped
public class RoutingRuleStore {

    @Inject
    RoutingConfig config;

    private volatile RoutingRules rules;
    private volatile String source;

    @PostConstruct
    void load() {
        reload();
    }

    /** Reads the file again; throws {@link PolicyFiles.InvalidPolicyException} and keeps the old rules on error. */
    public synchronized String reload() {
        var loaded = PolicyFiles.read(config.file(), "routing.yaml", RoutingRules.File.class);
        RoutingRules next = RoutingRules.from(loaded.value());
        rules = next;
        source = loaded.source();
        Log.infof("Routing rules loaded from %s (%d rules)", source, next.ruleNames().size());
        return source;
    }

    public RoutingRules current() {
        return rules;
    }

    public String source() {
        return source;
    }
}
