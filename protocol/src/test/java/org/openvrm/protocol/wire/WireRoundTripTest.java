package org.openvrm.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainStatus;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.GuestInfo;
import org.openvrm.driver.GuestInterface;
import org.openvrm.driver.HostInventory;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.MemTune;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.StateChangeCause;
import org.openvrm.driver.VirtualizationType;
import org.openvrm.driver.VncEndpoint;
import org.openvrm.protocol.AgentCommand;
import org.openvrm.protocol.AgentEvent;
import org.openvrm.protocol.CommandOutcome;
import org.openvrm.protocol.HostReport;
import org.openvrm.protocol.wire.pb.Command;

/** Every protocol type survives the wire unchanged: to protobuf, to bytes, back from bytes, back to the record. */
class WireRoundTripTest {

    static final DomainSpec SPEC = new DomainSpec("vm-1", "web", 7, 2, 4, 2048,
            List.of(new DomainSpec.DiskSpec("d0", 10_240, "/ds/a", "/img/base.qcow2", false, "virtio",
                            new IoTune(0, 2_097_152, 0, 100, 0, 0)),
                    new DomainSpec.DiskSpec("d1", 512, null, null, true, "scsi")),
            List.of(new DomainSpec.NicSpec("52:54:00:00:00:01", "br0", "virtio",
                    new NicBandwidth(new Bandwidth(1000, 2000, 64), Bandwidth.NONE))),
            List.of("disk", "network"), new DomainSpec.CpuTune(4000, 100_000, 25_000), new MemTune(1536, 512));

    static Stream<AgentCommand> commands() {
        // one of every AgentCommand record: the switch in Messages is exhaustive, this list must be too
        return Stream.of(new AgentCommand.DefineVm("c1", SPEC), new AgentCommand.StartVm("c2", "vm-1"),
                new AgentCommand.ShutdownVm("c3", "vm-1", 30_000), new AgentCommand.StopVm("c4", "vm-1"),
                new AgentCommand.RebootVm("c5", "vm-1"), new AgentCommand.SuspendVm("c6", "vm-1"),
                new AgentCommand.ResumeVm("c7", "vm-1"), new AgentCommand.HibernateVm("c8", "vm-1"),
                new AgentCommand.UndefineVm("c9", "vm-1"), new AgentCommand.GrowDisk("c10", "vm-1", "d0", 20_480),
                new AgentCommand.SnapshotVm("c11", "vm-1", "s1"), new AgentCommand.RevertVm("c12", "vm-1", "s1"),
                new AgentCommand.DeleteSnapshot("c13", "vm-1", "s1"),
                new AgentCommand.TuneVm("c14", "vm-1", SPEC.tuning()));
    }

    @Test
    void a_spec_from_a_sender_without_qos_beyond_cpu_takes_the_defaults() throws Exception {
        var old = Values.spec(SPEC).toBuilder().clearMemTune();
        old.getDisksBuilder(0).clearIoTune();
        old.getNicsBuilder(0).clearBandwidth();
        DomainSpec read = Values.spec(org.openvrm.protocol.wire.pb.DomainSpec.parseFrom(old.build().toByteArray()));
        assertThat(read.memTune()).isEqualTo(MemTune.full(SPEC.memoryMb()));
        assertThat(read.disks().getFirst().ioTune()).isEqualTo(IoTune.UNLIMITED);
        assertThat(read.nics().getFirst().bandwidth()).isEqualTo(NicBandwidth.NONE);
    }

    @Test
    void a_tuning_that_breaks_a_records_rule_is_refused() {
        var bad = Tunings.tuning(SPEC.tuning()).toBuilder()
                .putDisks("d0", org.openvrm.protocol.wire.pb.IoTune.newBuilder().setTotalIopsSec(5).setReadIopsSec(2)
                        .build()).build();
        assertThatThrownBy(() -> Tunings.tuning(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tunings.tuning(bad.toBuilder().clearMemory().build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_list_names_every_command_type() {
        assertThat(commands().map(Object::getClass).distinct())
                .hasSize(AgentCommand.class.getPermittedSubclasses().length);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void commands_round_trip(AgentCommand c) throws Exception {
        Command parsed = Command.parseFrom(Messages.command(c).toByteArray());
        assertThat(Messages.command(parsed)).isEqualTo(c);
    }

    @Test
    void a_command_without_an_action_is_refused() {
        assertThatThrownBy(() -> Messages.command(Command.newBuilder().setCommandId("x").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no action");
    }

    @Test
    void outcomes_round_trip() throws Exception {
        for (CommandOutcome o : List.of(
                new CommandOutcome.Succeeded("c1", Optional.of(new DomainStatus("vm-1", PowerState.RUNNING, 3))),
                new CommandOutcome.Succeeded("c2", Optional.empty()),
                new CommandOutcome.Failed("c3", DriverException.Reason.BAD_REFERENCE, "no image /img/x"))) {
            var parsed = org.openvrm.protocol.wire.pb.CommandOutcome.parseFrom(Messages.outcome(o).toByteArray());
            assertThat(Messages.outcome(parsed)).isEqualTo(o);
        }
    }

    @Test
    void events_round_trip() throws Exception {
        assertThat(AgentEvent.class.getPermittedSubclasses()).hasSize(2);
        var guest = new GuestInfo(true, Optional.of("web"), List.of(new GuestInterface("eth0", "52:54:00:00:00:01",
                List.of("10.0.0.5", "fe80::1"))));
        for (AgentEvent e : List.of(
                new AgentEvent.DomainChanged(new DomainStatus("vm-1", PowerState.CRASHED, 2), StateChangeCause.GUEST),
                new AgentEvent.GuestChanged("vm-1", guest), new AgentEvent.GuestChanged("vm-1", GuestInfo.NONE))) {
            var parsed = org.openvrm.protocol.wire.pb.Event.parseFrom(Messages.event(e).toByteArray());
            assertThat(Messages.event(parsed)).isEqualTo(e);
        }
    }

    @Test
    void values_round_trip() throws Exception {
        var report = new HostReport(new HostInventory("h1", "EPYC", 2, 8, 2, 32, 2400, 131_072, 2,
                VirtualizationType.KVM), List.of(new DomainStatus("vm-1", PowerState.HIBERNATED, 9)));
        assertThat(Values.report(org.openvrm.protocol.wire.pb.HostReport.parseFrom(
                Values.report(report).toByteArray()))).isEqualTo(report);
        assertThat(Values.vnc(Values.vnc(Optional.of(new VncEndpoint("127.0.0.1", 5901)))))
                .contains(new VncEndpoint("127.0.0.1", 5901));
        assertThat(Values.vnc(Values.vnc(Optional.empty()))).isEmpty();
        var snap = new SnapshotInfo("s1", Optional.of(Instant.ofEpochMilli(1_700_000_000_123L)), PowerState.PAUSED);
        assertThat(Values.snapshot(Values.snapshot(snap))).isEqualTo(snap);
        var undated = new SnapshotInfo("s2", Optional.empty(), PowerState.SHUTOFF);
        assertThat(Values.snapshot(Values.snapshot(undated))).isEqualTo(undated);
    }

    @Test
    void an_unknown_enum_name_is_a_clear_error() {
        var bad = org.openvrm.protocol.wire.pb.DomainStatus.newBuilder().setVmId("v").setState("EXPLODED").build();
        assertThatThrownBy(() -> Values.status(bad)).hasMessageContaining("unknown PowerState 'EXPLODED'");
    }
}
