package org.bayan.support;

import io.restassured.response.Response;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Signs in to the console with the form, as a browser would, and reads the form token from a page. */
public final class ConsoleLogin {

    public static final String COOKIE = "quarkus-credential";

    private ConsoleLogin() {
    }

    /** The session cookie after a successful sign-in. */
    public static String signIn(String user, String password) {
        Response response = given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", password).post("/j_security_check");
        String cookie = response.getCookie(COOKIE);
        if (response.statusCode() != 302 || cookie == null) {
            throw new AssertionError("sign-in of " + user + " answered " + response.statusCode() + " without a cookie");
        }
        return cookie;
    }

    /** The form token on the queues page, which every role can open. */
    public static String formToken(String cookie) {
        String html = given().cookie(COOKIE, cookie).get("/console/queues").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("the queues page carries no form token");
        }
        return m.group(1);
    }
}
