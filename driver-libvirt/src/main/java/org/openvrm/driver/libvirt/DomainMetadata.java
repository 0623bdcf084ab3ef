package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.Tuning;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What OpenVRM keeps inside a domain's {@code <metadata>}: which VM it is, which spec generation it was defined
 * from, the spec's fingerprint (disk sizes left out), the volumes the domain owns and each disk's id and size as it
 * is now (growDisk changes the size), and the QoS tuning as defined or last tuned (tune changes it). A domain
 * without it is not ours (unmanaged).
 *
 * @param volumes the owned volume files, in the order of the spec's disks
 * @param disks one per volume, same order; empty for domains defined before sizes were kept here
 * @param tuning empty for domains defined before the tuning was kept apart from the fingerprint
 * @param fingerprinted for such a domain tuned since: the tuning its old fingerprint covers
 */
public record DomainMetadata(String vmId, long generation, String fingerprint, List<String> volumes,
        List<Disk> disks, Optional<Tuning> tuning, Optional<Tuning> fingerprinted) {

    /** One disk as the domain has it now. */
    public record Disk(String id, long sizeMb, boolean thick) {
        public Disk {
            requireNonNull(id, "id is null");
        }
    }

    public DomainMetadata {
        requireNonNull(vmId, "vmId is null");
        requireNonNull(fingerprint, "fingerprint is null");
        volumes = List.copyOf(volumes);
        disks = List.copyOf(disks);
        requireNonNull(tuning, "tuning is null");
        requireNonNull(fingerprinted, "fingerprinted is null");
    }

    /** The metadata of a domain of this version (its fingerprint leaves the tuning out). */
    public DomainMetadata(String vmId, long generation, String fingerprint, List<String> volumes, List<Disk> disks,
            Optional<Tuning> tuning) {
        this(vmId, generation, fingerprint, volumes, disks, tuning, Optional.empty());
    }

    /** The metadata of a domain defined by a version that did not record its tuning apart. */
    public DomainMetadata(String vmId, long generation, String fingerprint, List<String> volumes, List<Disk> disks) {
        this(vmId, generation, fingerprint, volumes, disks, Optional.empty(), Optional.empty());
    }

    /**
     * Whether the domain was defined from {@code spec}, with its disk sizes as grown and its tuning as tuned since.
     * Domains defined by older versions carry the fingerprint of that version's spec text ({@link SpecFingerprint}).
     */
    public boolean describes(DomainSpec spec) {
        if (disks.isEmpty() && !spec.disks().isEmpty()) {
            return fingerprint.equals(SpecFingerprint.legacy(spec)); // defined before sizes were kept apart
        }
        List<Disk> wanted = spec.disks().stream().map(d -> new Disk(d.id(), d.sizeMb(), d.thick())).toList();
        if (tuning.isEmpty()) {
            return fingerprint.equals(SpecFingerprint.preTuning(spec)) && disks.equals(wanted);
        }
        if (fingerprinted.isPresent()) { // an older version's domain, tuned since: its fingerprint is of then
            DomainSpec asDefined;
            try {
                asDefined = spec.withTuning(fingerprinted.get());
            } catch (IllegalArgumentException e) {
                return false; // other disks or NICs
            }
            return fingerprint.equals(SpecFingerprint.preTuning(asDefined)) && disks.equals(wanted)
                    && tuning.get().equals(spec.tuning());
        }
        return fingerprint.equals(SpecFingerprint.of(spec)) && disks.equals(wanted)
                && tuning.get().equals(spec.tuning());
    }

    /** The index of disk {@code diskId} in {@link #disks} and {@link #volumes}, or -1. */
    public int diskIndex(String diskId) {
        for (int i = 0; i < disks.size(); i++) {
            if (disks.get(i).id().equals(diskId)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads the metadata from a domain's XML (as libvirt returns it); empty when the domain is not ours. */
    public static Optional<DomainMetadata> parse(String domainXml) {
        Optional<Element> root = root(document(domainXml));
        if (root.isEmpty()) {
            return Optional.empty();
        }
        String vmId = child(root.get(), "vmId");
        String generation = child(root.get(), "generation");
        if (vmId == null || generation == null) {
            return Optional.empty();
        }
        String fingerprint = child(root.get(), "fingerprint");
        List<String> volumes = new ArrayList<>();
        NodeList vols = root.get().getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, "volume");
        for (int i = 0; i < vols.getLength(); i++) {
            volumes.add(((Element) vols.item(i)).getAttribute("path"));
        }
        try {
            List<Disk> disks = new ArrayList<>();
            NodeList found = root.get().getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, "disk");
            for (int i = 0; i < found.getLength(); i++) {
                Element disk = (Element) found.item(i);
                disks.add(new Disk(disk.getAttribute("id"), Long.parseLong(disk.getAttribute("sizeMb")),
                        Boolean.parseBoolean(disk.getAttribute("thick"))));
            }
            return Optional.of(new DomainMetadata(vmId, Long.parseLong(generation.strip()),
                    fingerprint == null ? "" : fingerprint.strip(), volumes, disks,
                    TuningMetadata.parse(root.get()), TuningMetadata.parse(root.get(), TuningMetadata.FINGERPRINTED)));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return Optional.empty();
        }
    }

    /**
     * {@code domainXml} with disk {@code diskId}'s size in our metadata set to {@code sizeMb}, everything else as it
     * was; for redefining the domain after its volume grew.
     *
     * @throws IllegalArgumentException when the XML has no such disk in our metadata
     */
    public static String withDiskSize(String domainXml, String diskId, long sizeMb) {
        Document doc = document(domainXml);
        Element root = root(doc).orElseThrow(() -> new IllegalArgumentException("not an OpenVRM domain"));
        NodeList found = root.getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, "disk");
        for (int i = 0; i < found.getLength(); i++) {
            Element disk = (Element) found.item(i);
            if (disk.getAttribute("id").equals(diskId)) {
                disk.setAttribute("sizeMb", Long.toString(sizeMb));
                return text(doc);
            }
        }
        throw new IllegalArgumentException("no disk " + diskId + " in the domain's metadata");
    }

    /**
     * {@code domainXml} with our recorded tuning replaced by {@code tuning} (added where there was none), everything
     * else as it was; for redefining the domain after a tune.
     */
    public static String withTuning(String domainXml, Tuning tuning) {
        return withTuning(domainXml, tuning, Optional.empty());
    }

    /**
     * The same, and for a domain of an older version tuned for the first time, {@code fingerprinted}: the tuning its
     * fingerprint covers (see {@link #describes}).
     */
    public static String withTuning(String domainXml, Tuning tuning, Optional<Tuning> fingerprinted) {
        Document doc = document(domainXml);
        Element root = root(doc).orElseThrow(() -> new IllegalArgumentException("not an OpenVRM domain"));
        NodeList old = root.getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, TuningMetadata.ELEMENT);
        for (int i = old.getLength() - 1; i >= 0; i--) {
            old.item(i).getParentNode().removeChild(old.item(i));
        }
        root.appendChild(doc.importNode(element(TuningMetadata.ELEMENT, tuning), true));
        if (fingerprinted.isPresent()) {
            root.appendChild(doc.importNode(element(TuningMetadata.FINGERPRINTED, fingerprinted.get()), true));
        }
        return text(doc);
    }

    private static Element element(String name, Tuning tuning) {
        String fragment = "<openvrm:domain xmlns:openvrm='" + DomainXmlWriter.METADATA_NS + "'>"
                + TuningMetadata.xml(name, tuning, "") + "</openvrm:domain>";
        return (Element) document(fragment).getDocumentElement()
                .getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, name).item(0);
    }

    private static Optional<Element> root(Document doc) {
        NodeList found = doc.getElementsByTagNameNS(DomainXmlWriter.METADATA_NS, "domain");
        return found.getLength() == 0 ? Optional.empty() : Optional.of((Element) found.item(0));
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

    private static String text(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write domain XML back: " + e.getMessage(), e);
        }
    }
}
