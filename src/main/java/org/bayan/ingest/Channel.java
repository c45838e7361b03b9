package org.bayan.ingest;

/** The inboxes Bayan receives from. {@link #id()} is what the database, the API and metrics use. */
public enum Channel {
    MESSENGER,
    FACEBOOK_COMMENT,
    INSTAGRAM,
    INSTAGRAM_COMMENT,
    WHATSAPP,
    TELEGRAM,
    GENERIC;

    public String id() {
        return name().toLowerCase();
    }

    public static Channel fromId(String id) {
        return valueOf(id.toUpperCase());
    }

    public static boolean isKnown(String id) {
        for (Channel c : values()) {
            if (c.id().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
