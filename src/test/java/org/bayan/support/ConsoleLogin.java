package org.bayan.support;

import io.restassured.http.Cookie;
import io.restassured.http.Cookies;
import io.restassured.response.Response;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * Signs in to the console with the form, as a browser would, and reads the form token from a page. A sign-in is
 * two cookies: Quarkus' login cookie and Bayan's sign-in ticket.
 */
public final class ConsoleLogin {

    public static final String COOKIE = "quarkus-credential";
    public static final String TICKET = "bayan-sign-in";

    private ConsoleLogin() {
    }

    /** The login cookie and the sign-in ticket after a successful sign-in. */
    public static Cookies signIn(String user, String password) {
        Response response = given().redirects().follow(false).formParam("j_username", user)
                .formParam("j_password", password).post("/j_security_check");
        String cookie = response.getCookie(COOKIE);
        String ticket = response.getCookie(TICKET);
        if (response.statusCode() != 302 || cookie == null || ticket == null) {
            throw new AssertionError("sign-in of " + user + " answered " + response.statusCode() + " without both cookies");
        }
        return new Cookies(new Cookie.Builder(COOKIE, cookie).build(), new Cookie.Builder(TICKET, ticket).build());
    }

    /** The same sign-in with one cookie's value replaced (a copy of the login cookie, a forged ticket). */
    public static Cookies with(Cookies session, String name, String value) {
        return new Cookies(session.asList().stream()
                .map(c -> c.getName().equals(name) ? new Cookie.Builder(name, value).build() : c).toList());
    }

    /** The sign-in without one of its cookies. */
    public static Cookies without(Cookies session, String name) {
        return new Cookies(session.asList().stream().filter(c -> !c.getName().equals(name)).toList());
    }

    /** The form token on the queues page, which every role can open. */
    public static String formToken(Cookies session) {
        return formToken(session, "/console/queues");
    }

    /** The form token on a console page. */
    public static String formToken(Cookies session, String page) {
        String html = given().cookies(session).get(page).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError(page + " carries no form token");
        }
        return m.group(1);
    }
}
