package org.openvrm.driver.libvirt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openvrm.driver.DomainSpec;
import org.openvrm.driver.DomainSpec.DiskSpec;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;

/**
 * A domain's disks as qcow2 files: {@code <datastorePath>/<vmId>-<diskId>.qcow2}. Blank disks are thin (grow on
 * write) or thick (fallocated); a disk with a source image is a linked clone whose backing file is that image, as big
 * as the larger of its sizeMb and the image. Files are made by root with mode 0644; libvirt's dynamic ownership hands
 * them to the QEMU user while the domain runs, so the datastore directory only needs to be searchable by it.
 */
final class Volumes {

    private final QemuImg qemuImg;

    Volumes(QemuImg qemuImg) {
        this.qemuImg = requireNonNull(qemuImg, "qemuImg is null");
    }

    /** The file of each disk, in spec order. */
    static List<String> paths(DomainSpec spec) {
        return spec.disks().stream()
                .map(d -> Path.of(requireDatastore(spec, d)).resolve(Names.volumeFile(spec.vmId(), d.id())).toString())
                .toList();
    }

    /** Fails with BAD_REFERENCE, before anything is made, when a datastore directory or source image is missing. */
    void check(DomainSpec spec) {
        for (DiskSpec disk : spec.disks()) {
            Path store = Path.of(requireDatastore(spec, disk));
            if (!Files.isDirectory(store)) {
                throw bad(spec, disk, "datastore directory " + store + " does not exist");
            }
            if (disk.sourceImage() != null && !Files.isRegularFile(Path.of(disk.sourceImage()))) {
                throw bad(spec, disk, "source image " + disk.sourceImage() + " does not exist");
            }
        }
    }

    /**
     * Makes every volume that is not there yet. A file already at a volume's path is this VM's disk from an earlier
     * define (same vmId and disk id) and is kept as it is. On failure, whatever this call made is deleted again.
     *
     * @return the files this call made
     */
    List<String> create(DomainSpec spec, List<String> paths) {
        List<String> made = new ArrayList<>();
        try {
            for (int i = 0; i < spec.disks().size(); i++) {
                Path file = Path.of(paths.get(i));
                if (Files.exists(file)) {
                    continue;
                }
                create(spec.disks().get(i), file);
                made.add(file.toString());
            }
            return made;
        } catch (RuntimeException e) {
            delete(made);
            throw e;
        }
    }

    private void create(DiskSpec disk, Path file) {
        try {
            if (disk.sourceImage() == null) {
                qemuImg.create(file, disk.sizeMb(), disk.thick());
            } else {
                Path base = Path.of(disk.sourceImage()).toAbsolutePath();
                QemuImg.Info info = qemuImg.info(base);
                long size = Math.max(disk.sizeMb() * 1024 * 1024, info.virtualSizeBytes());
                qemuImg.createOverlay(file, base, info.format(), size);
            }
        } catch (QemuImg.Failure e) {
            deleteQuietly(file); // qemu-img may leave a partial file behind
            String message = e.getMessage() == null ? "" : e.getMessage();
            Reason reason = message.toLowerCase(Locale.ROOT).contains("no space left")
                    ? Reason.RESOURCE_EXHAUSTED : Reason.FAILED;
            throw new DriverException(reason, "cannot create volume " + file + " of disk " + disk.id() + ": "
                    + message, e);
        }
    }

    /** Deletes the given files; missing ones are fine. */
    void delete(List<String> files) {
        for (String f : files) {
            deleteQuietly(Path.of(f));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.getLogger(Volumes.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot delete volume " + file + ": " + e.getMessage());
        }
    }

    private static String requireDatastore(DomainSpec spec, DiskSpec disk) {
        if (disk.datastorePath() == null || disk.datastorePath().isBlank()) {
            throw bad(spec, disk, "no datastore path");
        }
        return disk.datastorePath();
    }

    private static DriverException bad(DomainSpec spec, DiskSpec disk, String what) {
        return new DriverException(Reason.BAD_REFERENCE, spec.vmId() + ": disk " + disk.id() + ": " + what);
    }
}
