package org.openvrm.protocol;

import static java.util.Objects.requireNonNull;

import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.SnapshotInfo;
import org.openvrm.driver.Tuning;

/**
 * The closed set of things the manager may ask an agent to do. Each carries an id chosen by the manager: the agent
 * applies a command id at most once, so the manager may resend after a timeout or a restart without fear.
 * Adding a command without its handler in the agent fails to compile (exhaustive switch).
 */
public sealed interface AgentCommand {

    String commandId();

    String vmId();

    record DefineVm(String commandId, DomainSpec spec) implements AgentCommand {
        public DefineVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(spec, "spec is null");
        }

        @Override
        public String vmId() {
            return spec.vmId();
        }
    }

    record StartVm(String commandId, String vmId) implements AgentCommand {
        public StartVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
        }
    }

    /** Safe shutdown through the guest; fails with TIMEOUT when the guest ignores it for {@code timeoutMillis}. */
    record ShutdownVm(String commandId, String vmId, long timeoutMillis) implements AgentCommand {
        public ShutdownVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
            if (timeoutMillis < 1) {
                throw new IllegalArgumentException("timeoutMillis must be positive");
            }
        }
    }

    /** Force power-off. */
    record StopVm(String commandId, String vmId) implements AgentCommand {
        public StopVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
        }
    }

    record RebootVm(String commandId, String vmId) implements AgentCommand {
        public RebootVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
        }
    }

    record SuspendVm(String commandId, String vmId) implements AgentCommand {
        public SuspendVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
        }
    }

    record ResumeVm(String commandId, String vmId) implements AgentCommand {
        public ResumeVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
        }
    }

    /** Saves the guest's memory to disk and stops it (libvirt's managed save); a start resumes it. */
    record HibernateVm(String commandId, String vmId) implements AgentCommand {
        public HibernateVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
        }
    }

    /** Removes the domain and its own volumes. */
    record UndefineVm(String commandId, String vmId) implements AgentCommand {
        public UndefineVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
        }
    }

    /**
     * Grows the volume of disk {@code diskId} to {@code newSizeMb}: live while the domain runs or is paused, offline
     * while it is stopped. Repeating it with the same size does nothing.
     */
    record GrowDisk(String commandId, String vmId, String diskId, long newSizeMb) implements AgentCommand {
        public GrowDisk {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
            requireNonNull(diskId, "diskId is null");
            if (newSizeMb < 1) {
                throw new IllegalArgumentException("newSizeMb must be positive");
            }
        }
    }

    /**
     * Applies the domain's QoS (CPU, memory, disk and NIC limits): live while it runs or is paused, in its definition
     * otherwise. Repeating it does nothing.
     */
    record TuneVm(String commandId, String vmId, Tuning tuning) implements AgentCommand {
        public TuneVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
            requireNonNull(tuning, "tuning is null");
        }
    }

    /** Takes snapshot {@code snapshotId} (chosen by the manager) of the disks, and of the memory of a live domain. */
    record SnapshotVm(String commandId, String vmId, String snapshotId) implements AgentCommand {
        public SnapshotVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
            SnapshotInfo.requireValidId(snapshotId);
        }
    }

    /** Returns the domain to a snapshot: disks, memory, definition and power state. */
    record RevertVm(String commandId, String vmId, String snapshotId) implements AgentCommand {
        public RevertVm {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
            SnapshotInfo.requireValidId(snapshotId);
        }
    }

    /** Deletes a snapshot; the domain stays as it is. */
    record DeleteSnapshot(String commandId, String vmId, String snapshotId) implements AgentCommand {
        public DeleteSnapshot {
            requireNonNull(commandId, "commandId is null");
            requireNonNull(vmId, "vmId is null");
            SnapshotInfo.requireValidId(snapshotId);
        }
    }
}
