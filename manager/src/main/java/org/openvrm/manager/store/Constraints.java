package org.openvrm.manager.store;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.openvrm.manager.error.ApiException;

/**
 * Maps the store's own integrity errors to API errors: the database is the last guard against two requests racing
 * past the same check (two VMs with one name, deleting a datastore a disk was just put on).
 */
public final class Constraints {

    private Constraints() {}

    /** SQLSTATE 23505 (unique) and 23503 (foreign key) are the same in PostgreSQL and H2. */
    public static <T> T guard(Supplier<T> work, Supplier<ApiException> onUnique, Supplier<ApiException> onForeignKey) {
        try {
            return work.get();
        } catch (UnableToExecuteStatementException e) {
            String state = e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
            if ("23505".equals(state) && onUnique != null) {
                throw onUnique.get();
            }
            if ("23503".equals(state) && onForeignKey != null) {
                throw onForeignKey.get();
            }
            throw e;
        }
    }
}
