package org.bayan.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.util.Map;

/**
 * One packaged service shared by the load tests of a run ({@link CrashUnderLoadIT}, {@link RedeliveryIT}): each
 * start costs 15-20 s on a busy CI machine. Each test marks its messages with its own source and conversations,
 * so the order they run in does not matter; the crash test kills and restarts it on the same data. Stopped
 * (SIGTERM) when the test run ends.
 */
final class SharedService implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ServiceProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedService.class))
                .getOrComputeIfAbsent("service", key -> new Started(), Started.class).service;
    }

    private static final class Started implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final ServiceProcess service;

        Started() {
            try {
                service = new ServiceProcess(Path.of("target", "it-load-" + System.nanoTime()));
                service.start(Map.of());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the shared service", e);
            }
        }

        @Override
        public void close() throws Exception {
            service.stop();
        }
    }
}
