package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vrm vm qos}: a VM's QoS as configured and as its host enforces it, and changing it live. */
@Command(name = "qos", description = "A VM's QoS: CPU (MHz), memory (MB), disks (KB/s, IOPS), NICs (Mbit/s, KB).")
final class VmQosCommand extends NounCommand {

    VmQosCommand(Session session) {
        super(session);
    }

    @Command(name = "get", description = {"Show a VM's QoS as configured and as its host enforces it now, side by "
            + "side.", "e.g. vrm vm qos get web-1"})
    int get(@Parameters(paramLabel = "VM", description = "Name or id.") String vm) {
        String id = session.resolver().id(Kind.VM, vm);
        JsonNode qos = session.api().get("/vms/" + UrlPaths.segment(id) + "/qos");
        if (session.jsonOutput()) {
            session.printJson(qos);
        } else {
            session.out().print(render(qos));
        }
        return ExitCode.OK.code();
    }

    @Command(name = "set", description = {"Change a VM's QoS while it runs (or is suspended, stopped or crashed): "
            + "it takes effect at once. Each option changes only what it names; none removes a limit.",
            "e.g. vrm vm qos set web-1 --cpu-limit-mhz 1200 --disk 0:write-kbps=2048 --wait"})
    int set(@Parameters(paramLabel = "VM", description = "Name or id.") String vm,
            @Mixin QosOptions options,
            @Mixin WaitOption wait) {
        if (options.empty()) {
            throw new CliException.Usage("give at least one QoS option, e.g. --cpu-limit-mhz 1200; see --help");
        }
        var change = new Change(vm, () -> {
            JsonNode found = session.resolver().resolve(Kind.VM, vm);
            return session.api().put("/vms/" + UrlPaths.segment(found.path("id").asText()) + "/qos",
                    options.update(found));
        });
        return changes().run(List.of(change), wait.wait, false);
    }

    /** SETTING  CONFIGURED  ENFORCED lines, by JSON path; the note when the host could not be asked. */
    static String render(JsonNode qos) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        List<Map.Entry<String, String>> configured = new ArrayList<>();
        KeyValues.flatten("", qos.path("configured"), configured);
        configured.forEach(e -> rows.put(e.getKey(), new String[] {e.getValue(), "-"}));
        if (!qos.path("enforced").isNull() && !qos.path("enforced").isMissingNode()) {
            List<Map.Entry<String, String>> enforced = new ArrayList<>();
            KeyValues.flatten("", qos.path("enforced"), enforced);
            enforced.forEach(e -> rows.computeIfAbsent(e.getKey(), k -> new String[] {"-", "-"})[1] = e.getValue());
        }
        int w0 = Math.max("SETTING".length(), rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        int w1 = Math.max("CONFIGURED".length(), rows.values().stream().mapToInt(r -> r[0].length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        out.append(pad("SETTING", w0)).append("  ").append(pad("CONFIGURED", w1)).append("  ENFORCED\n");
        rows.forEach((k, v) -> out.append(pad(k, w0)).append("  ").append(pad(v[0], w1)).append("  ").append(v[1])
                .append('\n'));
        if (qos.hasNonNull("enforcedNote")) {
            out.append("enforced: unknown: ").append(qos.path("enforcedNote").asText()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
