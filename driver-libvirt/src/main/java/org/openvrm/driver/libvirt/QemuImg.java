package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs qemu-img (no shell) to make and inspect qcow2 files. */
public final class QemuImg {

    /** What {@code qemu-img info} says about an image. */
    public record Info(String format, long virtualSizeBytes, String backingFile) {
        public Info {
            requireNonNull(format, "format is null");
        }
    }

    /** qemu-img exited non-zero or could not run; the message carries its output. */
    public static final class Failure extends IOException {
        public Failure(String message) {
            super(message);
        }
    }

    private static final Pattern FORMAT = Pattern.compile("\"format\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SIZE = Pattern.compile("\"virtual-size\"\\s*:\\s*(\\d+)");
    private static final Pattern BACKING = Pattern.compile("\"backing-filename\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String binary;
    private final Duration limit;

    public QemuImg(String binary, Duration limit) {
        this.binary = requireNonNull(binary, "binary is null");
        this.limit = requireNonNull(limit, "limit is null");
    }

    /** A blank qcow2 of {@code sizeMb}; thick allocates every byte up front (fallocate), thin grows on write. */
    public void create(Path file, long sizeMb, boolean thick) throws Failure {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "qcow2"));
        if (thick) {
            args.addAll(List.of("-o", "preallocation=falloc"));
        }
        args.addAll(List.of(file.toString(), sizeMb + "M"));
        run(args);
    }

    /** A linked clone: a qcow2 whose backing file is {@code base}, {@code sizeBytes} big. */
    public void createOverlay(Path file, Path base, String baseFormat, long sizeBytes) throws Failure {
        run(List.of("create", "-q", "-f", "qcow2", "-F", baseFormat, "-b", base.toString(), file.toString(),
                Long.toString(sizeBytes)));
    }

    /**
     * Grows a qcow2 to {@code sizeBytes}; a thick one gets the new part allocated as well (falloc), so it stays
     * thick. Never shrinks (qemu-img refuses without --shrink).
     */
    public void resize(Path file, long sizeBytes, boolean thick) throws Failure {
        List<String> args = new ArrayList<>(List.of("resize", "-q", "-f", "qcow2"));
        if (thick) {
            args.add("--preallocation=falloc");
        }
        args.addAll(List.of(file.toString(), Long.toString(sizeBytes)));
        run(args);
    }

    /** Reads an image's format, virtual size and backing file, sharing it with a QEMU that may have it open. */
    public Info info(Path file) throws Failure {
        String json = run(List.of("info", "-U", "--output=json", file.toString()));
        Matcher format = FORMAT.matcher(json);
        Matcher size = SIZE.matcher(json);
        if (!format.find() || !size.find()) {
            throw new Failure("qemu-img info " + file + ": unexpected output " + json);
        }
        Matcher backing = BACKING.matcher(json);
        return new Info(format.group(1), Long.parseLong(size.group(1)), backing.find() ? backing.group(1) : null);
    }

    private String run(List<String> args) throws Failure {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new Failure(String.join(" ", command) + " took longer than " + limit);
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new Failure(String.join(" ", command) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            if (e instanceof Failure f) {
                throw f;
            }
            throw new Failure("cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(String.join(" ", command) + " was interrupted");
        }
    }
}
