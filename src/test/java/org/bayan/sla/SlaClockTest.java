package org.bayan.sla;

import org.bayan.common.PolicyFiles;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SLA clock's arithmetic with plain instants: no database, no sleeping. */
class SlaClockTest {

    static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
    static final SlaPolicies SHIPPED = SlaPolicies.from(
            PolicyFiles.read(Optional.empty(), "sla.yaml", SlaPolicies.File.class).value());
    final SlaClock clock = new SlaClock(0.8);

    private CaseSla started(String queue) {
        CaseSla sla = new CaseSla();
        clock.start(sla, SHIPPED.policyFor(queue, "P2").orElseThrow(), T);
        return sla;
    }

    @Test
    void shouldDueEachShippedPolicyAtItsTargetMinute() {
        Map<String, Duration[]> expected = Map.of(
                "urgent", new Duration[]{Duration.ofMinutes(5), Duration.ofHours(1)},
                "cybercrime", new Duration[]{Duration.ofMinutes(30), Duration.ofHours(24)},
                "rumor", new Duration[]{Duration.ofMinutes(15), Duration.ofHours(4)},
                "lost_documents", new Duration[]{Duration.ofHours(2), Duration.ofHours(48)},
                "traffic", new Duration[]{Duration.ofHours(4), Duration.ofHours(72)},
                "procedure_inquiry", new Duration[]{Duration.ofHours(8), Duration.ofHours(72)},
                "review", new Duration[]{Duration.ofMinutes(30), null},
                "other", new Duration[]{Duration.ofHours(24), null});
        expected.forEach((queue, targets) -> {
            CaseSla sla = started(queue);
            assertEquals(T.plus(targets[0]), sla.firstResponseDue, queue + " first response");
            assertEquals(T.plus(Duration.ofMillis(Math.round(targets[0].toMillis() * 0.8))), sla.firstResponseRiskAt,
                    queue + " at risk");
            if (targets[1] == null) {
                assertNull(sla.resolutionDue, queue + " has no resolution clock");
                assertEquals("none", sla.resolutionState);
            } else {
                assertEquals(T.plus(targets[1]), sla.resolutionDue, queue + " resolution");
            }
        });
    }

    @Test
    void shouldStopTheClockWhileWaitingOnTheCitizenAndResumeWhereItStopped() {
        CaseSla sla = started("urgent");
        clock.pause(sla, BusinessCalendar.ALWAYS, T.plus(Duration.ofMinutes(2)));
        assertNull(sla.firstResponseDue, "nothing is due while the case waits");
        assertEquals(Duration.ofMinutes(2), clock.elapsed(sla, BusinessCalendar.ALWAYS, T.plus(Duration.ofHours(5))));
        clock.resume(sla, BusinessCalendar.ALWAYS, T.plus(Duration.ofMinutes(10)));
        // 2 minutes used before the pause, 3 left from minute 10
        assertEquals(T.plus(Duration.ofMinutes(13)), sla.firstResponseDue);
        assertEquals(T.plus(Duration.ofMinutes(68)), sla.resolutionDue);
    }

    @Test
    void shouldKeepElapsedTimeWhenReclassified() {
        CaseSla sla = started("review");
        Instant twentyMinutesIn = T.plus(Duration.ofMinutes(20));
        clock.retarget(sla, BusinessCalendar.ALWAYS, SHIPPED.policyFor("urgent", "P1").orElseThrow(), twentyMinutesIn);
        assertEquals("urgent", sla.policy);
        assertEquals(Duration.ofMinutes(20).toMillis(), sla.elapsedMs);
        // urgent allows 5 minutes from the first message: already overdue by 15
        assertEquals(T.plus(Duration.ofMinutes(5)), sla.firstResponseDue);
        assertEquals(T.plus(Duration.ofHours(1)), sla.resolutionDue, "review had no resolution clock; urgent has one");

        CaseSla other = started("urgent");
        clock.retarget(other, BusinessCalendar.ALWAYS, SHIPPED.policyFor("traffic", "P3").orElseThrow(),
                T.plus(Duration.ofMinutes(3)));
        assertEquals(T.plus(Duration.ofHours(4)), other.firstResponseDue, "3 minutes used of traffic's 4 hours");
    }

    @Test
    void shouldRecordALateFirstResponseAsBreached() {
        CaseSla sla = started("urgent");
        assertTrue(clock.firstResponse(sla, T.plus(Duration.ofMinutes(6))));
        assertEquals("breached", sla.firstResponseState);
        assertEquals(360L, sla.firstResponseSeconds);
        CaseSla onTime = started("urgent");
        assertFalse(clock.firstResponse(onTime, T.plus(Duration.ofMinutes(4))));
        assertEquals("met", onTime.firstResponseState);
        assertFalse(clock.firstResponse(onTime, T.plus(Duration.ofMinutes(9))), "only the first reply counts");
        assertEquals(240L, onTime.firstResponseSeconds);
    }

    @Test
    void shouldCountOnlyOpeningHoursAcrossAWeekend() {
        ZoneId cairo = ZoneId.of("Africa/Cairo");
        var hours = Map.of(DayOfWeek.SUNDAY, BusinessCalendar.parseWindows("09:00-17:00"),
                DayOfWeek.MONDAY, BusinessCalendar.parseWindows("09:00-17:00"),
                DayOfWeek.TUESDAY, BusinessCalendar.parseWindows("09:00-17:00"),
                DayOfWeek.WEDNESDAY, BusinessCalendar.parseWindows("09:00-17:00"),
                DayOfWeek.THURSDAY, BusinessCalendar.parseWindows("09:00-17:00"));
        BusinessCalendar office = new BusinessCalendar("office", cairo, hours, Set.of());
        SlaPolicy policy = new SlaPolicy("procedure", "procedure_inquiry", null, Duration.ofHours(8), null, office);
        // Thursday 2026-11-05 16:30 in Cairo: 30 minutes left that day, Friday and Saturday closed.
        Instant thursday = ZonedDateTime.of(2026, 11, 5, 16, 30, 0, 0, cairo).toInstant();
        CaseSla sla = new CaseSla();
        clock.start(sla, policy, thursday);
        assertEquals(ZonedDateTime.of(2026, 11, 8, 16, 30, 0, 0, cairo).toInstant(), sla.firstResponseDue,
                "7h30 on Sunday after 30 minutes on Thursday");
        Instant saturdayNoon = ZonedDateTime.of(2026, 11, 7, 12, 0, 0, 0, cairo).toInstant();
        assertEquals(Duration.ofMinutes(30), office.between(thursday, saturdayNoon), "the weekend does not count");

        BusinessCalendar withHoliday = new BusinessCalendar("office", cairo, hours, Set.of(LocalDate.of(2026, 11, 8)));
        assertEquals(ZonedDateTime.of(2026, 11, 9, 16, 30, 0, 0, cairo).toInstant(),
                withHoliday.plus(thursday, Duration.ofHours(8)), "a holiday on Sunday moves the due day to Monday");
    }

    @Test
    void shouldRefuseCalendarsAndPoliciesThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.parseWindows("17:00-09:00"));
        assertThrows(PolicyFiles.InvalidPolicyException.class, () -> SlaPolicies.from(new SlaPolicies.File(Map.of(),
                List.of(new SlaPolicies.PolicySpec("x", "urgent", null, "missing-calendar", Duration.ofMinutes(5), null)))));
        assertThrows(PolicyFiles.InvalidPolicyException.class, () -> SlaPolicies.from(new SlaPolicies.File(Map.of(),
                List.of(new SlaPolicies.PolicySpec("x", "urgent", null, null, Duration.ZERO, null)))));
    }
}
