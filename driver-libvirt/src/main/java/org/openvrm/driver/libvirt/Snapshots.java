package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.libvirt.Domains.Found;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Internal (qcow2) snapshots of one of our domains, once {@link CallRules} said the call is legal. A running or
 * paused domain's snapshot holds its memory too (QEMU's savevm), so a revert returns to the running guest. libvirt
 * pauses the guest while it saves and loads; those intermediate events are hidden by a quiet {@link Requests} ticket,
 * so listeners see only the state a call ends in.
 */
final class Snapshots {

    /** A snapshot as libvirt describes it. */
    record Described(SnapshotInfo info, Optional<String> parent) {
    }

    private final Connection connection;
    private final Domains domains;
    private final Requests requests;

    Snapshots(Connection connection, Domains domains, Requests requests) {
        this.connection = requireNonNull(connection, "connection is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.requests = requireNonNull(requests, "requests is null");
    }

    /** Takes {@code snapshotId} unless it exists; disks only for a stopped domain, disks and memory otherwise. */
    void take(Found found, String snapshotId, ProgressSink progress) {
        if (lookup(found, snapshotId).isPresent()) {
            return;
        }
        progress.report(10);
        String xml = "<domainsnapshot><name>" + Xml.escape(snapshotId) + "</name></domainsnapshot>";
        // savevm pauses a running guest and resumes it; a paused or stopped one sends nothing: expect nothing then
        boolean changes = found.state() == PowerState.RUNNING;
        quietly(found, found.state(), changes, "snapshot", d -> d.snapshotCreateXML(xml, 0).free());
    }

    /** Oldest first (by creation time, then parent before child, then name). */
    List<SnapshotInfo> list(Found found) {
        List<Described> all = connection.call("list the snapshots of " + found.name(), c -> {
            Domain domain = domains.domain(c, found);
            List<Described> described = new ArrayList<>();
            for (String name : domain.snapshotListNames(0)) {
                try {
                    DomainSnapshot snapshot = domain.snapshotLookupByName(name);
                    try {
                        described.add(describe(snapshot.getXMLDesc()));
                    } finally {
                        snapshot.free();
                    }
                } catch (LibvirtException e) {
                    if (!noSnapshot(e)) {
                        throw e; // NO_DOMAIN_SNAPSHOT: deleted in between
                    }
                }
            }
            return described;
        });
        return ordered(all);
    }

    /** Goes back to {@code snapshotId}; NOT_FOUND when there is no such snapshot. */
    void revert(Found found, String snapshotId, ProgressSink progress) {
        SnapshotInfo target = lookup(found, snapshotId).orElseThrow(() -> new DriverException(Reason.NOT_FOUND,
                "no snapshot " + snapshotId + " of domain " + found.name()));
        progress.report(10);
        // an inactive domain reverted to a stopped snapshot sends no lifecycle event: expect none then
        boolean changes = found.active() || target.stateAtSnapshot() != PowerState.SHUTOFF;
        quietly(found, target.stateAtSnapshot(), changes, "revert", d -> {
            DomainSnapshot snapshot = d.snapshotLookupByName(snapshotId);
            try {
                d.revertToSnapshot(snapshot);
            } finally {
                snapshot.free();
            }
        });
    }

    /** Deletes {@code snapshotId}; one that is not there is deleted already. */
    void delete(Found found, String snapshotId, ProgressSink progress) {
        connection.call("delete snapshot " + snapshotId + " of " + found.name(), c -> {
            DomainSnapshot snapshot;
            try {
                snapshot = domains.domain(c, found).snapshotLookupByName(snapshotId);
            } catch (LibvirtException e) {
                if (noSnapshot(e)) {
                    return null;
                }
                throw e;
            }
            try {
                snapshot.delete(0);
            } finally {
                snapshot.free();
            }
            return null;
        });
    }

    private Optional<SnapshotInfo> lookup(Found found, String snapshotId) {
        return connection.call("look up snapshot " + snapshotId + " of " + found.name(), c -> {
            try {
                DomainSnapshot snapshot = domains.domain(c, found).snapshotLookupByName(snapshotId);
                try {
                    return Optional.of(describe(snapshot.getXMLDesc()).info());
                } finally {
                    snapshot.free();
                }
            } catch (LibvirtException e) {
                if (noSnapshot(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private interface DomainCall {
        void apply(Domain domain) throws LibvirtException;
    }

    /** A call whose intermediate events (libvirt pauses the guest around savevm/loadvm) are not told. */
    private void quietly(Found found, PowerState target, boolean changes, String what, DomainCall call) {
        Requests.Ticket ticket = requests.begin(found.name(), target, true);
        try {
            connection.call(what + " " + found.name(), c -> {
                call.apply(domains.domain(c, found));
                return null;
            });
        } finally {
            requests.end(ticket, changes);
        }
        // the definition may be the snapshot's now: read the generation again for the events to come
        connection.call("look up " + found.name(), c -> domains.byName(c, found.name()));
    }

    /**
     * libvirt-java 0.5.2's error-number enum is out of step with newer libvirt from code 69 on (libvirt's 72,
     * VIR_ERR_NO_DOMAIN_SNAPSHOT, arrives as another constant), so the message is what tells.
     */
    static boolean noSnapshot(LibvirtException e) {
        org.libvirt.Error error = e.getError();
        String message = error == null || error.getMessage() == null ? String.valueOf(e.getMessage())
                : error.getMessage();
        return LibvirtErrors.isNoSnapshot(message);
    }

    /** Pure: libvirt's snapshot XML -> id, creation time, state, parent. */
    static Described describe(String xml) {
        Element root = parse(xml).getDocumentElement();
        Map<String, String> fields = new HashMap<>();
        String parent = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                switch (e.getTagName()) {
                    case "name", "state", "creationTime" -> fields.put(e.getTagName(), e.getTextContent().strip());
                    case "parent" -> parent = childText(e, "name");
                    default -> { }
                }
            }
        }
        Optional<Instant> created = Optional.ofNullable(fields.get("creationTime"))
                .map(t -> Instant.ofEpochSecond(Long.parseLong(t)));
        return new Described(new SnapshotInfo(fields.get("name"), created, state(fields.getOrDefault("state", ""))),
                Optional.ofNullable(parent));
    }

    /** Pure: libvirt's snapshot state names -> the power state a revert returns to. */
    static PowerState state(String libvirtState) {
        return switch (libvirtState) {
            case "running", "blocked", "shutdown" -> PowerState.RUNNING;
            case "paused", "pmsuspended" -> PowerState.PAUSED;
            default -> PowerState.SHUTOFF; // shutoff, crashed (inactive), disk-snapshot
        };
    }

    /** Pure: by creation time (seconds), then ancestors first, then id. */
    static List<SnapshotInfo> ordered(List<Described> all) {
        Map<String, String> parents = new HashMap<>();
        all.forEach(d -> d.parent().ifPresent(p -> parents.put(d.info().snapshotId(), p)));
        Comparator<Described> order = Comparator.comparing((Described d) -> d.info().createdAt().orElse(Instant.EPOCH))
                .thenComparingInt(d -> depth(d.info().snapshotId(), parents))
                .thenComparing(d -> d.info().snapshotId());
        return all.stream().sorted(order).map(Described::info).toList();
    }

    private static int depth(String id, Map<String, String> parents) {
        int depth = 0;
        for (String p = parents.get(id); p != null && depth <= parents.size(); p = parents.get(p)) {
            depth++;
        }
        return depth;
    }

    private static String childText(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static org.w3c.dom.Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new DriverException(Reason.FAILED, "cannot read libvirt's snapshot XML: " + e.getMessage(), e);
        }
    }
}
