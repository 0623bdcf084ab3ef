package org.openvrm.agent.remote;

import java.io.BufferedInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.openvrm.agent.CommandJournal;
import org.openvrm.protocol.CommandOutcome;
import org.openvrm.protocol.wire.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finished commands of a remote agent, in its data dir: length-delimited protobuf {@code CommandOutcome}s,
 * appended and synced before the outcome is answered, the last {@code limit} kept. A record cut short by a kill
 * is dropped on reading (its command had not been answered, so the manager resends it and it runs again, which
 * the drivers' idempotence makes harmless).
 */
public final class FileCommandJournal implements CommandJournal {

    private static final Logger LOG = LoggerFactory.getLogger(FileCommandJournal.class);

    private final Path file;
    private final int limit;
    private final Deque<CommandOutcome> kept = new ArrayDeque<>();
    private FileOutputStream out;
    private int appended;

    public FileCommandJournal(Path file, int limit) {
        this.file = file;
        this.limit = limit;
        load();
        compact(); // start each life with at most limit records, so the file never grows without bound
    }

    @Override
    public synchronized List<CommandOutcome> recent() {
        return List.copyOf(kept);
    }

    @Override
    public synchronized void finished(CommandOutcome outcome) {
        kept.addLast(outcome);
        if (kept.size() > limit) {
            kept.removeFirst();
        }
        try {
            Messages.outcome(outcome).writeDelimitedTo(out);
            out.getFD().sync();
        } catch (IOException e) {
            // losing the memory of one command only weakens a replay's answer; the command itself is done
            LOG.warn("cannot record command {} in {}: {}", outcome.commandId(), file, e.getMessage());
        }
        if (++appended >= limit) {
            compact(); // the file holds at most twice limit records
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            while (true) {
                var m = org.openvrm.protocol.wire.pb.CommandOutcome.parseDelimitedFrom(in);
                if (m == null) {
                    break;
                }
                kept.addLast(Messages.outcome(m));
                if (kept.size() > limit) {
                    kept.removeFirst();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("command journal {} ends in a damaged record ({}); kept the {} before it", file, e.getMessage(),
                    kept.size());
        }
    }

    private void compact() {
        try {
            if (out != null) {
                out.close();
            }
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var w = new FileOutputStream(tmp.toFile())) {
                for (CommandOutcome o : kept) {
                    Messages.outcome(o).writeDelimitedTo(w);
                }
                w.getFD().sync();
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            out = new FileOutputStream(file.toFile(), true);
            appended = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the command journal " + file, e);
        }
    }
}
