package org.openvrm.driver.libvirt;

import static org.openvrm.driver.libvirt.Xml.escape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openvrm.driver.Bandwidth;
import org.openvrm.driver.DomainSpec.CpuTune;
import org.openvrm.driver.IoTune;
import org.openvrm.driver.MemTune;
import org.openvrm.driver.NicBandwidth;
import org.openvrm.driver.Tuning;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The tuning a domain was defined or last tuned with, kept in our metadata as {@code <openvrm:tuning>}: it is part
 * of the recorded spec (the fingerprint leaves it out, so {@code tune} changes it without a new spec) and the only
 * record of NIC shaping while the domain is stopped (tc shaping exists only while the tap does). Disks and NICs are
 * written sorted by id and MAC so the text does not depend on map order.
 */
final class TuningMetadata {

    static final String ELEMENT = "tuning";
    /**
     * The tuning an older version's fingerprint covers (it printed the CPU tuning into the spec text), written when
     * such a domain is first tuned, so that the fingerprint can still be checked: against the spec with this tuning.
     */
    static final String FINGERPRINTED = "fingerprintedTuning";

    private TuningMetadata() {
    }

    /** The element, indented for the domain XML writer; {@code indent} is the depth of the tuning element. */
    static String xml(Tuning t, String indent) {
        return xml(ELEMENT, t, indent);
    }

    static String xml(String element, Tuning t, String indent) {
        StringBuilder x = new StringBuilder();
        x.append(indent).append("<openvrm:").append(element).append(" shares='").append(t.cpu().shares())
                .append("' period='").append(t.cpu().periodMicros())
                .append("' quota='").append(t.cpu().quotaMicros())
                .append("' balloonMb='").append(t.memory().balloonMb())
                .append("' softLimitMb='").append(t.memory().softLimitMb()).append("'>\n");
        for (Map.Entry<String, IoTune> e : new TreeMap<>(t.disks()).entrySet()) {
            IoTune io = e.getValue();
            x.append(indent).append("  <openvrm:io disk='").append(escape(e.getKey()))
                    .append("' readBytesSec='").append(io.readBytesSec())
                    .append("' writeBytesSec='").append(io.writeBytesSec())
                    .append("' totalBytesSec='").append(io.totalBytesSec())
                    .append("' readIopsSec='").append(io.readIopsSec())
                    .append("' writeIopsSec='").append(io.writeIopsSec())
                    .append("' totalIopsSec='").append(io.totalIopsSec()).append("'/>\n");
        }
        for (Map.Entry<String, NicBandwidth> e : new TreeMap<>(t.nics()).entrySet()) {
            Bandwidth in = e.getValue().inbound();
            Bandwidth out = e.getValue().outbound();
            x.append(indent).append("  <openvrm:nic mac='").append(escape(e.getKey()))
                    .append("' inAverage='").append(in.averageKBps())
                    .append("' inPeak='").append(in.peakKBps())
                    .append("' inBurst='").append(in.burstKb())
                    .append("' outAverage='").append(out.averageKBps())
                    .append("' outPeak='").append(out.peakKBps())
                    .append("' outBurst='").append(out.burstKb()).append("'/>\n");
        }
        x.append(indent).append("</openvrm:").append(element).append(">\n");
        return x.toString();
    }

    /**
     * The tuning inside our metadata element, empty when there is none (a domain defined before tuning was
     * recorded).
     *
     * @throws IllegalArgumentException when it is there but unreadable
     */
    static Optional<Tuning> parse(Element openvrmDomain) {
        return parse(openvrmDomain, ELEMENT);
    }

    static Optional<Tuning> parse(Element openvrmDomain, String element) {
        NodeList found = openvrmDomain.getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, element);
        if (found.getLength() == 0) {
            return Optional.empty();
        }
        Element t = (Element) found.item(0);
        CpuTune cpu = new CpuTune(number(t, "shares"), number(t, "period"), number(t, "quota"));
        MemTune memory = new MemTune(number(t, "balloonMb"), number(t, "softLimitMb"));
        Map<String, IoTune> disks = new LinkedHashMap<>();
        NodeList ios = t.getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, "io");
        for (int i = 0; i < ios.getLength(); i++) {
            Element io = (Element) ios.item(i);
            disks.put(io.getAttribute("disk"), new IoTune(number(io, "readBytesSec"), number(io, "writeBytesSec"),
                    number(io, "totalBytesSec"), number(io, "readIopsSec"), number(io, "writeIopsSec"),
                    number(io, "totalIopsSec")));
        }
        Map<String, NicBandwidth> nics = new LinkedHashMap<>();
        NodeList found2 = t.getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, "nic");
        for (int i = 0; i < found2.getLength(); i++) {
            Element nic = (Element) found2.item(i);
            nics.put(nic.getAttribute("mac"), new NicBandwidth(
                    new Bandwidth(number(nic, "inAverage"), number(nic, "inPeak"), number(nic, "inBurst")),
                    new Bandwidth(number(nic, "outAverage"), number(nic, "outPeak"), number(nic, "outBurst"))));
        }
        return Optional.of(new Tuning(cpu, memory, disks, nics));
    }

    private static long number(Element e, String attribute) {
        try {
            return Long.parseLong(e.getAttribute(attribute).strip());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("tuning metadata: " + attribute + "='" + e.getAttribute(attribute)
                    + "' is not a number");
        }
    }
}
