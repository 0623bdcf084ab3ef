package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvrm.api.CpuCapacity;
import org.openvrm.api.Host;
import org.openvrm.api.HostCapacity;
import org.openvrm.api.HostHardware;
import org.openvrm.api.MemoryCapacity;
import org.openvrm.api.Task;

class TableTest {

    record Row(String name, Integer n) {}

    @Test
    void alignsColumnsAndRightAlignsNumbers() {
        String table = Table.render(List.of(Column.left("NAME", Row::name),
                        Column.right("N", r -> r.n() == null ? null : r.n().toString()),
                        Column.left("NOTE", r -> r.name().equals("b") ? "two\nlines" : "")),
                List.of(new Row("alpha", 5), new Row("b", 1234), new Row("c", null)));
        assertThat(table).isEqualTo("""
                NAME      N  NOTE
                alpha     5  -
                b      1234  two lines
                c         -  -
                """);
    }

    @Test
    void headerOnlyForNoRows() {
        assertThat(Table.render(List.of(Column.left("ID", Row::name), Column.left("NAME", Row::name)), List.of()))
                .isEqualTo("ID  NAME\n");
    }

    @Test
    void hostsShowCapacityUsedOverUsableAndTheClusterByName() {
        // 2 sockets x 8 cores x 2 threads = 32 logical CPUs at 2400 MHz = 76800 MHz; 4800 kept for management
        // 7200 MHz and 2 GB of it reserved by VMs: 64800 MHz and 56.5 GB left to reserve
        var cpu = new CpuCapacity(76800, 4800, 72000, 9600, 7200, 62400, 64800);
        // 64 GB total, 6.5 GB kept: 58.5 GB usable (59904 MB), 12 GB (12288 MB) allocated
        var mem = new MemoryCapacity(65536, 6656, 59904, 12288, 2048, 47616, 57856);
        var capacity = new HostCapacity(2, cpu, mem, new HostCapacity.HostLimits(100, 400, 400),
                new HostCapacity.HostLimits(3, 3, 3));
        var hw = new HostHardware("h1", "sim", 2, 8, 2, 32, 2400, 65536, 1, "SIMULATED");
        var up = new Host("host-0000000000000001", "esx-01", "cluster-00000000000000aa", "sim", "CONNECTED", null,
                hw, capacity, Instant.EPOCH);
        var joining = new Host("host-0000000000000002", "esx-02", "cluster-00000000000000aa", "sim", "CONNECTING",
                "waiting for the agent", null, null, Instant.EPOCH);
        var names = Map.of("cluster-00000000000000aa", "prod");

        String table = Table.render(Views.hosts((kind, id) -> kind == Kind.CLUSTER ? names.get(id) : id),
                List.of(up, joining));

        assertThat(table).isEqualTo("""
                ID                     NAME    CLUSTER  STATE       DRIVER  CPUS     CPU_MHZ   MEM_GB  CPU_RSV_MHZ  MEM_RSV_GB  VMS
                host-0000000000000001  esx-01  prod     CONNECTED   sim       32  9600/72000  12/58.5   7200/72000      2/58.5    3
                host-0000000000000002  esx-02  prod     CONNECTING  sim        -           -        -            -           -    -
                """);
    }

    @Test
    void tasksShowTheErrorOfAFailedTask() {
        var failed = new Task("task-01", "vm.start", "vm", "vm-01", "web-1", "FAILED", 40, "starting",
                new Task.TaskError("HOST_DOWN", "the host stopped answering"), Map.of(), 1, Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH);
        var queued = new Task("task-02", "vm.create", "vm", "vm-02", "web-2", "QUEUED", 0, null, null, Map.of(), 0,
                Instant.EPOCH, null, null);
        assertThat(Table.render(Views.tasks(), List.of(failed, queued))).isEqualTo("""
                ID       TYPE       TARGET  TARGET_ID  STATE   PROGRESS  MESSAGE
                task-01  vm.start   web-1   vm-01      FAILED       40%  the host stopped answering [code HOST_DOWN]
                task-02  vm.create  web-2   vm-02      QUEUED        0%  -
                """);
    }
}
