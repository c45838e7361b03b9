package org.bayan.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The demo desk ({@code BAYAN_DEMO=true}): off by default so a production start never holds invented
 * messages; the README's start command turns it on.
 */
@ConfigMapping(prefix = "bayan.demo")
public interface DemoConfig {

    /** Load the demo data set and demo users on start, once per database. Env: BAYAN_DEMO. */
    @WithName("enabled")
    @WithDefault("false")
    boolean enabled();

    /** Password of the demo users responder, nadia, youssef and supervisor. Env: BAYAN_DEMO_PASSWORD. */
    @WithDefault("demo-password")
    String password();
}
