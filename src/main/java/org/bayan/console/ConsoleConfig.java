package org.bayan.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The web console ({@code bayan.console.*}). */
@ConfigMapping(prefix = "bayan.console")
public interface ConsoleConfig {

    /**
     * Language of the console when the user has not chosen one and the browser asks for none of ar, en, fr.
     * Arabic: the desk's working language.
     */
    @WithDefault("ar")
    String defaultLanguage();

    /**
     * Key that signs the console's form tokens and sign-in tickets ({@link SignIns}). Unset: a random key per
     * start, which is right for one instance (a restart then signs everyone out);
     * several instances behind one address need the same value (as they need the same
     * {@code quarkus.http.auth.session.encryption-key} for the login cookie).
     */
    Optional<String> formKey();

    /**
     * Longest a console sign-in lasts however active the user is (a shift); after it the user signs in again.
     * It also bounds how long a sign-out must be remembered ({@link SignIns}).
     */
    @WithDefault("PT12H")
    java.time.Duration sessionMax();

    /** How often the live view looks for new cases and SLA warnings (any instance may have written them). */
    @WithDefault("PT1S")
    java.time.Duration livePoll();
}
