package org.openvrm.driver.sim;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.PowerState;

/**
 * One small JSON file per domain in a directory the host owns alone (a lock file says so, as libvirtd's pid file
 * does). A file is replaced by writing a temp file and renaming it over the old one, so a step cut short by a crash
 * leaves the previous state; temp files left by such a crash are deleted on load.
 */
final class JsonDomainStore implements DomainStore {

    static final int FORMAT = 1;
    static final String SUFFIX = ".json";
    private static final String TEMP_PREFIX = ".writing-";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final String LOCK_FILE = ".lock";
    private static final System.Logger LOG = System.getLogger(JsonDomainStore.class.getName());

    /** What is on disk; {@code format} lets a later version read or refuse old files. */
    record DomainFile(int format, DomainSpec spec, PowerState state, List<SimSnapshot> snapshots, String console) {
        DomainFile {
            snapshots = snapshots == null ? List.of() : snapshots; // absent in files written before snapshots
            console = console == null ? "" : console; // absent in files written before consoles
        }
    }

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final FileChannel lockChannel;
    private final FileLock lock;

    private JsonDomainStore(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** @throws IllegalStateException when another simulated host (this process or another) owns {@code dir} */
    static JsonDomainStore open(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), CREATE, WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(dir + " is owned by another simulated host process");
            }
            return new JsonDomainStore(dir, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new IllegalStateException(dir + " is owned by another simulated host in this process", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open state directory " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public List<DomainRecord> load() {
        List<DomainRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    read(file).ifPresent(records::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state directory " + dir, e);
        }
        return records;
    }

    private Optional<DomainRecord> read(Path file) {
        try {
            DomainFile stored = json.readValue(file.toFile(), DomainFile.class);
            if (stored.format() != FORMAT || stored.spec() == null || stored.state() == null) {
                LOG.log(System.Logger.Level.WARNING, "ignoring " + file + ": not a format " + FORMAT + " domain file");
                return Optional.empty();
            }
            if (!file.getFileName().toString().equals(fileName(stored.spec().vmId()))) {
                LOG.log(System.Logger.Level.WARNING, "ignoring " + file + ": it holds " + stored.spec().vmId());
                return Optional.empty();
            }
            return Optional.of(new DomainRecord(stored.spec(), stored.state(), stored.snapshots(),
                    stored.console()));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void save(DomainRecord record) {
        Path temp = null;
        try {
            byte[] bytes = json.writeValueAsBytes(new DomainFile(FORMAT, record.spec(), record.state(),
                    record.snapshots(), record.console()));
            temp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
            try (FileChannel out = FileChannel.open(temp, WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                // the data must be on disk before the rename makes it the domain's state; the directory is not
                // synced, so a power cut may lose the rename, which leaves the old state as a crash would
                out.force(false);
            }
            // rename(2): atomic, and replaces an existing file
            Files.move(temp, dir.resolve(fileName(record.vmId())), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot save " + record.vmId() + " in " + dir, e);
        }
    }

    @Override
    public void delete(String vmId) {
        try {
            Files.deleteIfExists(dir.resolve(fileName(vmId)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + vmId + " from " + dir, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot release " + dir.resolve(LOCK_FILE), e);
        }
        closeQuietly(lockChannel);
    }

    /**
     * The file of {@code vmId}: letters, digits, '-' and '_' as they are, every other UTF-8 byte as %XX, so any id
     * maps to its own file and none can climb out of the directory.
     */
    static String fileName(String vmId) {
        StringBuilder name = new StringBuilder();
        for (byte b : vmId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return name.append(SUFFIX).toString();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temp file is deleted on the next load
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }
    }
}
