package org.openvrm.manager.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.h2.mvstore.MVStore;

/**
 * Before the embedded store is opened, finds its newest complete state by scanning the whole file.
 *
 * <p>Why: after a SIGKILL, H2 2.5.252 opens an MVStore file at the chunk its store header names and follows each
 * chunk's predicted successor. A chunk written into reused space does not always rewrite that header (we found files
 * whose header named a chunk older than the newest, the newest chunks sitting where the chain did not lead), so a
 * normal open silently went back to the older chunk and dropped commits it had acknowledged. H2's recovery mode
 * reads every block instead and takes the newest chunk whose referenced chunks are all intact; the JDBC layer never
 * asks for it, so we open the file once in that mode and close it, which writes a header naming that chunk.
 */
final class EmbeddedRecovery {

    private EmbeddedRecovery() {
    }

    /** Recovers the file of an embedded {@code jdbc:h2:file:} URL if it exists; anything else is left alone. */
    static void beforeOpen(String jdbcUrl) {
        fileOf(jdbcUrl).filter(Files::exists).ifPresent(file -> {
            MVStore store = new MVStore.Builder().fileName(file.toString()).recoveryMode().open();
            store.close();
        });
    }

    static Optional<Path> fileOf(String jdbcUrl) {
        String prefix = "jdbc:h2:file:";
        if (!jdbcUrl.startsWith(prefix)) {
            return Optional.empty();
        }
        int end = jdbcUrl.indexOf(';');
        String base = end < 0 ? jdbcUrl.substring(prefix.length()) : jdbcUrl.substring(prefix.length(), end);
        return Optional.of(Path.of(base + ".mv.db"));
    }
}
