package org.bayan.routing;

import org.bayan.classify.Category;
import org.bayan.classify.TextNormalizer;
import org.bayan.common.PolicyFiles.InvalidPolicyException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routing rules of {@code config/routing.yaml}, validated and ready to match. Immutable;
 * {@link RoutingRuleStore} swaps in a new instance on reload. Pure logic: tested without a database.
 */
public final class RoutingRules {

    /** Built in: urgent reports go to the urgent queue at P1 whatever the file says or the confidence is. */
    public static final String URGENT_RULE = "urgent-always";
    public static final String URGENT_QUEUE = "urgent";
    public static final String REVIEW_QUEUE = "review";
    public static final String SUPERVISORS_QUEUE = "supervisors";
    private static final String BY_CATEGORY = "$category";
    private static final Set<String> CLUSTER_STATES = Set.of("none", "open", "clarified", "spiking");
    private static final Set<String> KINDS = Set.of("comment", "private");

    /** The file as written. */
    public record File(List<String> queues, Map<String, String> defaultPriority, List<RuleSpec> rules) {
    }

    public record RuleSpec(String name, Conditions when, Route route) {
    }

    public record Conditions(List<String> category, Double confidenceBelow, Double confidenceAtLeast,
                             List<String> language, List<String> variety, List<String> channel, List<String> kind,
                             List<String> keywords, List<String> clusterState) {
    }

    public record Route(String queue, String priority) {
    }

    private record Rule(String name, Conditions when, List<String> normalizedKeywords, Route route) {
    }

    private final List<String> queues;
    private final Map<String, String> defaultPriority;
    private final List<Rule> rules;

    private RoutingRules(List<String> queues, Map<String, String> defaultPriority, List<Rule> rules) {
        this.queues = List.copyOf(queues);
        this.defaultPriority = Map.copyOf(defaultPriority);
        this.rules = List.copyOf(rules);
    }

    public List<String> queues() {
        return queues;
    }

    public boolean isQueue(String name) {
        return queues.contains(name);
    }

    public List<String> ruleNames() {
        return rules.stream().map(Rule::name).toList();
    }

    /** The first matching rule's queue and priority; the last resort is the category's own queue. */
    public RoutingDecision route(RoutingInput input) {
        if (Category.URGENT.id().equals(input.category())) {
            return new RoutingDecision(URGENT_QUEUE, "P1", URGENT_RULE);
        }
        String normalizedText = null;
        for (Rule rule : rules) {
            if (!rule.normalizedKeywords().isEmpty() && normalizedText == null) {
                normalizedText = normalized(input.text());
            }
            if (matches(rule, input, normalizedText)) {
                return decision(rule.route(), input.category(), rule.name());
            }
        }
        return decision(new Route(BY_CATEGORY, null), input.category(), "fallback-by-category");
    }

    private RoutingDecision decision(Route route, String category, String rule) {
        String queue = BY_CATEGORY.equals(route.queue()) ? category : route.queue();
        String priority = route.priority() != null ? route.priority() : defaultPriority.getOrDefault(category, "P3");
        return new RoutingDecision(queue, priority, rule);
    }

    private static boolean matches(Rule rule, RoutingInput in, String normalizedText) {
        Conditions c = rule.when();
        if (c == null) {
            return true;
        }
        return within(c.category(), in.category())
                && (c.confidenceBelow() == null || in.confidence() < c.confidenceBelow())
                && (c.confidenceAtLeast() == null || in.confidence() >= c.confidenceAtLeast())
                && within(c.language(), in.language())
                && within(c.variety(), in.variety())
                && within(c.channel(), in.channel())
                && within(c.kind(), in.kind())
                && within(c.clusterState(), in.clusterState())
                && (rule.normalizedKeywords().isEmpty()
                || rule.normalizedKeywords().stream().anyMatch(normalizedText::contains));
    }

    private static String normalized(String text) {
        return text == null ? "" : String.join(" ", TextNormalizer.tokenize(TextNormalizer.normalize(text)));
    }

    private static boolean within(List<String> allowed, String value) {
        return allowed == null || allowed.isEmpty() || (value != null && allowed.contains(value));
    }

    public static RoutingRules from(File file) {
        if (file.queues() == null || file.queues().isEmpty()) {
            throw new InvalidPolicyException("routing: 'queues' is empty");
        }
        List<String> queues = new ArrayList<>(file.queues());
        for (Category category : Category.values()) {
            if (!queues.contains(category.id())) {
                throw new InvalidPolicyException("routing: 'queues' must include the category queue '" + category.id() + "'");
            }
        }
        for (String required : List.of(REVIEW_QUEUE, SUPERVISORS_QUEUE)) {
            if (!queues.contains(required)) {
                throw new InvalidPolicyException("routing: 'queues' must include '" + required + "'");
            }
        }
        Map<String, String> priorities = file.defaultPriority() == null ? Map.of() : file.defaultPriority();
        priorities.forEach((category, priority) -> {
            requireCategory(category, "routing: defaultPriority");
            requirePriority(priority, "routing: defaultPriority." + category);
        });
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<RuleSpec> specs = file.rules() == null ? List.of() : file.rules();
        for (int i = 0; i < specs.size(); i++) {
            RuleSpec spec = specs.get(i);
            String where = "routing: rules[" + i + "]";
            if (spec.name() == null || spec.name().isBlank() || !names.add(spec.name())) {
                throw new InvalidPolicyException(where + ": 'name' is missing or used twice");
            }
            if (spec.route() == null || spec.route().queue() == null) {
                throw new InvalidPolicyException(where + " (" + spec.name() + "): 'route.queue' is missing");
            }
            if (!BY_CATEGORY.equals(spec.route().queue()) && !queues.contains(spec.route().queue())) {
                throw new InvalidPolicyException(where + " (" + spec.name() + "): queue '" + spec.route().queue()
                        + "' is not in 'queues'");
            }
            if (spec.route().priority() != null) {
                requirePriority(spec.route().priority(), where + ".route.priority");
            }
            List<String> keywords = List.of();
            Conditions c = spec.when();
            if (c != null) {
                Optional.ofNullable(c.category()).orElse(List.of()).forEach(v -> requireCategory(v, where + ".when.category"));
                Optional.ofNullable(c.kind()).orElse(List.of()).forEach(v -> requireIn(KINDS, v, where + ".when.kind"));
                Optional.ofNullable(c.clusterState()).orElse(List.of())
                        .forEach(v -> requireIn(CLUSTER_STATES, v, where + ".when.clusterState"));
                if (c.keywords() != null) {
                    // Compared after normalization, inside words: "ابتزاز" also matches "والإبتزااااز" and
                    // "blackmail" matches "blackmailed"; a very short keyword would match too much.
                    keywords = c.keywords().stream().map(RoutingRules::normalized).filter(k -> !k.isBlank()).toList();
                }
            }
            rules.add(new Rule(spec.name(), c, keywords, spec.route()));
        }
        return new RoutingRules(queues, priorities, rules);
    }

    private static void requireCategory(String value, String where) {
        if (Category.parse(value).isEmpty()) {
            throw new InvalidPolicyException(where + ": unknown category '" + value + "'");
        }
    }

    private static void requirePriority(String value, String where) {
        if (value == null || !value.matches("P[1-4]")) {
            throw new InvalidPolicyException(where + ": priority must be P1..P4");
        }
    }

    private static void requireIn(Set<String> allowed, String value, String where) {
        if (!allowed.contains(value)) {
            throw new InvalidPolicyException(where + ": '" + value + "' is not one of " + allowed);
        }
    }
}
