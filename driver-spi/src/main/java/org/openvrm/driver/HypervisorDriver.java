package org.openvrm.driver;

import java.util.List;
import java.util.Optional;

/**
 * What the host agent needs from a hypervisor. One contract, two drivers: libvirt (the product) and the
 * simulator (scale and fault tests). The contract test suite in this module's test-jar runs on both.
 *
 * <p>Every mutating call is idempotent on the target state: starting a running domain, stopping a stopped one or
 * undefining one that does not exist succeeds without doing anything. That is what lets the manager retry and
 * resume a task after a crash without ever applying it twice. A call that cannot reach its target state throws a
 * {@link DriverException} whose {@link DriverException.Reason} says why.
 */
public interface HypervisorDriver extends AutoCloseable {

    /** What the host is: CPU, memory and the kind of virtualization it offers (seed S3). */
    HostInventory inventory();

    /**
     * Asks the hypervisor something cheap, now (no cached answer): returns when it answers, throws UNAVAILABLE when it
     * cannot be reached. The agent's heartbeat: a host whose hypervisor is down stops being heard.
     */
    void ping();

    /**
     * Every domain this hypervisor knows, managed or not. A domain the driver did not define (no record of a vmId) is
     * reported with its own name as vmId and generation 0; calls that change a domain refuse such a domain with
     * INVALID_STATE, so it is reported but never touched.
     */
    List<DomainStatus> listDomains();

    /** The domain of {@code vmId} (or an unmanaged domain of that name, as {@link #listDomains} reports it). */
    Optional<DomainStatus> domain(String vmId);

    /**
     * Creates the domain's definition and volumes, or does nothing when an equal definition exists (in any state).
     * A different spec for an existing domain (the manager bumped the generation) replaces the definition while the
     * domain is stopped (SHUTOFF or CRASHED; its state is kept and the new generation reported) and is refused with
     * INVALID_STATE while it runs or is paused. A driver that makes volumes reports a missing datastore or source
     * image as BAD_REFERENCE, and a failed define leaves no domain and no volume behind.
     */
    void define(DomainSpec spec, ProgressSink progress);

    void start(String vmId, ProgressSink progress);

    /** Safe shutdown (ACPI or guest agent); waits at most {@code timeoutMillis}, then fails with TIMEOUT. */
    void shutdown(String vmId, long timeoutMillis, ProgressSink progress);

    /** Force stop: the power cord. A CRASHED domain becomes SHUTOFF (the crash is acknowledged). */
    void destroy(String vmId, ProgressSink progress);

    void reboot(String vmId, ProgressSink progress);

    void suspend(String vmId, ProgressSink progress);

    void resume(String vmId, ProgressSink progress);

    /** Removes the definition, its snapshots and the domain's own volumes, and nothing else. It must be stopped. */
    void undefine(String vmId, ProgressSink progress);

    /**
     * Takes a snapshot of the domain's disks, and of its memory when it runs or is paused, so that a revert returns to
     * the running (or paused) guest. An existing snapshot of that id is left as it is (idempotent). NOT_FOUND for an
     * unknown vmId; INVALID_STATE for a CRASHED domain (destroy it first).
     *
     * @throws IllegalArgumentException for an id {@link SnapshotInfo#requireValidId} refuses
     */
    void snapshot(String vmId, String snapshotId, ProgressSink progress);

    /** The domain's snapshots, oldest first. NOT_FOUND for an unknown vmId. */
    List<SnapshotInfo> snapshots(String vmId);

    /**
     * Returns the domain's disks, memory, definition (spec generation included) and power state to what they were
     * when the snapshot was taken, in any state the domain is in now. NOT_FOUND for an unknown vmId or snapshot.
     */
    void revertToSnapshot(String vmId, String snapshotId, ProgressSink progress);

    /**
     * Deletes a snapshot (the domain stays as it is); an unknown snapshot is deleted already (idempotent). NOT_FOUND
     * for an unknown vmId.
     */
    void deleteSnapshot(String vmId, String snapshotId, ProgressSink progress);

    /**
     * Stops the domain with its memory saved to disk: RUNNING or PAUSED becomes {@link PowerState#HIBERNATED}, which
     * holds no host memory; {@code start} resumes the guest where it was. HIBERNATED stays (idempotent); SHUTOFF or
     * CRASHED is INVALID_STATE; NOT_FOUND for an unknown vmId. From HIBERNATED, {@code destroy} discards the saved
     * memory (SHUTOFF), {@code undefine} removes it with the domain, {@code revertToSnapshot} discards it and reverts;
     * {@code shutdown}, {@code reboot}, {@code suspend}, {@code resume}, {@code snapshot} and {@code define} of a
     * different spec are INVALID_STATE.
     */
    void hibernate(String vmId, ProgressSink progress);

    /**
     * Grows the volume of disk {@code diskId} (a {@link DomainSpec.DiskSpec#id()}) to {@code newSizeMb}: live while
     * RUNNING or PAUSED (the guest sees the new size without a restart), offline while SHUTOFF. The same size does
     * nothing (idempotent); a smaller one is INVALID_STATE (disks only grow); HIBERNATED or CRASHED is INVALID_STATE;
     * an unknown disk is BAD_REFERENCE; an unknown vmId NOT_FOUND. The disk and its size are checked before the
     * state, so a grow repeated after it happened is a no-op in any state. The driver's recorded spec gets the new
     * size with its generation unchanged, so a later {@code define} of the manager's spec with that size is equal (a
     * no-op).
     */
    void growDisk(String vmId, String diskId, long newSizeMb, ProgressSink progress);

    /**
     * Applies a domain's QoS: at once to the running guest while RUNNING or PAUSED (no restart), and to its
     * definition in every state but HIBERNATED (a saved guest resumes with the tuning it was saved with:
     * INVALID_STATE). The driver's recorded spec gets the new tuning with its generation unchanged, so a later
     * {@code define} of the manager's spec with that tuning is equal (a no-op). The same tuning again does nothing
     * (idempotent). A tuning that does not name exactly the domain's disks and NICs is BAD_REFERENCE, checked before
     * anything is applied; a balloon above the domain's memory size is BAD_REFERENCE too; an unknown vmId NOT_FOUND.
     */
    void tune(String vmId, Tuning tuning, ProgressSink progress);

    /**
     * The tuning the hypervisor enforces now, read back from it (for a running domain, its live values; the
     * definition's otherwise): what an operator would see with {@code virsh schedinfo}, {@code blkdeviotune},
     * {@code memtune}/{@code dominfo} and the NIC's shaping. NOT_FOUND for an unknown vmId.
     */
    Tuning tuning(String vmId);

    /**
     * Where a client reaches the domain's graphical console while it runs or is paused; empty otherwise. NOT_FOUND
     * for an unknown vmId.
     */
    Optional<VncEndpoint> vnc(String vmId);

    /**
     * The last {@code maxBytes} bytes of what the guest wrote on its serial console since its last start ("" if it
     * never started), decoded as UTF-8 and never starting inside a character (so it may be a few bytes shorter).
     * NOT_FOUND for an unknown vmId.
     *
     * @throws IllegalArgumentException when {@code maxBytes} is below 1
     */
    String consoleOutput(String vmId, int maxBytes);

    /**
     * What the guest agent says now, asked with a bounded wait (a few seconds at most). A domain that does not run,
     * or whose agent does not answer, gives {@link GuestInfo#NONE}; that is never an error. NOT_FOUND for an unknown
     * vmId.
     */
    GuestInfo guestInfo(String vmId);

    /** Power-state changes the hypervisor saw, including ones nobody asked for (crash, shutdown from inside). */
    void addListener(DomainEventListener listener);

    @Override
    void close();
}
