package org.bayan.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Makes sure a fresh installation can be administered: on first start it creates the {@code admin}
 * user with {@code BAYAN_ADMIN_PASSWORD}, or with a random password printed once to the log.
 * An existing admin is never touched, so changing the variable later does not reset a password.
 */
@ApplicationScoped
public class AdminBootstrap {

    @Inject
    UserService users;

    @ConfigProperty(name = "bayan.admin.password")
    Optional<String> configuredPassword;

    void onStart(@Observes StartupEvent event) {
        String password = configuredPassword.filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        if (users.createIfMissing("admin", password, Role.ADMIN)) {
            if (generated) {
                // Printed once, on purpose: this is the only way into a fresh installation without the variable.
                Log.warnf("Created user 'admin' with the generated password %s (set BAYAN_ADMIN_PASSWORD to choose it; "
                        + "this is shown only once)", password);
            } else {
                Log.info("Created user 'admin' with the password from BAYAN_ADMIN_PASSWORD");
            }
        }
    }
}
