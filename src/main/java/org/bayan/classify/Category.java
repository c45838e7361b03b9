package org.bayan.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The seven categories, most time-critical first: when two apply, the earlier one wins
 * (urgent > cybercrime > rumor > lost_documents > traffic > procedure_inquiry > other).
 */
public enum Category {
    URGENT, CYBERCRIME, RUMOR, LOST_DOCUMENTS, TRAFFIC, PROCEDURE_INQUIRY, OTHER;

    public static final List<Category> BY_PRECEDENCE = List.of(values());

    public String id() {
        return name().toLowerCase();
    }

    public static Optional<Category> parse(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
    }

    /** The more time-critical of two categories (null counts as nothing known). */
    public static Category moreCritical(Category a, Category b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
