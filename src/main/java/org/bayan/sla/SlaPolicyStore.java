package org.bayan.sla;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.common.PolicyStore;

import java.nio.file.Path;
import java.util.Optional;

/** The SLA policies in force ({@code config/sla.yaml}). */
@ApplicationScoped
public class SlaPolicyStore extends PolicyStore<SlaPolicies.File, SlaPolicies> {

    @Inject
    SlaConfig config;

    public SlaPolicyStore() {
        super("sla.yaml", SlaPolicies.File.class, SlaPolicies::from, policies -> policies.all().size() + " policies");
    }

    @Override
    protected Optional<Path> configuredFile() {
        return config.file();
    }


    public BusinessCalendar calendarOf(CaseSla sla) {
        return current().byName(sla.policy).map(SlaPolicy::calendar).orElse(BusinessCalendar.ALWAYS);
    }
}
