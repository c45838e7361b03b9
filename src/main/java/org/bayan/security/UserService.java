package org.bayan.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.bayan.common.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Creates and lists desk users. Passwords are stored only as bcrypt hashes. */
@ApplicationScoped
public class UserService {

    static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    @Inject
    Clock clock;

    public record UserView(String username, List<String> roles, Instant createdAt) {
        static UserView of(AppUser user) {
            return new UserView(user.username, List.of(user.roles.split(",")), user.createdAt);
        }
    }

    @Transactional
    public List<UserView> list() {
        return AppUser.<AppUser>listAll().stream()
                .sorted((a, b) -> a.username.compareTo(b.username))
                .map(UserView::of).toList();
    }

    @Transactional
    public UserView create(String username, String password, List<String> roles) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ProblemException.badRequest(
                    "username must be 2-64 characters: lower-case letters, digits, '.', '_' or '-'", "username");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ProblemException.badRequest(
                    "password must have at least " + MIN_PASSWORD_LENGTH + " characters", "password");
        }
        if (roles == null || roles.isEmpty()) {
            throw ProblemException.badRequest("roles must name at least one of responder, supervisor, admin", "roles");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String role : roles) {
            Role parsed = Role.parse(role).orElseThrow(() -> ProblemException.badRequest(
                    "unknown role '" + role + "'; use responder, supervisor or admin", "roles"));
            checked.add(parsed.id());
        }
        if (AppUser.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("a user named '" + username + "' already exists");
        }
        AppUser user = new AppUser();
        user.username = username;
        user.password = BcryptUtil.bcryptHash(password);
        user.roles = String.join(",", checked);
        user.createdAt = clock.instant();
        user.persist();
        return UserView.of(user);
    }

    /** Creates the user unless one with that name exists; returns whether it was created. */
    @Transactional
    public boolean createIfMissing(String username, String password, Role... roles) {
        if (AppUser.findByUsername(username).isPresent()) {
            return false;
        }
        create(username, password, java.util.Arrays.stream(roles).map(Role::id).toList());
        return true;
    }
}
