package org.bayan.common;

import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Holds the parsed content of one policy file in force (routing rules, SLA policies, canned responses). Read at
 * start; a reload that fails throws {@link PolicyFiles.InvalidPolicyException} and keeps what was in force.
 *
 * @param <F> the file's shape as Jackson reads it
 * @param <T> the validated value the service uses
 */
public abstract class PolicyStore<F, T> {

    private final String fileName;
    private final Class<F> fileType;
    private final Function<F, T> validate;
    private final Function<T, String> describe;
    private volatile T current;
    private volatile String source;

    /**
     * @param validate turns the file's content into the value in force; throws InvalidPolicyException on a mistake
     * @param describe what the start-up log says was loaded, e.g. "5 rules"
     */
    protected PolicyStore(String fileName, Class<F> fileType, Function<F, T> validate, Function<T, String> describe) {
        this.fileName = fileName;
        this.fileType = fileType;
        this.validate = validate;
        this.describe = describe;
    }

    /** The file configured for this policy, if any (else {@code config/<name>}, else the copy in the jar). */
    protected abstract Optional<Path> configuredFile();

    @PostConstruct
    protected void load() {
        reload();
    }

    /** Reads the file again; returns where it was read from. */
    public synchronized String reload() {
        PolicyFiles.Loaded<F> loaded = PolicyFiles.read(configuredFile(), fileName, fileType);
        T next = validate.apply(loaded.value());
        current = next;
        source = loaded.source();
        Log.infof("%s loaded from %s (%s)", fileName, source, describe.apply(next));
        return source;
    }

    public T current() {
        return current;
    }

    public String source() {
        return source;
    }
}
