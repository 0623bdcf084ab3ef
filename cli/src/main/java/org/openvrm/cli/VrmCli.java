package org.openvrm.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;

/**
 * The {@code vrm} command line, as a reusable entry point: the launcher calls {@link #commandLine} to add its own
 * subcommands (e.g. {@code up}), tests call {@link #run} with their own streams and environment. Nothing here
 * reads {@code System.getenv()} or the standard streams except {@link #main}.
 */
public final class VrmCli {

    private VrmCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs one command and returns its exit code (see {@link ExitCode}); never throws, never exits. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Session session = session(out, err, env, err == System.err && isTerminal());
        try (session) {
            return commandLine(session).execute(args);
        }
    }

    /**
     * The configured picocli command line, named {@code vrm}, with every subcommand, the error handlers and the
     * exit codes in place. Progress bars are drawn when {@code err} is the process's stderr on a terminal.
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
        return commandLine(out, err, env, err == System.err && isTerminal());
    }

    /** As {@link #commandLine(PrintStream, PrintStream, Map)}, saying whether stderr is a terminal. */
    public static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env, boolean tty) {
        return commandLine(session(out, err, env, tty));
    }

    private static Session session(PrintStream out, PrintStream err, Map<String, String> env, boolean tty) {
        return new Session(out, err, env, new GlobalOptions(), tty);
    }

    private static CommandLine commandLine(Session session) {
        PrintStream out = session.out();
        PrintStream err = session.err();
        CommandLine cli = new CommandLine(new VrmCommand(session.options()));
        cli.addSubcommand(verbs(new CommandLine(new ClusterCommand(session)), "list", "get", "create", "delete"));
        CommandLine host = new CommandLine(new HostCommand(session));
        host.addSubcommand("add", new HostAddCommand(session));
        cli.addSubcommand(verbs(host, "list", "get", "add", "token", "remove"));
        cli.addSubcommand(verbs(new CommandLine(new DatastoreCommand(session)), "list", "get", "create", "delete"));
        CommandLine portGroup = new CommandLine(new PortGroupCommand(session));
        portGroup.addSubcommand(verbs(new CommandLine(new PortGroupQosCommand(session)), "set"));
        cli.addSubcommand(verbs(portGroup, "list", "get", "create", "delete", "qos"));
        cli.addSubcommand(verbs(new CommandLine(new TemplateCommand(session)), "list", "get", "create", "delete"));
        CommandLine vm = new CommandLine(new VmCommand(session));
        vm.addSubcommand("create", new VmCreateCommand(session));
        for (PowerAction action : PowerAction.values()) {
            CommandLine verb = new CommandLine(new PowerCommand(session, action));
            verb.getCommandSpec().usageMessage().description(action.description(),
                    "Name the VMs, or give --all with filters, e.g. --all --name 'web*'.");
            vm.addSubcommand(action.verb(), verb);
        }
        vm.addSubcommand(verbs(new CommandLine(new SnapshotCommand(session)), "list", "get", "create", "revert",
                "delete"));
        vm.addSubcommand("console", new ConsoleCommand(session));
        vm.addSubcommand(new CommandLine(new VmDiskCommand(session)));
        vm.addSubcommand(verbs(new CommandLine(new VmQosCommand(session)), "get", "set"));
        cli.addSubcommand(verbs(vm, "list", "get", "create", "start", "shutdown", "stop", "reboot", "suspend",
                "resume", "hibernate", "delete", "snapshot", "console", "disk", "qos"));
        cli.addSubcommand(verbs(new CommandLine(new TaskCommand(session)), "list", "get", "wait"));
        cli.addSubcommand(new CommandLine(new EventCommand(session)));
        cli.addSubcommand(verbs(new CommandLine(new AlarmCommand(session)), "list", "ack"));
        cli.addSubcommand("about", new AboutCommand(session));
        // set after the subcommands are added, so only 'vrm --help' carries it, not every verb's help
        cli.getCommandSpec().usageMessage().footer(ExitCode.footer());

        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler(usageErrors(err));
        cli.setExecutionExceptionHandler(executionErrors(session));
        return cli;
    }

    /**
     * Puts a noun's verbs in a reading order: picocli finds verb methods by reflection, in no stable order. Done
     * before the noun joins its parent, so the inherited options are added once, to the final set.
     */
    private static CommandLine verbs(CommandLine noun, String... order) {
        var spec = noun.getCommandSpec();
        if (!spec.subcommands().keySet().equals(java.util.Set.of(order))) {
            throw new IllegalStateException(spec.name() + " has verbs " + spec.subcommands().keySet());
        }
        var removed = java.util.Arrays.stream(order).map(spec::removeSubcommand).toList();
        for (int i = 0; i < order.length; i++) {
            spec.addSubcommand(order[i], removed.get(i));
        }
        return noun;
    }

    /** Bad flags: one error line and where to read more, not the whole usage text. */
    private static IParameterExceptionHandler usageErrors(PrintStream err) {
        return (ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            err.println("error: " + ex.getMessage());
            PrintWriter suggestions = new PrintWriter(err, true);
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, suggestions);
            suggestions.flush();
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more.");
            return ExitCode.USAGE.code();
        };
    }

    /** Errors while running: the CLI's own as {@code error: ...} lines; anything else is a bug, said so briefly. */
    private static IExecutionExceptionHandler executionErrors(Session session) {
        return (ex, cmd, parseResult) -> {
            if (ex instanceof CliException e) {
                session.printErrors(ErrorReport.lines(null, e));
                if (session.debug() && e.getCause() != null) {
                    e.getCause().printStackTrace(session.err());
                }
                return ErrorReport.exitCode(e).code();
            }
            session.err().println("error: vrm failed unexpectedly: " + ex
                    + (session.debug() ? "" : " (set VRM_DEBUG=1 for the stack trace)"));
            if (session.debug()) {
                ex.printStackTrace(session.err());
            }
            return ExitCode.FAILED.code();
        };
    }

    private static boolean isTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }
}
