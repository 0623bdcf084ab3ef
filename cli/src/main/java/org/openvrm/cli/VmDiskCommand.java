package org.openvrm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.openvrm.api.DiskGrow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vrm vm disk}: changes to one disk of a VM. */
@Command(name = "disk", description = "A VM's disks.")
final class VmDiskCommand extends NounCommand {

    VmDiskCommand(Session session) {
        super(session);
    }

    @Command(name = "grow", description = {"Grow a disk of a VM: live while it runs or is suspended, or while it "
            + "is stopped. Disks only grow.", "e.g. vrm vm disk grow web-1 0 40G --wait"})
    int grow(@Parameters(index = "0", paramLabel = "VM", description = "Name or id.") String vm,
             @Parameters(index = "1", paramLabel = "DISK", description = "The disk's index (0, 1, ...) or id.")
             String disk,
             @Parameters(index = "2", paramLabel = "SIZE", description = "The new size, as in --disk: 40G, 512M, "
                     + "1.5T.") String size,
             @Mixin WaitOption wait) {
        long sizeMb = Units.parseSizeMb("SIZE", size);
        var change = new Change(vm, () -> {
            JsonNode found = session.resolver().resolve(Kind.VM, vm);
            String diskId = diskId(found, disk);
            return session.api().post("/vms/" + UrlPaths.segment(found.path("id").asText()) + "/disks/"
                    + UrlPaths.segment(diskId) + "/grow", new DiskGrow(sizeMb));
        });
        return changes().run(List.of(change), wait.wait, false);
    }

    /** The disk's id from its index or id as typed; anything else lists the VM's disks. */
    static String diskId(JsonNode vm, String typed) {
        List<String> known = new ArrayList<>();
        for (JsonNode d : vm.path("disks")) {
            String id = d.path("id").asText();
            if (id.equals(typed) || Integer.toString(d.path("index").asInt()).equals(typed)) {
                return id;
            }
            known.add(d.path("index").asInt() + " (" + id + ", " + Units.gb(d.path("sizeMb").asLong()) + "G)");
        }
        throw new CliException.NotFound("VM " + vm.path("name").asText() + " has no disk '" + typed + "'; "
                + (known.isEmpty() ? "it has no disks" : "its disks: " + String.join(", ", known)));
    }
}
