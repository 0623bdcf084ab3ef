package org.openvrm.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command; the subcommands are wired in {@link VrmCli}, each given the {@link Session}. */
@Command(name = "vrm", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Version.class, subcommands = HelpCommand.class,
        description = {"The OpenVRM command line, over the manager's REST API.",
                "Resources are named by name or id alike: 'vrm vm start web-1' or 'vrm vm start vm-3f2a...'."})
final class VrmCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions options;

    VrmCommand(GlobalOptions options) {
        this.options = options;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give a command: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
