package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openvrm.api.Snapshot;
import org.openvrm.api.SnapshotCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vrm vm snapshot}: a VM's snapshots, under {@code /vms/{id}/snapshots}. The VM is a name or an id; a
 * snapshot is a name (unique per VM) or an id.
 */
@Command(name = "snapshot", description = "Snapshots of a VM: take, list, revert to, delete.")
final class SnapshotCommand extends NounCommand {

    private static final Pattern ID = Pattern.compile("snap-[0-9a-f]{8,}");

    SnapshotCommand(Session session) {
        super(session);
    }

    @Command(name = "list", description = "List a VM's snapshots, oldest first.")
    int list(@Parameters(paramLabel = "VM", description = "Name or id.") String vm,
             @Mixin ListOptions paging,
             @Option(names = "--name", paramLabel = "PATTERN", description = "'*' is a wildcard.") String name,
             @Option(names = "--state", paramLabel = "STATE", description = "CREATING, READY or DELETING.")
             String state) {
        return reads().list(path(vmId(vm)), Filters.of("name", name, "state", state), paging, Snapshot.class,
                n -> Views.snapshots());
    }

    @Command(name = "get", description = "Show one snapshot.")
    int get(@Parameters(index = "0", paramLabel = "VM", description = "Name or id.") String vm,
            @Parameters(index = "1", paramLabel = "SNAPSHOT", description = "Name or id.") String snapshot) {
        return reads().show(resolve(vmId(vm), snapshot));
    }

    @Command(name = "create", description = "Take a snapshot: the disks, and the memory of a running VM.")
    int create(@Parameters(paramLabel = "VM", description = "Name or id.") String vm,
               @Option(names = "--name", paramLabel = "NAME", required = true,
                       description = "Unique among the VM's snapshots.") String name,
               @Option(names = "--description", paramLabel = "TEXT", description = "Free text.") String description,
               @Mixin WaitOption wait) {
        String vmId = vmId(vm);
        return create(name, path(vmId), new SnapshotCreate(name, description), wait);
    }

    @Command(name = "revert", description = "Return the VM to a snapshot: disks, memory and power state.")
    int revert(@Parameters(index = "0", paramLabel = "VM", description = "Name or id.") String vm,
               @Parameters(index = "1", paramLabel = "SNAPSHOT", description = "Name or id.") String snapshot,
               @Mixin WaitOption wait) {
        String vmId = vmId(vm);
        return changes().run(List.of(new Change(snapshot, () -> session.api().post(path(vmId) + "/"
                + UrlPaths.segment(resolve(vmId, snapshot).path("id").asText()) + "/revert", null))), wait.wait, false);
    }

    @Command(name = "delete", description = "Delete snapshots of a VM; the VM stays as it is.")
    int delete(@Parameters(index = "0", paramLabel = "VM", description = "Name or id.") String vm,
               @Parameters(index = "1..*", arity = "1..*", paramLabel = "SNAPSHOT", description = "Names or ids.")
               List<String> snapshots,
               @Mixin WaitOption wait) {
        String vmId = vmId(vm);
        List<Change> deletes = snapshots.stream().map(s -> new Change(s, () -> session.api().delete(path(vmId)
                + "/" + UrlPaths.segment(resolve(vmId, s).path("id").asText())))).toList();
        return changes().run(deletes, wait.wait, true);
    }

    private String vmId(String vm) {
        return session.resolver().id(Kind.VM, vm);
    }

    private static String path(String vmId) {
        return Kind.VM.path(vmId) + "/snapshots";
    }

    /** The snapshot by id (when it looks like one), else by its exact name among the VM's snapshots. */
    private JsonNode resolve(String vmId, String snapshot) {
        if (snapshot == null || snapshot.isBlank()) {
            throw new CliException.Usage("an empty snapshot name or id");
        }
        if (ID.matcher(snapshot).matches()) {
            try {
                return session.api().get(path(vmId) + "/" + UrlPaths.segment(snapshot), Map.of());
            } catch (CliException.Api e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        if (!snapshot.contains("*")) {
            for (JsonNode s : session.api().get(path(vmId), Map.of("name", snapshot, "limit", "2")).path("items")) {
                if (snapshot.equals(s.path("name").asText(null))) {
                    return s;
                }
            }
        }
        throw new CliException.NotFound("no snapshot named or with id '" + snapshot + "' on VM " + vmId);
    }
}
