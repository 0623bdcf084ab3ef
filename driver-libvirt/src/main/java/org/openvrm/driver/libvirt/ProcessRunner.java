package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;

/**
 * The one place {@code tc} and {@code ip} are started: ProcessBuilder, no shell, stdin closed, stdout and stderr
 * read on their own threads (so a chatty command cannot block on a full pipe), killed after {@code limit}. A bare
 * program name is looked up in the system directories first: an agent started by an init script or as a service
 * may have a PATH without the sbin directories, where Debian keeps tc and ip.
 */
final class ProcessRunner implements CommandRunner {

    private static final List<Path> SYSTEM_DIRECTORIES =
            List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"), Path.of("/bin"));

    private final Duration limit;

    ProcessRunner(Duration limit) {
        this.limit = requireNonNull(limit, "limit is null");
    }

    @Override
    public Output run(List<String> command) {
        String line = String.join(" ", command);
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, resolve(command.getFirst()));
        Process process;
        try {
            process = new ProcessBuilder(resolved).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new DriverException(Reason.FAILED, "cannot run " + line + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DriverException(Reason.TIMEOUT, line + " took longer than " + limit);
            }
            return new Output(process.exitValue(), out.get().strip(), err.get().strip());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DriverException(Reason.FAILED, line + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new DriverException(Reason.FAILED, "cannot read the output of " + line + ": " + e.getCause(), e);
        }
    }

    private static String resolve(String program) {
        if (program.contains("/")) {
            return program;
        }
        for (Path dir : SYSTEM_DIRECTORIES) {
            Path candidate = dir.resolve(program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return program; // left to PATH
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return text;
    }
}
