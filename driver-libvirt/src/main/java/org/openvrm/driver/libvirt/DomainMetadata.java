package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What OpenVRM keeps inside a domain's {@code <metadata>}: which VM it is, which spec generation it was defined
 * from, the spec's fingerprint and the volumes the domain owns. A domain without it is not ours (unmanaged).
 */
public record DomainMetadata(String vmId, long generation, String fingerprint, List<String> volumes) {

    public DomainMetadata {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(fingerprint, "fingerprint is null");
        volumes = List.copyOf(volumes);
    }

    /** Reads the metadata from a domain's XML (as libvirt returns it); empty when the domain is not ours. */
    public static Optional<DomainMetadata> parse(String domainXml) {
        Document doc = document(domainXml);
        NodeList found = doc.getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, "domain");
        if (found.getLength() == 0) {
            return Optional.empty();
        }
        Element root = (Element) found.item(0);
        String vmId = child(root, "vmId");
        String generation = child(root, "generation");
        if (vmId == null || generation == null) {
            return Optional.empty();
        }
        String fingerprint = child(root, "fingerprint");
        List<String> volumes = new ArrayList<>();
        NodeList vols = root.getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, "volume");
        for (int i = 0; i < vols.getLength(); i++) {
            volumes.add(((Element) vols.item(i)).getAttribute("path"));
        }
        try {
            return Optional.of(new DomainMetadata(vmId, Long.parseLong(generation.strip()),
                    fingerprint == null ? "" : fingerprint.strip(), volumes));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String child(Element root, String name) {
        NodeList nodes = root.getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("unreadable domain XML: " + e.getMessage(), e);
        }
    }
}
