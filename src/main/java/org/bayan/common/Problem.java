package org.bayan.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document: the only error shape Bayan sends to clients.
 * {@code field} names the offending input (a JSON path or a parameter) when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail, String field) {
        return new Problem("about:blank", title, status, detail, field);
    }
}
