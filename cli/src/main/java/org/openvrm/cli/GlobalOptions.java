package org.openvrm.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes, before or after the subcommand's name ({@code vrm -o json vm list} or not). */
final class GlobalOptions {

    static final String DEFAULT_URL = "http://127.0.0.1:9440/api/v1";

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The manager's API.%nDefault: env VRM_URL, else%n" + DEFAULT_URL)
    String url;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "table (default) or json (the API's JSON, for scripts).")
    Format output = Format.TABLE;
}
