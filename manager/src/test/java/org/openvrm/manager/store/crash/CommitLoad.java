package org.openvrm.manager.store.crash;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.openvrm.manager.store.Database;
import org.openvrm.manager.store.StoreConfig;

/**
 * The child of the crash harness: opens the store exactly as the manager does ({@link StoreConfig#embedded} unless a
 * JDBC URL is given, then the manager's {@link Database}: Hikari pool of 10, Flyway), first checks that every commit
 * the previous child acknowledged is there, then commits small transactions on the manager's own tables (tasks:
 * insert, update, delete; events: insert) from several threads until it is killed. After each commit it appends the
 * id to a side file with a plain write: SIGKILL does not lose what is in the OS page cache, so the side file is the
 * list of acknowledged commits.
 *
 * <p>Usage: {@code CommitLoad <dataDir> <round> <run|verify> [jdbcUrl]}. Prints {@code VERIFY acked=.. lost=..},
 * then (run) {@code RUNNING}.
 */
public final class CommitLoad {

    static final int THREADS = Integer.getInteger("crash.threads", 6);
    private static final String EVENT_TYPE = "crash.probe";

    private CommitLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int round = Integer.parseInt(args[1]);
        boolean run = args[2].equals("run");
        StoreConfig config = args.length > 3 ? new StoreConfig(args[3], "vrm", "", 10) : StoreConfig.embedded(dataDir);
        Database db = new Database(config);
        verifyPrevious(db, dataDir);
        if (!run) {
            db.close();
            return;
        }
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Path side = dataDir.resolve("acked-r" + round + "-t" + t + ".txt");
            Thread.ofPlatform().name("load-" + t).start(() -> work(db, side, round, thread));
        }
        System.out.println("RUNNING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // until SIGKILL
    }

    /** Compares the side files with the store, reports, then removes the side files (their ids are now checked). */
    private static void verifyPrevious(Database db, Path dataDir) throws IOException {
        List<Path> sides;
        try (Stream<Path> files = Files.list(dataDir)) {
            sides = files.filter(p -> p.getFileName().toString().startsWith("acked-")).toList();
        }
        Set<Long> stored = new HashSet<>(db.read(h -> h.createQuery(
                "SELECT CAST(target_id AS BIGINT) FROM events WHERE type = :type")
                .bind("type", EVENT_TYPE).mapTo(Long.class).list()));
        long acked = 0;
        List<String> lost = new ArrayList<>();
        for (Path side : sides) {
            List<String> lines = Files.readAllLines(side, StandardCharsets.US_ASCII).stream()
                    .filter(l -> !l.isBlank()).toList();
            for (int i = 0; i < lines.size(); i++) {
                long id = Long.parseLong(lines.get(i).trim());
                acked++;
                if (!stored.contains(id)) {
                    // how far from its thread's last acknowledged commit: tells a lost tail from a lost middle
                    lost.add(id + "(" + (lines.size() - 1 - i) + " before last)");
                }
            }
        }
        System.out.println("VERIFY acked=" + acked + " lost=" + lost.size() + " stored=" + stored.size()
                + " sample=" + lost.stream().sorted().limit(5).toList());
        System.out.flush();
        Path checked = Files.createDirectories(dataDir.resolve("checked"));
        for (Path side : sides) {
            Files.move(side, checked.resolve(side.getFileName())); // kept for a look after a loss
        }
    }

    private static void work(Database db, Path side, int round, int thread) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long base = round * 1_000_000_000L + thread * 10_000_000L;
        try (FileOutputStream out = new FileOutputStream(side.toFile(), true)) {
            for (long seq = 0; ; ) {
                int burst = 1 + random.nextInt(20);
                for (int i = 0; i < burst; i++, seq++) {
                    long id = base + seq;
                    commit(db, id, seq, random);
                    out.write((id + "\n").getBytes(StandardCharsets.US_ASCII)); // acknowledged: now in the OS
                }
                Thread.sleep(random.nextInt(2001)); // idle, so chunks age and their space is freed and reused
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One small transaction: a new task and its event, an older task ends, an old one goes (space to reuse). */
    private static void commit(Database db, long id, long seq, ThreadLocalRandom random) {
        long now = System.currentTimeMillis();
        String result = "r".repeat(100 + random.nextInt(3000));
        db.txVoid(h -> {
            h.createUpdate("INSERT INTO tasks (id, type, target_type, target_id, state, progress, result, attempts,"
                    + " created_ms) VALUES (:id, 'crash.probe', 'VM', :target, 'RUNNING', 0, :result, 1, :now)")
                    .bind("id", "crash-" + id).bind("target", "vm-" + id % 97).bind("result", result)
                    .bind("now", now).execute();
            h.createUpdate("INSERT INTO events (time_ms, severity, type, target_type, target_id, message, task_id)"
                    + " VALUES (:now, 'INFO', :type, 'VM', :target, :message, :task)")
                    .bind("now", now).bind("type", EVENT_TYPE).bind("target", Long.toString(id))
                    .bind("message", "probe " + id).bind("task", "crash-" + id).execute();
            if (seq >= 5) {
                h.createUpdate("UPDATE tasks SET state = 'SUCCEEDED', progress = 100, finished_ms = :now,"
                        + " result = :result WHERE id = :id")
                        .bind("now", now).bind("result", result.substring(50)).bind("id", "crash-" + (id - 5))
                        .execute();
            }
            if (seq >= 40) {
                h.createUpdate("DELETE FROM tasks WHERE id = :id").bind("id", "crash-" + (id - 40)).execute();
            }
        });
    }
}
