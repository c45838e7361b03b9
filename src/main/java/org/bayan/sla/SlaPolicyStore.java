package org.bayan.sla;

import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.common.PolicyFiles;

/** Holds the SLA policies in force; a reload that fails keeps them and reports why. */
@ApplicationScoped
public class SlaPolicyStore {

    @Inject
    SlaConfig config;

    private volatile SlaPolicies policies;
    private volatile String source;

    @PostConstruct
    void load() {
        reload();
    }

    /** Reads the file again; throws {@link PolicyFiles.InvalidPolicyException} and keeps the old policies on error. */
    public synchronized String reload() {
        var loaded = PolicyFiles.read(config.file(), "sla.yaml", SlaPolicies.File.class);
        SlaPolicies next = SlaPolicies.from(loaded.value());
        policies = next;
        source = loaded.source();
        Log.infof("SLA policies loaded from %s (%d policies)", source, next.all().size());
        return source;
    }

    public SlaPolicies current() {
        return policies;
    }

    public String source() {
        return source;
    }

    public BusinessCalendar calendarOf(CaseSla sla) {
        return policies.byName(sla.policy).map(SlaPolicy::calendar).orElse(BusinessCalendar.ALWAYS);
    }
}
