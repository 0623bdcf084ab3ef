package org.openvrm.launcher;

import picocli.CommandLine;

/** The {@code ./vrm} entry point: {@code up} runs the manager, every other command is the CLI. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("up")) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            System.exit(new CommandLine(new UpCommand()).execute(rest));
        }
        System.err.println("the CLI is not built into this launcher yet; only 'up' works");
        System.exit(2);
    }
}
