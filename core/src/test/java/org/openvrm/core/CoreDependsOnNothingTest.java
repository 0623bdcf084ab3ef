package org.openvrm.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** core is the bottom of the dependency graph: the JDK and itself, nothing else (no clock either). */
class CoreDependsOnNothingTest {

    @Test
    void mainSourcesImportOnlyTheJdkAndCore() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offending = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(CoreDependsOnNothingTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .filter(line -> !line.matches("import (static )?(java\\.|org\\.openvrm\\.core\\.).*"))
                    .toList();
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void noClockNoRandomness() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offending = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(CoreDependsOnNothingTest::lines)
                    .filter(line -> line.matches(".*(currentTimeMillis|nanoTime|Instant\\.now|Clock\\.|Random|java\\.io\\.|java\\.nio\\.).*"))
                    .toList();
        }
        assertThat(offending).isEmpty();
    }

    private static Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream().map(String::strip);
        } catch (IOException e) {
            throw new IllegalStateException(p.toString(), e);
        }
    }
}
