package org.bayan.security;

import java.util.Arrays;
import java.util.Optional;

/** The three roles of the desk. Names are what {@code @RolesAllowed} and the database store. */
public enum Role {
    RESPONDER, SUPERVISOR, ADMIN;

    public static final String RESPONDER_NAME = "responder";
    public static final String SUPERVISOR_NAME = "supervisor";
    public static final String ADMIN_NAME = "admin";

    public String id() {
        return name().toLowerCase();
    }

    public static Optional<Role> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.id().equals(value)).findFirst();
    }
}
