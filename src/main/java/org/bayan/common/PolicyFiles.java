package org.bayan.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the desk's policy files (routing rules, SLA policies, canned responses) into typed records.
 * A configured file that exists wins; otherwise the copy of the shipped file inside the jar is used, so a
 * service started from any directory has sensible defaults. Unknown keys are errors: a misspelt condition
 * silently ignored would route every case wrongly.
 */
public final class PolicyFiles {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private PolicyFiles() {
    }

    /** Where a policy was read from, for the admin view and logs. */
    public record Loaded<T>(T value, String source) {
    }

    /**
     * @param configured the configured path, if any
     * @param defaultName the shipped file's name (as under {@code config/} in the repository)
     * @throws InvalidPolicyException with a reason a person can act on
     */
    public static <T> Loaded<T> read(Optional<Path> configured, String defaultName, Class<T> type) {
        Path path = configured.orElse(Path.of("config", defaultName));
        if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                return new Loaded<>(parse(in, type, path.toString()), path.toAbsolutePath().toString());
            } catch (IOException e) {
                throw new InvalidPolicyException(path + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (configured.isPresent()) {
            throw new InvalidPolicyException(path + ": no such file");
        }
        String resource = "bayan-defaults/" + defaultName;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidPolicyException("the shipped " + defaultName + " is missing from the build");
            }
            return new Loaded<>(parse(in, type, defaultName), "built-in " + defaultName);
        } catch (IOException e) {
            throw new InvalidPolicyException(defaultName + ": cannot be read");
        }
    }

    /** Parses YAML text; used by tests and by {@link #read}. */
    public static <T> T parse(InputStream in, Class<T> type, String name) {
        try {
            T value = YAML.readValue(in, type);
            if (value == null) {
                throw new InvalidPolicyException(name + ": the file is empty");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The location and the original message say which key or value is wrong; no class names.
            String reason = e.getOriginalMessage();
            int cut = reason.indexOf(" (class ");
            throw new InvalidPolicyException(name + ": " + (cut > 0 ? reason.substring(0, cut) : reason)
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new InvalidPolicyException(name + ": cannot be read");
        }
    }

    /** A policy file that cannot be used; the message names the file and the problem. */
    public static final class InvalidPolicyException extends RuntimeException {
        public InvalidPolicyException(String message) {
            super(message, null, false, false);
        }
    }
}
