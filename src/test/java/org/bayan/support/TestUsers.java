package org.bayan.support;

import io.restassured.specification.RequestSpecification;
import org.bayan.security.Role;
import org.bayan.security.UserService;

import static io.restassured.RestAssured.given;

/** The desk users every API test logs in as; created once per test run. */
public final class TestUsers {

    public static final String PASSWORD = "test-password-1";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private TestUsers() {
    }

    public static void ensure(UserService users) {
        users.createIfMissing("responder1", PASSWORD, Role.RESPONDER);
        users.createIfMissing("supervisor1", PASSWORD, Role.SUPERVISOR);
    }

    public static RequestSpecification asResponder() {
        return given().auth().preemptive().basic("responder1", PASSWORD);
    }

    public static RequestSpecification asResponderNamed(String username) {
        return given().auth().preemptive().basic(username, PASSWORD);
    }

    public static RequestSpecification asSupervisor() {
        return given().auth().preemptive().basic("supervisor1", PASSWORD);
    }

    public static RequestSpecification asAdmin() {
        return given().auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }
}
