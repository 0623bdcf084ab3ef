package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vrm vm console VM}: the tail of the VM's serial console on stdout; {@code --follow} keeps printing what the
 * guest writes until the VM stops; {@code --vnc} prints where its graphical console listens instead.
 */
@Command(description = {"Print a VM's serial console output, or with --vnc where its VNC console listens.",
        "VNC listens on the host's loopback address only (reach it on the host or through an SSH tunnel)."})
final class ConsoleCommand implements Callable<Integer> {

    /** States in which the guest may still write: --follow keeps going through them. */
    private static final Set<String> ALIVE = Set.of("STARTING", "RUNNING", "REBOOTING", "SUSPENDING", "SUSPENDED",
            "RESUMING");

    private final Session session;

    @Parameters(paramLabel = "VM", description = "Name or id.")
    String vm;

    @Option(names = "--vnc", description = "Print the VNC endpoint (host:port) instead of the serial output.")
    boolean vnc;

    @Option(names = "--follow", description = "Keep printing new output until the VM stops (or Ctrl-C).")
    boolean follow;

    @Option(names = "--bytes", paramLabel = "N", description = "How much of the end of the output to print "
            + "(default 65536, at most 1048576).")
    Integer bytes;

    ConsoleCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (vnc && (follow || bytes != null)) {
            throw new CliException.Usage("--vnc prints the VNC endpoint; --follow and --bytes go with the serial "
                    + "output");
        }
        String id = session.resolver().id(Kind.VM, vm);
        String path = "/vms/" + UrlPaths.segment(id) + "/console";
        if (vnc) {
            return printVnc(session.api().get(path));
        }
        Map<String, String> query = bytes == null ? Map.of() : Map.of("maxBytes", Integer.toString(bytes));
        String text = session.api().getText(path + "/output", query);
        session.out().print(text);
        session.out().flush();
        if (follow) {
            follow(id, path + "/output", query, text);
        }
        return ExitCode.OK.code();
    }

    private int printVnc(JsonNode console) {
        if (session.jsonOutput()) {
            session.printJson(console);
            return ExitCode.OK.code();
        }
        JsonNode endpoint = console.path("vnc");
        if (endpoint.isNull() || endpoint.isMissingNode()) {
            throw new CliException.NotFound("VM " + vm + " has no graphical console while it is "
                    + console.path("state").asText("not running") + "; start it first");
        }
        session.out().println(endpoint.path("host").asText() + ":" + endpoint.path("port").asInt());
        return ExitCode.OK.code();
    }

    /** Polls the tail and prints only what is new, until the VM is no longer running. */
    private void follow(String id, String outputPath, Map<String, String> query, String first) {
        Duration every = session.pollInterval();
        String last = first;
        while (true) {
            boolean alive = ALIVE.contains(session.api().get("/vms/" + UrlPaths.segment(id)).path("state").asText());
            String now = session.api().getText(outputPath, query);
            session.out().print(ConsoleTail.added(last, now));
            session.out().flush();
            last = now;
            if (!alive) {
                return;
            }
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
