package org.bayan.ingest;

/** Fired after a delivery committed new work, so the processing worker can start at once instead of polling. */
public record MessagesStored(int count) {
}
