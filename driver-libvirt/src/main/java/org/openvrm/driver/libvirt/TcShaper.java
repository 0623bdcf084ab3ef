package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.NicBandwidth;

/**
 * Shapes taps by MAC: looks at what each tap and ifb holds ({@link TcState}), runs the commands {@link TcPlan}
 * says, and reads the shaping back. Knows nothing of libvirt: {@link NicShaping} finds the taps. A command that fails
 * is a {@link DriverException} carrying tc's stderr: BAD_REFERENCE when the device is missing, FAILED otherwise.
 */
final class TcShaper {

    private final CommandRunner runner;

    TcShaper(CommandRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
    }

    /**
     * @param tapsByMac every NIC of the domain: lower-case MAC -> its tap
     * @param wanted lower-case MAC -> its shaping; each must be in {@code tapsByMac}; NICs not named are left alone
     */
    void apply(Map<String, String> tapsByMac, Map<String, NicBandwidth> wanted) {
        // everything checked before anything runs: an unknown MAC or an impossible burst changes nothing
        wanted.forEach((mac, want) -> {
            if (!tapsByMac.containsKey(mac) || tapsByMac.get(mac).isEmpty()) {
                throw new DriverException(Reason.BAD_REFERENCE, "the domain has no running NIC with MAC " + mac);
            }
            TcPlan.check(mac, want);
        });
        wanted.forEach((mac, want) -> {
            String tap = tapsByMac.get(mac);
            String ifb = TcPlan.ifbName(mac);
            TcPlan.Qdiscs tapNow = qdiscs(tap).orElseThrow(() -> new DriverException(Reason.BAD_REFERENCE,
                    "the tap " + tap + " of NIC " + mac + " does not exist"));
            TcPlan.Qdiscs ifbNow = qdiscs(ifb).orElse(TcPlan.Qdiscs.ABSENT);
            for (List<String> command : TcPlan.apply(tap, ifb, want, tapNow, ifbNow)) {
                checked(command);
            }
        });
    }

    /** What tc enforces on each NIC now; a NIC without a tap (domain not running) reads NONE. */
    Map<String, NicBandwidth> read(Map<String, String> tapsByMac) {
        Map<String, NicBandwidth> result = new LinkedHashMap<>();
        tapsByMac.forEach((mac, tap) -> result.put(mac, tap.isEmpty() ? NicBandwidth.NONE : readOne(mac, tap)));
        return Map.copyOf(result);
    }

    /** Deletes the ifb devices of these NICs, where there are any (their taps are gone with QEMU). */
    void release(Collection<String> macs) {
        for (String mac : macs) {
            String ifb = TcPlan.ifbName(mac);
            if (qdiscs(ifb).isPresent()) {
                checked(TcPlan.removeIfb(ifb));
            }
        }
    }

    private NicBandwidth readOne(String mac, String tap) {
        TcPlan.Qdiscs tapNow = qdiscs(tap).orElse(TcPlan.Qdiscs.ABSENT);
        Bandwidth inbound = tapNow.rootHtb()
                ? TcState.htbClass(checked(List.of("tc", "class", "show", "dev", tap))) : Bandwidth.NONE;
        Bandwidth outbound = Bandwidth.NONE;
        String ifb = TcPlan.ifbName(mac);
        if (tapNow.ingress() && TcState.redirectsTo(
                checked(List.of("tc", "filter", "show", "dev", tap, "parent", "ffff:")), ifb)
                && qdiscs(ifb).orElse(TcPlan.Qdiscs.ABSENT).rootHtb()) {
            outbound = TcState.htbClass(checked(List.of("tc", "class", "show", "dev", ifb)));
        }
        return new NicBandwidth(inbound, outbound);
    }

    /** The device's qdiscs; empty when there is no such device. */
    private Optional<TcPlan.Qdiscs> qdiscs(String dev) {
        List<String> show = List.of("tc", "-j", "qdisc", "show", "dev", dev);
        CommandRunner.Output out = runner.run(show);
        if (!out.ok() && missingDevice(out.stderr())) {
            return Optional.empty();
        }
        return Optional.of(TcState.qdiscs(stdout(show, out)));
    }

    private String checked(List<String> command) {
        return stdout(command, runner.run(command));
    }

    private static String stdout(List<String> command, CommandRunner.Output out) {
        if (out.ok()) {
            return out.stdout();
        }
        Reason reason = missingDevice(out.stderr()) ? Reason.BAD_REFERENCE : Reason.FAILED;
        throw new DriverException(reason, String.join(" ", command) + " failed (exit " + out.exit() + "): "
                + (out.stderr().isEmpty() ? out.stdout() : out.stderr()));
    }

    private static boolean missingDevice(String stderr) {
        return stderr.contains("Cannot find device") || stderr.contains("does not exist");
    }
}
