package org.openvrm.cli;

import org.openvrm.api.NetworkQos;
import picocli.CommandLine.Option;

/** Traffic shaping, as seen from the VM: "in" is what it receives, "out" what it sends. */
final class ShapingOptions {

    @Option(names = "--in-avg", paramLabel = "MBPS", description = "Inbound average, Mbit/s.")
    Long inAvg;

    @Option(names = "--in-peak", paramLabel = "MBPS", description = "Inbound peak, Mbit/s.")
    Long inPeak;

    @Option(names = "--in-burst", paramLabel = "KB", description = "Inbound burst at peak, KB.")
    Long inBurst;

    @Option(names = "--out-avg", paramLabel = "MBPS", description = "Outbound average, Mbit/s.")
    Long outAvg;

    @Option(names = "--out-peak", paramLabel = "MBPS", description = "Outbound peak, Mbit/s.")
    Long outPeak;

    @Option(names = "--out-burst", paramLabel = "KB", description = "Outbound burst at peak, KB.")
    Long outBurst;

    /** Null when no shaping option is given: the port group is then unshaped. */
    NetworkQos qos() {
        NetworkQos.Shaping in = shaping(inAvg, inPeak, inBurst);
        NetworkQos.Shaping out = shaping(outAvg, outPeak, outBurst);
        return in == null && out == null ? null : new NetworkQos(in, out);
    }

    private static NetworkQos.Shaping shaping(Long avg, Long peak, Long burst) {
        return avg == null && peak == null && burst == null ? null : new NetworkQos.Shaping(avg, peak, burst);
    }
}
