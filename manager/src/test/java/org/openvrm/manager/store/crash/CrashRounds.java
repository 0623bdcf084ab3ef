package org.openvrm.manager.store.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parent of the crash harness: starts {@link CommitLoad} on one data directory again and again, SIGKILLs it at a
 * random moment, and reads what the next child found of the previous child's acknowledged commits. The directory is
 * kept across rounds, so the store ages as a long-running manager's does (chunks freed after the retention time,
 * their space reused) and is never closed cleanly, like a manager killed and restarted over and over.
 *
 * @param jdbcUrl null for the manager's own {@code StoreConfig.embedded}
 * @param firstRunMillis how long the first child runs: losses start once the store is older than H2's retention
 *     time (45 s), when the space of freed chunks is reused
 */
public record CrashRounds(Path dataDir, String jdbcUrl, long firstRunMillis, long minRunMillis, long maxRunMillis,
        long seed) {

    private static final String KILLED = "killed.mv.db";
    private static final Pattern VERIFY = Pattern.compile("VERIFY acked=(\\d+) lost=(\\d+) stored=(\\d+) sample=(.*)");

    /** One round: what the previous child acknowledged and what of it the store lost; rate of the round's own child. */
    public record Round(int round, long acked, long lost, String sampleLost, long commits, long runMillis,
            long fileBytes) {

        double commitsPerSecond() {
            return runMillis == 0 ? 0 : commits * 1000.0 / runMillis;
        }
    }

    /** Runs rounds until {@code budgetMillis} is spent, then one last child that only verifies. */
    public List<Round> run(long budgetMillis, java.util.function.Consumer<Round> progress)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Random random = new Random(seed);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        List<Round> rounds = new ArrayList<>();
        int round = 1;
        for (; System.nanoTime() < deadline; round++) {
            long runMillis = round == 1 ? firstRunMillis
                    : minRunMillis + (long) (random.nextDouble() * (maxRunMillis - minRunMillis));
            Round r = round(round, runMillis);
            rounds.add(r);
            progress.accept(r);
        }
        Round last = round(round, 0);
        rounds.add(last);
        progress.accept(last);
        return rounds;
    }

    private Round round(int round, long runMillis) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-Dcrash.threads=" + Integer.getInteger("crash.threads", 6),
                "-cp", System.getProperty("java.class.path"), CommitLoad.class.getName(),
                dataDir.toString(), Integer.toString(round), runMillis > 0 ? "run" : "verify"));
        if (jdbcUrl != null) {
            command.add(jdbcUrl);
        }
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(
                dataDir.resolve("children.log").toFile())).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child was killed: its output ends
            }
            lines.add("EOF");
        });
        try {
            Matcher verify = VERIFY.matcher(expect(lines, "VERIFY", child));
            if (!verify.matches()) {
                throw new IllegalStateException("unexpected child output: " + verify);
            }
            long started = 0;
            if (runMillis > 0) {
                expect(lines, "RUNNING", child);
                started = System.nanoTime();
                Thread.sleep(runMillis);
                child.destroyForcibly(); // SIGKILL: no shutdown hook, H2 closes nothing
            }
            long ran = started == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child of round " + round + " did not end");
            }
            if (Long.parseLong(verify.group(2)) > 0 && Files.exists(dataDir.resolve(KILLED))) {
                // the store as the previous child left it, before this child's recovery changed it
                Files.move(dataDir.resolve(KILLED), dataDir.resolve("lost-before-round-" + round + ".mv.db"));
            }
            if (runMillis > 0) {
                Files.copy(dataDir.resolve("vrm.mv.db"), dataDir.resolve(KILLED),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return new Round(round, Long.parseLong(verify.group(1)), Long.parseLong(verify.group(2)),
                    verify.group(4), countAcked(round), ran, Files.size(dataDir.resolve("vrm.mv.db")));
        } finally {
            child.destroyForcibly();
        }
    }

    private static String expect(LinkedBlockingQueue<String> lines, String prefix, Process child)
            throws InterruptedException {
        while (true) {
            String line = lines.poll(120, TimeUnit.SECONDS);
            if (line == null || line.equals("EOF")) {
                child.destroyForcibly();
                throw new IllegalStateException("the child ended or hung before " + prefix + " (see children.log)");
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private long countAcked(int round) throws IOException {
        long count = 0;
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path side : files.filter(p -> p.getFileName().toString().startsWith("acked-r" + round + "-"))
                    .toList()) {
                try (Stream<String> ids = Files.lines(side)) {
                    count += ids.filter(l -> !l.isBlank()).count();
                }
            }
        }
        return count;
    }
}
