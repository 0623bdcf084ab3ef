package org.openvrm.manager.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the store lives: the embedded database in the data directory by default, or any PostgreSQL by JDBC URL.
 * The password is never logged: {@link #toString()} leaves it out.
 */
public record StoreConfig(String jdbcUrl, String user, String password, int poolSize) {

    public StoreConfig {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the store must be jdbc:h2: (embedded) or jdbc:postgresql:, got "
                    + jdbcUrl.split("[;?]")[0]);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive");
        }
    }

    /**
     * The embedded store. WRITE_DELAY=0 hands every commit to the OS at once (the OS still holds it after a kill);
     * that alone did not keep commits after a SIGKILL: H2's own open could go back to an older chunk, so
     * {@link Database} first recovers the file by a full scan ({@code EmbeddedRecovery}).
     */
    public static StoreConfig embedded(Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("vrm").toString();
        return new StoreConfig("jdbc:h2:file:" + file
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                "vrm", "", 10);
    }

    @Override
    public String toString() {
        return "StoreConfig[" + jdbcUrl.split("[;?]")[0] + ", user=" + user + "]";
    }
}
