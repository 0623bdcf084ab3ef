package org.openvrm.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvrm.core.placement.HostBuilder.host;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every default filter, at and around its boundary. Host: see {@link HostBuilder}. */
class FiltersTest {

    record Case(String name, HostFilter filter, VmDemand demand, HostBuilder host, String rejection) {
        @Override
        public String toString() {
            return filter.name() + ": " + name;
        }
    }

    static VmDemand vm(int vcpus, long memoryMb) {
        return new VmDemand(vcpus, memoryMb, 0, 0, 1, 1);
    }

    static VmDemand reserving(long cpuMhz, long memoryMb) {
        return new VmDemand(2, 2048, cpuMhz, memoryMb, 1, 1);
    }

    static Stream<Case> cases() {
        var schedulable = new SchedulableFilter();
        var spec = new SpecLimitsFilter();
        var vcpus = new VcpuCountFilter();
        var cpuRes = new CpuReservationFilter();
        var memory = new MemoryFilter();
        var memRes = new MemoryReservationFilter();
        return Stream.of(
                new Case("connected", schedulable, vm(2, 2048), host("h"), null),
                new Case("in maintenance", schedulable, vm(2, 2048), host("h").unschedulable("in maintenance"),
                        "host is not schedulable: in maintenance"),
                new Case("no reason given", schedulable, vm(2, 2048), host("h").unschedulable(null),
                        "host is not schedulable: no reason given"),

                // 99 + 1 = 100 VMs <= 100; 298 + 1 <= 300 disks; 198 + 1 <= 200 NICs
                new Case("last VM slot", spec, vm(2, 2048), host("h").counts(99, 298, 198), null),
                new Case("VMs full", spec, vm(2, 2048), host("h").counts(100, 0, 0),
                        "spec limit on VMs: needs 1, 0 free of 100 allowed on this host"),
                // 298 + 3 = 301 > 300
                new Case("disks over", spec, new VmDemand(2, 2048, 0, 0, 3, 1), host("h").counts(10, 298, 10),
                        "spec limit on virtual disks: needs 3, 2 free of 300 allowed on this host"),
                // 100 VMs and 199 + 2 = 201 > 200 NICs: both named
                new Case("VMs and NICs over", spec, new VmDemand(2, 2048, 0, 0, 1, 2), host("h").counts(100, 0, 199),
                        "spec limit on VMs: needs 1, 0 free of 100 allowed on this host; "
                                + "spec limit on virtual NICs: needs 2, 1 free of 200 allowed on this host"),
                // 96 GB host: 50 VMs
                new Case("small tier", spec, vm(2, 2048), host("h").hardware(16, 2000, 98_304).counts(50, 0, 0),
                        "spec limit on VMs: needs 1, 0 free of 50 allowed on this host"),

                new Case("as many vCPUs as logical CPUs", vcpus, vm(40, 2048), host("h"), null),
                new Case("one vCPU too many", vcpus, vm(41, 2048), host("h"),
                        "vCPUs: needs 41 vCPUs, host has 40 logical CPUs"),

                // 82400 + 4000 = 86400 <= 86400 usable
                new Case("CPU reservation fills the host", cpuRes, reserving(4000, 0),
                        host("h").poweredOnCpuReservation(82_400), null),
                // 82400 + 4001 = 86401 > 86400; 86400 - 82400 = 4000 unreserved
                new Case("CPU reservation 1 MHz over", cpuRes, reserving(4001, 0),
                        host("h").poweredOnCpuReservation(82_400),
                        "CPU reservation: needs 4001 MHz, 4000 MHz left to reserve of 86400 MHz usable: 1 MHz short"),
                // the management share is never reservable: 96000 total but 86400 usable
                new Case("reservation larger than usable", cpuRes, reserving(90_000, 0), host("h"),
                        "CPU reservation: needs 90000 MHz, 86400 MHz left to reserve of 86400 MHz usable: 3600 MHz short"),

                // 75366 + 40960 = 116326 <= 116326
                new Case("memory fills the host", memory, vm(2, 40_960), host("h").poweredOnMemory(75_366), null),
                // 75366 + 65536 = 140902 > 116326; 116326 - 75366 = 40960 free
                new Case("memory short", memory, vm(2, 65_536), host("h").poweredOnMemory(75_366),
                        "memory: needs 65536 MB, 40960 MB free of 116326 MB usable: 24576 MB short"),
                // stopped VMs do not hold memory: placed 116326 but powered on 0
                new Case("stopped VMs hold no memory", memory, vm(2, 65_536), host("h").placed(116_326, 0), null),
                // floor(116326 x 1.3) = floor(151223.8) = 151223; 116326 + 34897 = 151223
                new Case("overcommit 1.3 fills the host", memory, vm(2, 34_897),
                        host("h").poweredOnMemory(116_326).overcommit(1.3), null),
                new Case("overcommit 1.3, 1 MB over", memory, vm(2, 34_898),
                        host("h").poweredOnMemory(116_326).overcommit(1.3),
                        "memory: needs 34898 MB, 34897 MB free of 151223 MB usable (116326 MB x 1.3 overcommit): 1 MB short"),
                // overcommit switched off after the fact: 120000 powered on > 116326, free shows 0
                new Case("already over capacity", memory, vm(1, 1), host("h").poweredOnMemory(120_000),
                        "memory: needs 1 MB, 0 MB free of 116326 MB usable: 3675 MB short"),

                // 100000 + 16326 = 116326 <= 116326, even with 1.3 on
                new Case("memory reservation fills the host", memRes, reserving(0, 16_326),
                        host("h").poweredOnMemoryReservation(100_000).overcommit(1.3), null),
                // 100000 + 16327 = 116327 > 116326: the 1.3 ratio does not apply to reservations (S9.3)
                new Case("memory reservation is not overcommitted", memRes, reserving(0, 16_327),
                        host("h").poweredOnMemoryReservation(100_000).overcommit(1.3),
                        "memory reservation: needs 16327 MB, 16326 MB left to reserve of 116326 MB usable: "
                                + "1 MB short"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(Case c) {
        assertThat(c.filter().reject(c.demand(), c.host().build())).isEqualTo(Optional.ofNullable(c.rejection()));
    }
}
