package org.openvrm.cli;

import picocli.CommandLine.Option;

/** {@code --wait}, on every command that changes something. */
final class WaitOption {

    @Option(names = "--wait", description = "Follow the task(s) until done, with progress on stderr; "
            + "exit 1 if one FAILED.")
    boolean wait;
}
