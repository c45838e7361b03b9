package org.bayan.ingest;

/**
 * Where a stored message is in processing. The worker reads {@link #PENDING} rows; everything it does for a
 * message commits together with the switch to {@link #PROCESSED}, which is what makes a crash harmless.
 */
public enum MessageState {
    /** Stored, not yet processed. */
    PENDING,
    /** Classified, attached to its case (and, with later features, routed and indexed). */
    PROCESSED,
    /** A non-text event: recorded, creates no work. */
    IGNORED,
    /** Processing failed {@code bayan.processing.max-attempts} times; the reason is in last_error. */
    FAILED;

    public String id() {
        return name().toLowerCase();
    }
}
