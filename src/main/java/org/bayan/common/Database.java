package org.bayan.common;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which database the service runs on, for the few statements that must differ: PostgreSQL (shared by several
 * instances, advisory locks) or the embedded H2 (one instance, its own locking costs).
 */
@ApplicationScoped
public class Database {

    @Inject
    AgroalDataSource dataSource;

    private volatile Boolean postgres;

    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            String url = dataSource.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration()
                    .jdbcUrl();
            known = url != null && url.startsWith("jdbc:postgresql:");
            postgres = known;
        }
        return known;
    }
}
