package org.bayan.console;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.bayan.security.Role;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The signed-in user as the console sees them: language (chosen, remembered in a cookie, else the browser's,
 * else {@link ConsoleConfig#defaultLanguage()}), direction, and the form token that every state-changing form
 * carries. The token is an HMAC of the user name: a page of another site cannot read it, so it cannot forge a
 * form post even though the browser would send the login cookie (which is also {@code SameSite=Strict}).
 */
@RequestScoped
public class ConsoleSession {

    public static final String LANGUAGE_COOKIE = "bayan-lang";
    public static final List<String> LANGUAGES = List.of("ar", "en", "fr");

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    @Inject
    ConsoleConfig config;

    @Inject
    FormKey formKey;

    public String username() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public boolean supervisor() {
        return identity.hasRole(Role.SUPERVISOR_NAME) || identity.hasRole(Role.ADMIN_NAME);
    }

    public boolean admin() {
        return identity.hasRole(Role.ADMIN_NAME);
    }

    public String language() {
        Cookie chosen = request.getCookie(LANGUAGE_COOKIE);
        if (chosen != null && LANGUAGES.contains(chosen.getValue())) {
            return chosen.getValue();
        }
        String accept = request.getHeader("Accept-Language");
        if (accept != null) {
            for (Locale.LanguageRange range : parseRanges(accept)) {
                String primary = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                if (LANGUAGES.contains(primary)) {
                    return primary;
                }
            }
        }
        return config.defaultLanguage();
    }

    private static List<Locale.LanguageRange> parseRanges(String header) {
        try {
            return Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    public Locale locale() {
        return Locale.forLanguageTag(language());
    }

    public String formToken() {
        String user = username();
        return user == null ? "" : formKey.sign(user);
    }

    /** Refuses a state-changing form whose token is missing or not this user's. */
    public void requireFormToken(String token) {
        String expected = formToken();
        if (token == null || expected.isEmpty()
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII))) {
            throw new ForbiddenException("the form token is missing or wrong; reload the page");
        }
    }

    public ConsoleView view(String active, String notice, String error) {
        String lang = language();
        return new ConsoleView(username(), supervisor(), admin(), lang, "ar".equals(lang) ? "rtl" : "ltr", formToken(),
                active, notice, error, request.uri());
    }

    /** The signing key, one per process unless configured. */
    @ApplicationScoped
    public static class FormKey {

        @Inject
        ConsoleConfig config;

        private byte[] key;

        @PostConstruct
        void init() {
            key = config.formKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                return random;
            });
        }

        String sign(String user) {
            return sign("console-form", user);
        }

        /** HMAC of a value for one purpose, so a value signed for one use is never valid for another. */
        String sign(String purpose, String value) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(mac.doFinal((purpose + ":" + value).getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
    }
}
