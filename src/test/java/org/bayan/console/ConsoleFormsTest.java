package org.bayan.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.Cases;
import org.bayan.support.ConsoleLogin;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's forms without a browser: sign-in cookies, the form token that stops cross-site posts, and
 * the server-side escaping of citizen text. Runs everywhere, browser or not.
 */
@QuarkusTest
class ConsoleFormsTest {

    @Inject
    UserService users;

    @BeforeEach
    void setUp() {
        TestUsers.ensure(users);
    }

    static Cookies signIn(String user) {
        return ConsoleLogin.signIn(user, TestUsers.PASSWORD);
    }

    @Test
    void aFormPostWithoutTheUsersTokenIsRefusedAndChangesNothing() {
        long caseId = Cases.open("Hi, where can I renew my national ID card in Heliopolis and how long does it take?");
        Cookies cookie = signIn("responder1");
        given().cookies(cookie).redirects().follow(false).formParam("text", "forged")
                .post("/console/cases/" + caseId + "/note").then().statusCode(403);
        given().cookies(cookie).redirects().follow(false).formParam("token", "forged-token")
                .post("/console/cases/" + caseId + "/resolve").then().statusCode(403);
        assertNotEquals("resolved", Cases.get(caseId).getString("summary.status"));
        assertTrue(Cases.get(caseId).getList("thread").stream().noneMatch(item -> item.toString().contains("forged")));

        String token = ConsoleLogin.formToken(cookie, "/console/cases/" + caseId);
        given().cookies(cookie).redirects().follow(false).formParam("token", token)
                .post("/console/cases/" + caseId + "/resolve").then().statusCode(303);
        assertEquals("resolved", Cases.get(caseId).getString("summary.status"));
    }

    @Test
    void anotherUsersTokenDoesNotWork() {
        long caseId = Cases.open("Bonjour, j'ai perdu ma carte grise à Rabat, quelle est la procédure ?");
        Cookies responder = signIn("responder1");
        String supervisorToken = ConsoleLogin.formToken(signIn("supervisor1"), "/console/queues");
        given().cookies(responder).redirects().follow(false).formParam("token", supervisorToken)
                .post("/console/cases/" + caseId + "/resolve").then().statusCode(403);
    }

    @Test
    void citizenTextIsEscapedInThePage() {
        long caseId = Cases.open(ConsoleBrowserTest.HOSTILE);
        String html = given().cookies(signIn("responder1")).get("/console/cases/" + caseId)
                .then().statusCode(200).extract().asString();
        assertFalse(html.contains("<script>alert(1)"), "raw script tag in the page");
        assertFalse(html.contains("<img src=x"), "raw img tag in the page");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void aBadActionIsShownAsAnErrorOnThePageNotA500() {
        long caseId = Cases.open("عايز أعرف إزاي أطلع فيش جنائي أونلاين؟");
        Cookies cookie = signIn("responder1");
        String token = ConsoleLogin.formToken(cookie, "/console/cases/" + caseId);
        Response response = given().cookies(cookie).redirects().follow(false).formParam("token", token)
                .formParam("category", "not-a-category").post("/console/cases/" + caseId + "/category");
        assertEquals(303, response.statusCode());
        assertTrue(response.getHeader("Location").contains("error="), response.getHeader("Location"));
        given().cookies(cookie).get(response.getHeader("Location")).then().statusCode(200);
    }

    @Test
    void pagesNeedTheRightRole() {
        Cookies responder = signIn("responder1");
        given().cookies(responder).redirects().follow(false).get("/console/admin").then().statusCode(403);
        given().cookies(responder).redirects().follow(false).get("/console/dashboard").then().statusCode(403);
        given().redirects().follow(false).get("/console/queues").then().statusCode(302);
        Cookies supervisor = signIn("supervisor1");
        given().cookies(supervisor).get("/console/dashboard").then().statusCode(200);
        given().cookies(supervisor).get("/console/dashboard/export.csv?groupBy=queue").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/csv"));
    }

    @Test
    void theApiStillAnswersBasicAuthAndIgnoresTheConsoleCookie() {
        Cookies cookie = signIn("responder1");
        given().cookies(cookie).get("/api/v1/queues").then().statusCode(401);
        TestUsers.asResponder().get("/api/v1/queues").then().statusCode(200);
    }
}
