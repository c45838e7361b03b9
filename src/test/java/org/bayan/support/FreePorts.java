package org.bayan.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the services and proxies the tests start themselves, taken below the kernel's ephemeral range (32768
 * on these machines). {@code new ServerSocket(0)} draws from that range, and so does every outgoing connection
 * for its local port: once, a service's own JDBC connection, opened before its HTTP listener, took the port chosen
 * for that listener and the service could not start (TwoInstancesIT on PostgreSQL). Below the range a port is
 * only taken by something listening on it, which the probe here sees.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private FreePorts() {
    }

    /** A port nothing listens on now, outside the ephemeral range. */
    public static int outsideEphemeralRange() {
        int end = ephemeralStart();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, end);
            try (ServerSocket probe = new ServerSocket(candidate)) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // listened on by something else: try another
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + end);
    }

    private static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readString(RANGE).trim().split("\\s+")[0]);
            return start > LOWEST + 1000 ? start : 32_768;
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }
}
