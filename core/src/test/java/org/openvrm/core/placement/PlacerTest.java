package org.openvrm.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.openvrm.core.placement.HostBuilder.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvrm.core.placement.PlacementDecision.Placed;
import org.openvrm.core.placement.PlacementDecision.Unplaceable;

/** Hosts: 40 CPUs at 2400 MHz, 128 GB: 86400 MHz and 116326 MB usable (see {@link HostBuilder}). */
class PlacerTest {

    private final Placer placer = new Placer(PlacementPolicy.defaults());

    private static VmDemand vm(int vcpus, long memoryMb) {
        return new VmDemand(vcpus, memoryMb, 0, 0, 1, 1);
    }

    @Test
    void equalHostsTieOnHostId() {
        var decision = placer.place(vm(4, 4096),
                List.of(host("h3").build(), host("h1").build(), host("h2").build()));
        // memory 116326 x 100 / (116326 + 4096) = 96; cpu 86400 x 100 / (86400 + 9600) = 90; (96 + 90) / 2 = 93
        assertThat(decision).isInstanceOf(Placed.class);
        var placed = (Placed) decision;
        assertThat(placed.hostId()).isEqualTo("h1");
        assertThat(placed.score()).isEqualTo(93);
        assertThat(placed.verdicts()).extracting(HostVerdict::hostId).containsExactly("h1", "h2", "h3");
        assertThat(placed.verdicts()).allSatisfy(v -> assertThat(v.feasible()).isTrue());
    }

    @Test
    void spreadsAcrossEqualHosts() {
        // place six 4-vCPU 16 GB VMs one after the other, feeding each decision back into the snapshot
        Map<String, Integer> count = new HashMap<>(Map.of("h1", 0, "h2", 0, "h3", 0));
        for (int i = 0; i < 6; i++) {
            var hosts = new ArrayList<HostSnapshot>();
            count.forEach((id, n) -> hosts.add(host(id).counts(n, n, n).running(n * 16_384L, n * 9_600L).build()));
            var placed = (Placed) placer.place(vm(4, 16_384), hosts);
            count.merge(placed.hostId(), 1, Integer::sum);
        }
        assertThat(count).containsOnly(Map.entry("h1", 2), Map.entry("h2", 2), Map.entry("h3", 2));
    }

    @Test
    void prefersTheLessPlacedHost() {
        // h1: 32768 + 4096 = 36864 placed -> memory 11632600 / 153190 = 75; cpu 19200 + 9600 = 28800 ->
        // 8640000 / 115200 = 75; (75 + 75) / 2 = 75.  h2 empty: 93
        var placed = (Placed) placer.place(vm(4, 4096),
                List.of(host("h1").running(32_768, 19_200).build(), host("h2").build()));
        assertThat(placed.hostId()).isEqualTo("h2");
        assertThat(placed.verdicts()).extracting(HostVerdict::hostId, HostVerdict::score)
                .containsExactly(tuple("h2", 93), tuple("h1", 75));
    }

    @Test
    void fullHostIsSkippedWithItsReason() {
        // h1 scores better on placement, but 75366 powered on + 65536 > 116326
        var h1 = host("h1").running(75_366, 0).build();
        // h2 has more placed (stopped VMs) but only 20000 powered on: 20000 + 65536 fits
        var h2 = host("h2").placed(100_000, 0).poweredOnMemory(20_000).build();
        var h3 = host("h3").unschedulable("in maintenance").build();
        var placed = (Placed) placer.place(vm(8, 65_536), List.of(h1, h2, h3));
        assertThat(placed.hostId()).isEqualTo("h2");
        assertThat(placed.verdicts()).extracting(HostVerdict::hostId).containsExactly("h2", "h1", "h3");
        assertThat(placed.verdicts().get(1)).isEqualTo(new HostVerdict("h1", "name-h1", false,
                List.of("memory: needs 65536 MB, 40960 MB free of 116326 MB usable: 24576 MB short"), 0));
        assertThat(placed.verdicts().get(2).reasons()).containsExactly("host is not schedulable: in maintenance");
    }

    @Test
    void everyFailingFilterIsListed() {
        var host = host("h1").unschedulable("disconnected").running(116_326, 0).build();
        var decision = (Unplaceable) placer.place(vm(41, 1024), List.of(host));
        assertThat(decision.verdicts().getFirst().reasons()).containsExactly(
                "host is not schedulable: disconnected",
                "vCPUs: needs 41 vCPUs, host has 40 logical CPUs",
                "memory: needs 1024 MB, 0 MB free of 116326 MB usable: 1024 MB short");
        // 41 vCPUs never fit 40 logical CPUs
        assertThat(decision.tooLargeForAnyHost()).isTrue();
    }

    @Test
    void tooLargeForAnyHostOrMerelyFull() {
        var small = host("small").hardware(16, 2400, 65_536).build(); // usable 65536 - 8192 = 57344 MB
        var big = host("big").build();                                 // usable 116326 MB
        var bigFull = host("big").running(116_326, 0).build();
        var bigMaintenance = host("big").unschedulable("in maintenance").build();
        var bigOvercommitted = host("big").overcommit(1.3).running(151_223, 0).build();

        // 120000 > 116326 usable on the biggest host
        var tooLarge = (Unplaceable) placer.place(vm(4, 120_000), List.of(small, big));
        assertThat(tooLarge.tooLargeForAnyHost()).isTrue();
        assertThat(tooLarge.verdicts()).extracting(HostVerdict::hostId).containsExactly("big", "small");
        // 120000 <= floor(116326 x 1.3) = 151223: would fit the empty overcommitted host, which is full
        assertThat(((Unplaceable) placer.place(vm(4, 120_000), List.of(small, bigOvercommitted))).tooLargeForAnyHost())
                .isFalse();
        // fits big when empty: full, not too large
        assertThat(((Unplaceable) placer.place(vm(4, 60_000), List.of(small, bigFull))).tooLargeForAnyHost()).isFalse();
        // fits big, which is in maintenance: not too large
        assertThat(((Unplaceable) placer.place(vm(4, 60_000), List.of(small, bigMaintenance))).tooLargeForAnyHost())
                .isFalse();
        // a memory reservation of 116327 MB exceeds 116326 usable everywhere, even with 1.3 on
        var reserving = new VmDemand(4, 120_000, 0, 116_327, 1, 1);
        assertThat(((Unplaceable) placer.place(reserving, List.of(host("b").overcommit(1.3).build())))
                .tooLargeForAnyHost()).isTrue();
        // 301 disks exceed the 300 a 128 GB host may carry
        assertThat(((Unplaceable) placer.place(new VmDemand(1, 1024, 0, 0, 301, 1), List.of(big)))
                .tooLargeForAnyHost()).isTrue();
    }

    @Test
    void noHostsAtAll() {
        assertThat(placer.place(vm(1, 1024), List.of())).isEqualTo(new Unplaceable(false, List.of()));
    }

    @Test
    void admitStartIgnoresSpecLimitsButNotResources() {
        // 100 of 100 VMs: place() refuses a new VM, but the stopped VM is already one of the 100
        var atSpec = host("h1").counts(100, 300, 200).build();
        assertThat(placer.place(vm(4, 4096), List.of(atSpec))).isInstanceOf(Unplaceable.class);
        assertThat(placer.admitStart(vm(4, 4096), atSpec)).isEmpty();

        // 100000 powered on + 20000 > 116326
        var busy = host("h1").running(100_000, 0).build();
        assertThat(placer.admitStart(vm(4, 20_000), busy))
                .containsExactly("memory: needs 20000 MB, 16326 MB free of 116326 MB usable: 3674 MB short");

        var maintenance = host("h1").unschedulable("in maintenance").build();
        assertThat(placer.admitStart(vm(4, 4096), maintenance)).containsExactly("host is not schedulable: in maintenance");

        // 82400 + 8000 > 86400
        var reserved = host("h1").poweredOnCpuReservation(82_400).build();
        assertThat(placer.admitStart(new VmDemand(4, 4096, 8000, 0, 1, 1), reserved))
                .containsExactly("CPU reservation: needs 8000 MHz, 4000 MHz left to reserve of 86400 MHz usable: 4000 MHz short");
    }

    @Test
    void customPolicyWithoutScorersStillDecides() {
        var onlyMemory = new Placer(new PlacementPolicy(List.of(new MemoryFilter()), List.of()));
        var placed = (Placed) onlyMemory.place(vm(4, 4096), List.of(host("b").build(), host("a").build()));
        assertThat(placed.hostId()).isEqualTo("a");
        assertThat(placed.score()).isZero();
    }

    @Test
    void weightsApply() {
        // memory 96 x 3 + cpu 88 x 1 = 376; 376 / 4 = 94
        var weighted = new Placer(new PlacementPolicy(PlacementPolicy.defaults().filters(), List.of(
                new WeightedScorer(new LeastPlacedMemoryScorer(), 3), new WeightedScorer(new LeastPlacedCpuScorer(), 1))));
        assertThat(((Placed) weighted.place(vm(4, 4096), List.of(host("a").build()))).score()).isEqualTo(94);
    }

    @Test
    void aScorerOutOfRangeIsABug() {
        HostScorer broken = new HostScorer() {
            @Override
            public String name() {
                return "Broken";
            }

            @Override
            public int score(VmDemand d, HostSnapshot h) {
                return 101;
            }
        };
        var placerWithBug = new Placer(new PlacementPolicy(List.of(), List.of(new WeightedScorer(broken, 1))));
        assertThatThrownBy(() -> placerWithBug.place(vm(1, 1024), List.of(host("a").build())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Broken scored 101");
    }

    @Test
    void customFilterJoinsTheVerdict() {
        HostFilter noOddHosts = new HostFilter() {
            @Override
            public String name() {
                return "NoOdd";
            }

            @Override
            public Optional<String> reject(VmDemand d, HostSnapshot h) {
                return h.hostId().endsWith("1") ? Optional.of("odd host") : Optional.empty();
            }
        };
        var custom = new Placer(new PlacementPolicy(List.of(noOddHosts), PlacementPolicy.defaults().scorers()));
        var placed = (Placed) custom.place(vm(1, 1024), List.of(host("h1").build(), host("h2").running(50_000, 0).build()));
        assertThat(placed.hostId()).isEqualTo("h2");
        assertThat(placed.verdicts().get(1).reasons()).containsExactly("odd host");
    }

    @Test
    void aThousandHostsPickTheLeastLoadedFeasibleOne() {
        var hosts = new ArrayList<HostSnapshot>();
        for (int i = 0; i < 1000; i++) {
            // every third host full, the rest increasingly loaded
            long used = i % 3 == 0 ? 116_326 : i * 100L;
            hosts.add(host("h%04d".formatted(i)).counts(i % 100, 0, 0).running(used, i * 50L).build());
        }
        PlacementDecision decision = placer.place(vm(4, 8192), hosts);
        // the least loaded feasible host: h0001 (i = 1, 100 MB placed); speed is measured in bench/, not here
        assertThat(((Placed) decision).hostId()).isEqualTo("h0001");
        assertThat(decision.verdicts()).hasSize(1000);
        assertThat(decision.verdicts().stream().filter(v -> !v.feasible()).count()).isEqualTo(334);
    }

    @Test
    void recordsValidate() {
        assertThatThrownBy(() -> new VmDemand(0, 1024, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VmDemand(1, 1024, -1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> host("h").overcommit(0.9).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> host("h").overcommit(Double.NaN).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostVerdict("h", "h", true, List.of("why"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostVerdict("h", "h", false, List.of("why"), 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeightedScorer(new LeastPlacedCpuScorer(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
