package org.bayan.routing;

/** Life of a case. Only {@link #RESOLVED} closes it; a new message on a resolved conversation opens a new case. */
public enum CaseStatus {
    NEW, ASSIGNED, WAITING, RESOLVED;

    public String id() {
        return name().toLowerCase();
    }
}
