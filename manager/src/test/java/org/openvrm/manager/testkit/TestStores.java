package org.openvrm.manager.testkit;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.openvrm.manager.store.StoreConfig;

/**
 * The two stores every store-facing test runs against: the embedded one in a temp directory, and a real PostgreSQL
 * server (scripts/test-postgres starts one and sets VRM_TEST_PG_URL). In CI a missing PostgreSQL is a failure,
 * never a silent skip.
 */
public final class TestStores {

    public enum Kind { EMBEDDED, POSTGRESQL }

    private TestStores() {}

    public static StoreConfig fresh(Kind kind, Path dir) {
        return switch (kind) {
            case EMBEDDED -> StoreConfig.embedded(dir);
            case POSTGRESQL -> freshPostgres();
        };
    }

    /** A new, empty database on the test server, so each test starts from the first migration. */
    private static StoreConfig freshPostgres() {
        String admin = System.getenv("VRM_TEST_PG_URL");
        if (admin == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("VRM_TEST_PG_URL is not set: run the tests through scripts/test");
            }
            Assumptions.abort("no PostgreSQL: run scripts/test (it starts one) to include the PostgreSQL store");
        }
        String db = "vrm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(admin); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + admin.split("\\?")[0], e);
        }
        String url = admin.replaceFirst("/postgres(\\?|$)", "/" + db + "$1");
        return new StoreConfig(url, "postgres", "", 10);
    }
}
