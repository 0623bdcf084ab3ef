package org.openvrm.manager.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/** The manager's store: a pooled connection, the schema brought up to date by versioned migrations, and Jdbi. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    public Database(StoreConfig config) {
        EmbeddedRecovery.beforeOpen(config.jdbcUrl());
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setPoolName("vrm-store");
        this.dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Runs {@code work} in one transaction: all of it is stored, or none. */
    public <R, X extends Exception> R tx(HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(work);
    }

    /** Runs read-only {@code work} on a handle without a transaction. */
    public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    public void txVoid(java.util.function.Consumer<Handle> work) {
        jdbi.useTransaction(work::accept);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
