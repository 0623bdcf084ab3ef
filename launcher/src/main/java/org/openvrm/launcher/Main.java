package org.openvrm.launcher;

import org.openvrm.cli.VrmCli;

/** The {@code ./vrm} entry point: {@code vrm up} runs the manager, {@code vrm agent} a host's agent, {@code vrm fleet}
 * many simulated agents (scale tests),
 * every other command is the CLI. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        var commandLine = VrmCli.commandLine(System.out, System.err, System.getenv());
        commandLine.addSubcommand("up", new UpCommand());
        commandLine.addSubcommand("agent", new AgentCommandLine());
        commandLine.addSubcommand("fleet", new FleetCommandLine());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true); // --local-driver sim, as the help writes it
        System.exit(commandLine.execute(args));
    }
}
