package org.bayan.routing;

import org.bayan.common.PolicyFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped routing file and the rule matcher, without a database. */
class RoutingRulesTest {

    static final RoutingRules SHIPPED = RoutingRules.from(
            PolicyFiles.read(Optional.empty(), "routing.yaml", RoutingRules.File.class).value());

    private static RoutingInput input(String category, double confidence, String kind, String text) {
        return new RoutingInput(category, confidence, "ar", "egy", "messenger", kind, text, "none");
    }

    @Test
    void shouldRouteUrgentToTheUrgentQueueAtP1WhateverTheConfidence() {
        RoutingDecision decision = SHIPPED.route(input("urgent", 0.12, "private", "الحقونا"));
        assertEquals(new RoutingDecision("urgent", "P1", RoutingRules.URGENT_RULE), decision);
    }

    @Test
    void shouldSendUnsureClassificationsToReview() {
        assertEquals("review", SHIPPED.route(input("traffic", 0.41, "private", "زحمة")).queue());
        assertEquals("traffic", SHIPPED.route(input("traffic", 0.93, "private", "زحمة")).queue());
    }

    @Test
    void shouldRaiseBlackmailToP1AcrossSpellings() {
        for (String text : new String[]{"في واحد بيبتزني بصور", "تعرضت للإبتزااااز على فيسبوك", "he is blackmailing me",
                "un mec me fait du chantage", "wa7ed kaydir lia ebtizaz"}) {
            RoutingDecision d = SHIPPED.route(input("cybercrime", 0.9, "private", text));
            assertEquals("cybercrime-blackmail", d.rule(), text);
            assertEquals("P1", d.priority(), text);
        }
        RoutingDecision fraud = SHIPPED.route(input("cybercrime", 0.9, "private", "نصبوا عليا في فلوس"));
        assertEquals(new RoutingDecision("cybercrime", "P2", "by-category"), fraud);
    }

    @Test
    void shouldApplyTheFirstMatchingRuleInFileOrder() {
        // a public comment about lost papers, but unsure: review comes first in the file
        assertEquals("low-confidence-review", SHIPPED.route(input("lost_documents", 0.3, "comment", "x")).rule());
        RoutingDecision publicComment = SHIPPED.route(input("lost_documents", 0.8, "comment", "ضاعت بطاقتي"));
        assertEquals(new RoutingDecision("lost_documents", "P3", "public-lost-documents"), publicComment);
        RoutingDecision privateProcedure = SHIPPED.route(input("procedure_inquiry", 0.8, "private", "مواعيد"));
        assertEquals(new RoutingDecision("procedure_inquiry", "P4", "by-category"), privateProcedure);
        RoutingDecision spiking = SHIPPED.route(new RoutingInput("rumor", 0.9, "ar", "egy", "messenger", "private", "x",
                "spiking"));
        assertEquals(new RoutingDecision("rumor", "P1", "rumor-spiking"), spiking);
    }

    @Test
    void shouldRefuseFilesWithMistakesNamingTheProblem() {
        String unknownQueue = """
                queues: [urgent, cybercrime, rumor, lost_documents, traffic, procedure_inquiry, other, review, supervisors]
                rules:
                  - name: typo
                    when: {category: [traffic]}
                    route: {queue: trafic}
                """;
        var e = assertThrows(PolicyFiles.InvalidPolicyException.class, () -> parse(unknownQueue));
        assertTrue(e.getMessage().contains("'trafic'"), e.getMessage());
        String unknownCondition = """
                queues: [urgent, cybercrime, rumor, lost_documents, traffic, procedure_inquiry, other, review, supervisors]
                rules:
                  - name: typo
                    when: {categry: [traffic]}
                    route: {queue: traffic}
                """;
        var e2 = assertThrows(PolicyFiles.InvalidPolicyException.class, () -> parse(unknownCondition));
        assertTrue(e2.getMessage().contains("categry"), e2.getMessage());
        String badPriority = """
                queues: [urgent, cybercrime, rumor, lost_documents, traffic, procedure_inquiry, other, review, supervisors]
                rules:
                  - name: p9
                    when: {}
                    route: {queue: traffic, priority: P9}
                """;
        assertThrows(PolicyFiles.InvalidPolicyException.class, () -> parse(badPriority));
    }

    private static RoutingRules parse(String yaml) {
        return RoutingRules.from(PolicyFiles.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                RoutingRules.File.class, "routing.yaml"));
    }
}
