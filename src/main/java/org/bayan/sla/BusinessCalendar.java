package org.bayan.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When an SLA clock runs: always (24/7), or during weekly opening hours in a time zone, minus holidays.
 * Pure calendar arithmetic, used by {@link SlaClock}; time zone rules (daylight saving) come from the JDK.
 */
public final class BusinessCalendar {

    /** The default: every minute counts. */
    public static final BusinessCalendar ALWAYS = new BusinessCalendar("24/7", null, Map.of(), Set.of());

    /** Guards against a calendar with (almost) no open time: a due date more than ten years away is an error. */
    private static final int MAX_DAYS = 3660;

    public record Window(LocalTime from, LocalTime to) {
        public Window {
            if (!to.isAfter(from) && !to.equals(LocalTime.MIDNIGHT)) {
                throw new IllegalArgumentException("opening window " + from + "-" + to + " ends before it starts");
            }
        }
    }

    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<Window>> hours;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(String name, ZoneId zone, Map<DayOfWeek, List<Window>> hours, Set<LocalDate> holidays) {
        this.name = name;
        this.zone = zone;
        this.hours = hours.isEmpty() ? Map.of() : new EnumMap<>(hours);
        this.holidays = Set.copyOf(holidays);
        if (zone != null && this.hours.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("calendar " + name + " has no opening hours");
        }
    }

    public String name() {
        return name;
    }

    public boolean isAlways() {
        return zone == null;
    }

    /**
     * The instant at which {@code work} of counted time has passed after {@code start}. Zero or negative work
     * is due at {@code start} itself (24/7: exactly {@code start + work}, so an overdue target stays overdue by
     * the right amount).
     */
    public Instant plus(Instant start, Duration work) {
        if (isAlways()) {
            return start.plus(work);
        }
        if (work.isZero() || work.isNegative()) {
            return start;
        }
        Duration left = work;
        ZonedDateTime cursor = start.atZone(zone);
        for (int day = 0; day < MAX_DAYS; day++) {
            LocalDate date = cursor.toLocalDate();
            for (Window w : windows(date)) {
                ZonedDateTime open = date.atTime(w.from()).atZone(zone);
                ZonedDateTime close = w.to().equals(LocalTime.MIDNIGHT)
                        ? date.plusDays(1).atStartOfDay(zone) : date.atTime(w.to()).atZone(zone);
                ZonedDateTime from = cursor.isAfter(open) ? cursor : open;
                if (!from.isBefore(close)) {
                    continue;
                }
                Duration available = Duration.between(from, close);
                if (left.compareTo(available) <= 0) {
                    return from.plus(left).toInstant();
                }
                left = left.minus(available);
            }
            cursor = date.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("calendar " + name + " has no opening time within ten years");
    }

    /** Counted time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (isAlways()) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        ZonedDateTime cursor = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        while (cursor.isBefore(end)) {
            LocalDate date = cursor.toLocalDate();
            for (Window w : windows(date)) {
                ZonedDateTime open = date.atTime(w.from()).atZone(zone);
                ZonedDateTime close = w.to().equals(LocalTime.MIDNIGHT)
                        ? date.plusDays(1).atStartOfDay(zone) : date.atTime(w.to()).atZone(zone);
                ZonedDateTime a = cursor.isAfter(open) ? cursor : open;
                ZonedDateTime b = end.isBefore(close) ? end : close;
                if (a.isBefore(b)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
            cursor = date.plusDays(1).atStartOfDay(zone);
        }
        return total;
    }

    private List<Window> windows(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        return hours.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** Parses "09:00-13:00,14:00-18:00" into windows; "24:00" is accepted as the end of the day. */
    public static List<Window> parseWindows(String text) {
        List<Window> windows = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] ends = part.trim().split("-");
            if (ends.length != 2) {
                throw new IllegalArgumentException("opening hours '" + part.trim() + "' must look like 09:00-17:00");
            }
            LocalTime from = LocalTime.parse(ends[0].trim());
            String toText = ends[1].trim();
            LocalTime to = toText.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(toText);
            windows.add(new Window(from, to));
        }
        windows.sort(java.util.Comparator.comparing(Window::from));
        return List.copyOf(windows);
    }
}
