package org.bayan.ingest;

/** Whether the citizen wrote in public (a comment under a post) or in private. */
public enum MessageKind {
    COMMENT, PRIVATE;

    public String id() {
        return name().toLowerCase();
    }
}
