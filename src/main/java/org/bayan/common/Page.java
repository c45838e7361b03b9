package org.bayan.common;

import java.util.List;

/** One page of a listing: the items, where the page starts and how many there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    /** Validates paging parameters from a query string; bad values are the client's mistake (400). */
    public static void check(int page, int size) {
        if (page < 0) {
            throw ProblemException.badRequest("page must be 0 or more", "page");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest("size must be between 1 and " + MAX_SIZE, "size");
        }
    }
}
