package org.bayan.security;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bayan.support.ConsoleLogin;
import org.bayan.support.MutableClock;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session fixation, sign-out and the sign-in ticket of the console. (CSRF on the console forms and the cookie flags are in
 * ConsoleFormsTest.)
 */
@QuarkusTest
class SessionTest {

    @Inject
    UserService users;

    @Inject
    MutableClock clock;

    @TestHTTPResource("/console/stream")
    URI liveStream;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldNotKeepACookiePlantedBeforeSignIn() {
        // An attacker's value, and a real but stale-user cookie planted on the victim before sign-in.
        String planted = "attacker-chosen-value";
        Response login = given().redirects().follow(false).cookie(ConsoleLogin.COOKIE, planted)
                .formParam("j_username", "responder1").formParam("j_password", TestUsers.PASSWORD)
                .post("/j_security_check");
        assertEquals(302, login.statusCode());
        String issued = login.getCookie(ConsoleLogin.COOKIE);
        assertNotNull(issued, "sign-in issues its own cookie");
        assertNotEquals(planted, issued);
        assertRedirectedToLogin(new Cookies(new Cookie.Builder(ConsoleLogin.COOKIE, planted).build()));
        given().cookies(login.getDetailedCookies()).get("/console/queues").then().statusCode(200);

        Cookies supervisor = ConsoleLogin.signIn("supervisor1", TestUsers.PASSWORD);
        Response second = given().redirects().follow(false).cookies(supervisor)
                .formParam("j_username", "responder1").formParam("j_password", TestUsers.PASSWORD)
                .post("/j_security_check");
        String replaced = second.getCookie(ConsoleLogin.COOKIE);
        assertNotNull(replaced, "signing in over an existing session issues a new cookie");
        assertNotEquals(supervisor.getValue(ConsoleLogin.COOKIE), replaced);
        // The new session is the responder's, whatever cookie came with the sign-in.
        given().cookies(second.getDetailedCookies()).redirects().follow(false).get("/console/dashboard")
                .then().statusCode(403);
    }

    @Test
    void shouldNotAcceptACopyOfTheCookiesAfterSignOut() {
        Cookies session = ConsoleLogin.signIn("responder1", TestUsers.PASSWORD);
        String token = ConsoleLogin.formToken(session);
        Response logout = given().redirects().follow(false).cookies(session).formParam("token", token).post("/logout");
        assertEquals(303, logout.statusCode());
        assertEquals("", logout.getCookie(ConsoleLogin.TICKET), "sign-out clears the ticket in the browser");
        // someone kept a copy of both cookies: the login cookie alone would still decrypt, the ticket is ended
        assertRedirectedToLogin(session);
        // another sign-in of the same user is not affected
        Cookies again = ConsoleLogin.signIn("responder1", TestUsers.PASSWORD);
        given().cookies(again).get("/console/queues").then().statusCode(200);
    }

    @Test
    void shouldNotOpenTheConsoleWithTheLoginCookieAlone() {
        Cookies session = ConsoleLogin.signIn("responder1", TestUsers.PASSWORD);
        Response response = given().redirects().follow(false).cookies(ConsoleLogin.without(session, ConsoleLogin.TICKET))
                .get("/console/queues");
        assertEquals(302, response.statusCode());
        assertEquals("", response.getCookie(ConsoleLogin.COOKIE), "the login cookie is cleared");
    }

    @Test
    void shouldNotAcceptAnotherUsersTicketNorAForgedOne() {
        Cookies responder = ConsoleLogin.signIn("responder1", TestUsers.PASSWORD);
        Cookies supervisor = ConsoleLogin.signIn("supervisor1", TestUsers.PASSWORD);
        String supervisorTicket = supervisor.getValue(ConsoleLogin.TICKET);
        // the responder's own ticket with the supervisor's login cookie: the ticket names another user
        assertRedirectedToLogin(ConsoleLogin.with(supervisor, ConsoleLogin.TICKET, responder.getValue(ConsoleLogin.TICKET)));
        // a ticket rewritten to name the supervisor keeps the responder's signature, which no longer matches
        String[] parts = responder.getValue(ConsoleLogin.TICKET).split("\\.");
        String forged = supervisorTicket.split("\\.")[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
        assertRedirectedToLogin(ConsoleLogin.with(supervisor, ConsoleLogin.TICKET, forged));
        assertRedirectedToLogin(ConsoleLogin.with(supervisor, ConsoleLogin.TICKET, "not-a-ticket"));
        given().cookies(supervisor).get("/console/queues").then().statusCode(200);
    }

    @Test
    void shouldEndASignInAfterTheLongestShiftHoweverActive() {
        Cookies session = ConsoleLogin.signIn("responder1", TestUsers.PASSWORD);
        try {
            clock.advance(Duration.ofHours(11));
            given().cookies(session).get("/console/queues").then().statusCode(200);
            clock.advance(Duration.ofHours(1).plusMinutes(1));
            // the login cookie would still be valid: Quarkus renews it on use and reads the system clock
            assertRedirectedToLogin(session);
        } finally {
            clock.reset();
        }
    }

    @Test
    void shouldGiveNoTicketForAWrongPassword() {
        Response login = given().redirects().follow(false).formParam("j_username", "responder1")
                .formParam("j_password", "wrong-password").post("/j_security_check");
        assertNull(login.getCookie(ConsoleLogin.TICKET));
    }

    @Test
    void shouldNotSignOutWithoutTheFormToken() {
        // A cross-site page could otherwise sign the user out (and in again as someone else).
        Cookies session = ConsoleLogin.signIn("responder1", TestUsers.PASSWORD);
        given().redirects().follow(false).cookies(session).post("/logout").then().statusCode(403);
        given().cookies(session).get("/console/queues").then().statusCode(200);
    }

    @Test
    void shouldCloseAnOpenLiveStreamWhenItsSignInSignsOut() throws Exception {
        Cookies session = ConsoleLogin.signIn("responder1", TestUsers.PASSWORD);
        CompletableFuture<List<String>> stream = openLiveStream(session);
        // open and signed in: it stays open past several sign-in checks
        assertThrows(TimeoutException.class, () -> stream.get(2500, TimeUnit.MILLISECONDS));
        given().redirects().follow(false).cookies(session).formParam("token", ConsoleLogin.formToken(session))
                .post("/logout").then().statusCode(303);
        List<String> lines = stream.get(15, TimeUnit.SECONDS);
        assertTrue(lines.contains("event:ended") || lines.contains("event: ended"), String.join("\n", lines));
    }

    @Test
    void shouldCloseAnOpenLiveStreamWhenItsSignInOutlivesTheLongestShift() throws Exception {
        Cookies session = ConsoleLogin.signIn("responder1", TestUsers.PASSWORD);
        try {
            CompletableFuture<List<String>> stream = openLiveStream(session);
            clock.advance(Duration.ofHours(11));
            assertThrows(TimeoutException.class, () -> stream.get(2500, TimeUnit.MILLISECONDS));
            clock.advance(Duration.ofHours(1).plusMinutes(1));
            List<String> lines = stream.get(15, TimeUnit.SECONDS);
            assertTrue(lines.contains("event:ended") || lines.contains("event: ended"), String.join("\n", lines));
        } finally {
            clock.reset();
        }
    }

    /** Opens the console's event stream as the browser does; completes with its lines when the server ends it. */
    private CompletableFuture<List<String>> openLiveStream(Cookies session) throws Exception {
        String cookies = session.asList().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpRequest request = HttpRequest.newBuilder(liveStream).header("Cookie", cookies)
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(15, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        return CompletableFuture.supplyAsync(() -> response.body().toList());
    }

    private static void assertRedirectedToLogin(Cookies session) {
        Response response = given().redirects().follow(false).cookies(session).get("/console/queues");
        assertEquals(302, response.statusCode(), "the cookie still opens the console");
        assertTrue(response.getHeader("Location").contains("/login"), response.getHeader("Location"));
    }
}
