package org.bayan.rumor;

import java.util.List;

/** Messages whose cluster changed (joined, moved, merged, split, removed): the search index follows them. */
public record MessagesReclustered(List<Long> messageIds) {
}
