package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Runs one host command (no shell) and hands back what it said. Kept behind an interface so that the classes that
 * decide which {@code tc}/{@code ip} commands to run can be tested for the exact commands without root.
 */
@FunctionalInterface
interface CommandRunner {

    /** What a finished command said; {@code exit} 0 is success. */
    record Output(int exit, String stdout, String stderr) {
        public Output {
            requireNonNull(stdout, "stdout is null");
            requireNonNull(stderr, "stderr is null");
        }

        public boolean ok() {
            return exit == 0;
        }
    }

    /**
     * Runs {@code command} to its end.
     *
     * @throws org.openvrm.driver.DriverException TIMEOUT when it outlives the runner's limit, FAILED when it
     *     cannot be started at all; a non-zero exit is not an exception (the caller decides what it means)
     */
    Output run(List<String> command);
}
