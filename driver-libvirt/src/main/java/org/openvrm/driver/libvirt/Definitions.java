package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;
import org.openvrm.driver.PowerState;
import org.openvrm.driver.ProgressSink;
import org.openvrm.driver.libvirt.CallRules.Op;
import org.openvrm.driver.libvirt.Domains.Found;
import org.openvrm.driver.libvirt.Domains.Managed;
import org.openvrm.driver.libvirt.EventDispatcher.Identity;

/** Defining and undefining domains: the volumes, the bridges, the XML, the metadata and the serial log. */
final class Definitions {

    private static final System.Logger LOG = System.getLogger(Definitions.class.getName());
    // VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | SNAPSHOTS_METADATA | NVRAM | CHECKPOINTS_METADATA
    private static final int UNDEFINE_EVERYTHING = 1 | 2 | 4 | 16;

    private final LibvirtConfig config;
    private final Connection connection;
    private final Domains domains;
    private final Requests requests;
    private final DomainActions actions;
    private final Volumes volumes;
    private final PowerOps power;
    private final Supplier<HostFacts> hostFacts;
    private final DomainXmlWriter writer = new DomainXmlWriter();
    private final Bridges bridges = Bridges.local();

    Definitions(LibvirtConfig config, Connection connection, Domains domains, Requests requests,
            DomainActions actions, Volumes volumes, PowerOps power, Supplier<HostFacts> hostFacts) {
        this.config = requireNonNull(config, "config is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.actions = requireNonNull(actions, "actions is null");
        this.volumes = requireNonNull(volumes, "volumes is null");
        this.power = requireNonNull(power, "power is null");
        this.hostFacts = requireNonNull(hostFacts, "hostFacts is null");
    }

    /** See {@link LibvirtDriver#define}. */
    void define(DomainSpec spec, ProgressSink progress) {
        requireNonNull(spec, "spec is null");
        requireNonNull(progress, "progress is null");
        String vmId = spec.vmId();
        DomainPlan plan = plan(spec);
        actions.locked(vmId, () -> {
            Optional<Found> existing = actions.find(vmId);
            Set<String> dropped = new HashSet<>();
            if (existing.isPresent()) {
                if (!(existing.get() instanceof Managed m)) {
                    throw new DriverException(Reason.FAILED, "domain name " + existing.get().name()
                            + " is taken by a domain OpenVRM does not manage");
                }
                if (m.metadata().describes(spec)) {
                    volumes.create(spec, plan.volumes());
                    progress.report(100);
                    return;
                }
                DomainActions.refuseWhereIllegal(Op.REDEFINE, m, vmId);
                dropped.addAll(m.metadata().volumes());
                dropped.removeAll(plan.volumes());
            }
            volumes.check(spec);
            if (config.isLocal()) {
                bridges.ensure(spec); // a remote host's agent makes its own (issue 4)
            }
            String xml = xml(plan);
            if (existing.isEmpty()) {
                deleteLog(Path.of(plan.serialLog())); // a domain of that name before: its console is not this one's
            }
            progress.report(10);
            List<String> made = volumes.create(spec, plan.volumes());
            progress.report(80);
            Requests.Ticket ticket = requests.begin(plan.name(), PowerState.SHUTOFF, false);
            boolean defined = false;
            try {
                connection.call("define " + vmId, c -> c.domainDefineXML(xml));
                defined = true;
            } catch (RuntimeException e) {
                volumes.delete(made);
                throw e;
            } finally {
                requests.end(ticket, defined && existing.isEmpty()); // only a new domain sends "defined, added"
            }
            domains.remember(plan.name(), new Identity(vmId, spec.generation()));
            volumes.delete(List.copyOf(dropped));
            progress.report(100);
        });
    }

    /** Once {@link CallRules} allowed it: see {@link LibvirtDriver#undefine}. */
    void undefine(Found found, ProgressSink progress) {
        Managed m = (Managed) found;
        if (m.active()) {
            power.destroy(m, ProgressSink.NONE); // a crashed guest preserved by on_crash=preserve
        }
        connection.call("undefine " + m.name(), c -> {
            domains.domain(c, m).undefine(UNDEFINE_EVERYTHING);
            return null;
        });
        domains.forget(m.name());
        volumes.delete(m.metadata().volumes());
        deleteLog(serialLog(m.name()));
    }

    private DomainPlan plan(DomainSpec spec) {
        String name = domains.nameOf(spec.vmId());
        return new DomainPlan(spec, name, Names.domainUuid(spec.vmId()), Volumes.paths(spec),
                serialLog(name).toString(), SpecFingerprint.of(spec));
    }

    private Path serialLog(String domainName) {
        return Path.of(config.serialLogDir()).resolve(domainName + "-serial.log");
    }

    private String xml(DomainPlan plan) {
        try {
            return writer.write(plan, hostFacts.get());
        } catch (IllegalArgumentException e) {
            throw new DriverException(Reason.FAILED, plan.spec().vmId() + ": " + e.getMessage(), e);
        }
    }

    private void deleteLog(Path log) {
        if (!config.isLocal()) {
            return; // a remote host's agent keeps its own logs (issue 4)
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the old serial log " + log + ": " + e.getMessage());
        }
    }
}
