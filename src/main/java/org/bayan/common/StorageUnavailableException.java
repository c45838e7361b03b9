package org.bayan.common;

/**
 * The database could not take a write (down, unreachable, pool exhausted). Answered with 503 so that a
 * webhook sender retries the delivery later instead of believing it was stored.
 */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
