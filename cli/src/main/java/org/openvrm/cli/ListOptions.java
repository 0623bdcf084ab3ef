package org.openvrm.cli;

import picocli.CommandLine.Option;

/** Paging for every list; without {@code --limit} a list fetches every page. */
final class ListOptions {

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N items (default: all of them).")
    Integer limit;

    @Option(names = "--offset", paramLabel = "N", description = "Skip the first N items (default 0).")
    int offset;

    void check() {
        if (limit != null && limit < 1) {
            throw new CliException.Usage("--limit must be at least 1, got " + limit);
        }
        if (offset < 0) {
            throw new CliException.Usage("--offset must not be negative, got " + offset);
        }
    }
}
