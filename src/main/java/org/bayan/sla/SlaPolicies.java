package org.bayan.sla;

import org.bayan.common.PolicyFiles.InvalidPolicyException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SLA policy data of {@code config/sla.yaml}, validated: every policy has a queue and a first-response
 * target, every calendar it names exists and has opening hours. Immutable; {@link SlaPolicyStore} swaps a
 * whole new instance in on reload.
 */
public final class SlaPolicies {

    /** The file as written. */
    public record File(Map<String, CalendarSpec> calendars, List<PolicySpec> policies) {
    }

    public record CalendarSpec(String zone, Map<String, String> hours, List<LocalDate> holidays) {
    }

    public record PolicySpec(String name, String queue, String priority, String calendar, Duration firstResponse,
                             Duration resolution) {
    }

    private final List<SlaPolicy> policies;

    private SlaPolicies(List<SlaPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public List<SlaPolicy> all() {
        return policies;
    }

    /** The first policy for the queue and priority; a queue without one has no SLA. */
    public Optional<SlaPolicy> policyFor(String queue, String priority) {
        return policies.stream().filter(p -> p.matches(queue, priority)).findFirst();
    }

    public Optional<SlaPolicy> byName(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static SlaPolicies from(File file) {
        if (file.policies() == null || file.policies().isEmpty()) {
            throw new InvalidPolicyException("sla: 'policies' is empty");
        }
        Map<String, BusinessCalendar> calendars = new HashMap<>();
        if (file.calendars() != null) {
            file.calendars().forEach((name, spec) -> calendars.put(name, calendar(name, spec)));
        }
        List<SlaPolicy> policies = new ArrayList<>();
        var names = new HashSet<String>();
        for (int i = 0; i < file.policies().size(); i++) {
            PolicySpec p = file.policies().get(i);
            String where = "sla: policies[" + i + "]";
            if (p.name() == null || p.name().isBlank() || !names.add(p.name())) {
                throw new InvalidPolicyException(where + ": 'name' is missing or used twice");
            }
            if (p.queue() == null || p.queue().isBlank()) {
                throw new InvalidPolicyException(where + ": 'queue' is missing");
            }
            if (p.priority() != null && !p.priority().matches("P[1-4]")) {
                throw new InvalidPolicyException(where + ": 'priority' must be P1..P4");
            }
            if (p.firstResponse() == null || p.firstResponse().isNegative() || p.firstResponse().isZero()) {
                throw new InvalidPolicyException(where + ": 'firstResponse' must be a positive duration such as PT15M");
            }
            if (p.resolution() != null && (p.resolution().isNegative() || p.resolution().isZero())) {
                throw new InvalidPolicyException(where + ": 'resolution' must be a positive duration or absent");
            }
            BusinessCalendar calendar = BusinessCalendar.ALWAYS;
            if (p.calendar() != null) {
                calendar = calendars.get(p.calendar());
                if (calendar == null) {
                    throw new InvalidPolicyException(where + ": calendar '" + p.calendar() + "' is not defined");
                }
            }
            policies.add(new SlaPolicy(p.name(), p.queue(), p.priority(), p.firstResponse(), p.resolution(), calendar));
        }
        return new SlaPolicies(policies);
    }

    private static BusinessCalendar calendar(String name, CalendarSpec spec) {
        String where = "sla: calendars." + name;
        if (spec == null || spec.zone() == null) {
            throw new InvalidPolicyException(where + ": 'zone' is missing (e.g. Africa/Cairo)");
        }
        try {
            ZoneId zone = ZoneId.of(spec.zone());
            Map<DayOfWeek, List<BusinessCalendar.Window>> hours = new EnumMap<>(DayOfWeek.class);
            if (spec.hours() != null) {
                for (var e : spec.hours().entrySet()) {
                    DayOfWeek day = DayOfWeek.valueOf(e.getKey().toUpperCase(Locale.ROOT));
                    hours.put(day, BusinessCalendar.parseWindows(e.getValue()));
                }
            }
            return new BusinessCalendar(name, zone, hours,
                    spec.holidays() == null ? java.util.Set.of() : new HashSet<>(spec.holidays()));
        } catch (RuntimeException e) {
            throw new InvalidPolicyException(where + ": " + e.getMessage());
        }
    }
}
