package org.openvrm.manager.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedUrlNamesItsMvStoreFile() {
        assertThat(EmbeddedRecovery.fileOf(StoreConfig.embedded(dir).jdbcUrl()))
                .contains(dir.toAbsolutePath().resolve("vrm.mv.db"));
        assertThat(EmbeddedRecovery.fileOf("jdbc:h2:file:/x/y")).contains(Path.of("/x/y.mv.db"));
        assertThat(EmbeddedRecovery.fileOf("jdbc:postgresql://localhost/vrm")).isEmpty();
        assertThat(EmbeddedRecovery.fileOf("jdbc:h2:mem:test")).isEmpty();
    }

    @Test
    void aNewStoreIsNotCreatedAndAnExistingOneKeepsItsRows() throws Exception {
        EmbeddedRecovery.beforeOpen(StoreConfig.embedded(dir).jdbcUrl());
        assertThat(Files.exists(dir.resolve("vrm.mv.db"))).as("nothing to recover: no file made").isFalse();

        try (Database db = new Database(StoreConfig.embedded(dir))) {
            db.txVoid(h -> h.execute(
                    "INSERT INTO events (time_ms, severity, type, message) VALUES (1, 'INFO', 't', 'm')"));
        }
        try (Database db = new Database(StoreConfig.embedded(dir))) { // recovers the closed file, then opens it
            long events = db.read(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Long.class).one());
            assertThat(events).isEqualTo(1);
        }
    }
}
