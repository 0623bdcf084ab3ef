package org.openvrm.driver.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.openvrm.driver.DomainSpec.CpuTune;
import org.openvrm.driver.VncEndpoint;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Reads the few facts the driver needs back from the domain XML libvirt returns. Pure. */
final class DomainXmlReader {

    private DomainXmlReader() {
    }

    /**
     * The VNC endpoint of a running domain's live XML: the port libvirt chose (autoport) and the listen address
     * (127.0.0.1 when none is given). Empty without a VNC device or before a port is assigned (-1).
     */
    static Optional<VncEndpoint> vnc(String liveXml) {
        NodeList graphics = document(liveXml).getElementsByTagName("graphics");
        for (int i = 0; i < graphics.getLength(); i++) {
            Element g = (Element) graphics.item(i);
            if (!g.getAttribute("type").equals("vnc")) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(g.getAttribute("port"));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (port < 1) {
                return Optional.empty();
            }
            String listen = g.getAttribute("listen");
            return Optional.of(new VncEndpoint(listen.isBlank() ? "127.0.0.1" : listen, port));
        }
        return Optional.empty();
    }

    /** The definition's {@code <cputune>} shares, period and quota (absent quota = unlimited). */
    static CpuTune cputune(String xml) {
        NodeList tunes = document(xml).getElementsByTagName("cputune");
        if (tunes.getLength() == 0) {
            throw new IllegalArgumentException("the definition has no <cputune>");
        }
        Element tune = (Element) tunes.item(0);
        return new CpuTune(number(tune, "shares", -1), number(tune, "period", -1),
                number(tune, "quota", CpuTune.UNLIMITED));
    }

    private static long number(Element parent, String child, long absent) {
        NodeList nodes = parent.getElementsByTagName(child);
        if (nodes.getLength() == 0) {
            return absent;
        }
        long value = Long.parseLong(nodes.item(0).getTextContent().strip());
        return child.equals("quota") && value <= 0 ? absent : value;
    }

    /** The MAC address of each {@code <interface>}, lower-case, in device order. */
    static List<String> macs(String xml) {
        List<String> out = new ArrayList<>();
        NodeList interfaces = document(xml).getElementsByTagName("interface");
        for (int i = 0; i < interfaces.getLength(); i++) {
            NodeList macs = ((Element) interfaces.item(i)).getElementsByTagName("mac");
            if (macs.getLength() > 0) {
                out.add(((Element) macs.item(0)).getAttribute("address").toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The file the first serial port logs to ({@code <serial><log file=…>}), if any. */
    static Optional<String> serialLog(String xml) {
        NodeList serials = document(xml).getElementsByTagName("serial");
        for (int i = 0; i < serials.getLength(); i++) {
            NodeList logs = ((Element) serials.item(i)).getElementsByTagName("log");
            if (logs.getLength() > 0) {
                String file = ((Element) logs.item(0)).getAttribute("file");
                return file.isBlank() ? Optional.empty() : Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * Each {@code <interface>}'s MAC (lower case) -> its host device ({@code <target dev=…>}, the tap), in document
     * order; "" where there is none (a domain that is not running, or a NIC without a MAC is left out).
     */
    static Map<String, String> nicTaps(String xml) {
        Map<String, String> taps = new LinkedHashMap<>();
        NodeList interfaces = document(xml).getElementsByTagName("interface");
        for (int i = 0; i < interfaces.getLength(); i++) {
            Element nic = (Element) interfaces.item(i);
            String mac = firstAttribute(nic, "mac", "address").toLowerCase(Locale.ROOT);
            if (!mac.isEmpty()) {
                taps.put(mac, firstAttribute(nic, "target", "dev"));
            }
        }
        return taps;
    }

    private static String firstAttribute(Element parent, String child, String attribute) {
        NodeList children = parent.getElementsByTagName(child);
        return children.getLength() == 0 ? "" : ((Element) children.item(0)).getAttribute(attribute);
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("unreadable domain XML: " + e.getMessage(), e);
        }
    }
}
