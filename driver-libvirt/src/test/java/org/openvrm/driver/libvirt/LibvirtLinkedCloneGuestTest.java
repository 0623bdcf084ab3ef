package org.openvrm.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openvrm.driver.ProgressSink;

/**
 * Three linked clones of the tiny guest image: each overlay's backing file is the image, each guest writes its own
 * bytes into its boot disk where the image holds nothing, and after a restart each reads back only its own; the
 * image itself never changes.
 */
@Timeout(900)
class LibvirtLinkedCloneGuestTest extends RealGuestTest {

    private static final Pattern BACKING = Pattern.compile("\"backing-filename\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HOLE = Pattern.compile(
            "\"start\"\\s*:\\s*(\\d+)\\s*,\\s*\"length\"\\s*:\\s*(\\d+)[^}]*\"data\"\\s*:\\s*false");

    @Override
    protected String label() {
        return "clones";
    }

    @Test
    void threeClonesShareTheImageAndEachKeepsOnlyItsOwnWrites() throws IOException {
        Path image = TestHost.tinyGuest().toAbsolutePath();
        String checksum = sha256(image);
        long sector = unwrittenSector(image);
        List<String> vmIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String vmId = newVmId("clone" + i);
            vmIds.add(vmId);
            driver.define(tinySpec(vmId), ProgressSink.NONE);
            driver.start(vmId, ProgressSink.NONE);
        }
        for (String vmId : vmIds) {
            assertThat(backingFile(datastore.resolve(Names.volumeFile(vmId, "root")))).isEqualTo(image.toString());
            String name = driver.domainName(vmId);
            awaitAgent(name, Duration.ofSeconds(240));
            exec(name, "printf '%s' " + marker(vmId) + " | dd of=/dev/vda bs=512 seek=" + sector
                    + " conv=notrunc,fsync 2>/dev/null && sync");
            assertThat(readMarker(name, sector)).isEqualTo(marker(vmId));
        }
        for (String vmId : vmIds) { // QEMU stops and starts again: nothing is left in any cache
            driver.shutdown(vmId, 120_000, ProgressSink.NONE);
            driver.start(vmId, ProgressSink.NONE);
        }
        for (String vmId : vmIds) {
            String name = driver.domainName(vmId);
            awaitAgent(name, Duration.ofSeconds(240));
            assertThat(readMarker(name, sector)).as("what %s reads back", vmId).isEqualTo(marker(vmId));
        }
        assertThat(sha256(image)).as("the shared image is untouched").isEqualTo(checksum);
    }

    private static String marker(String vmId) {
        return "openvrm-clone-" + vmId;
    }

    private static String readMarker(String name, long sector) {
        return exec(name, "dd if=/dev/vda bs=512 skip=" + sector + " count=1 2>/dev/null | tr -d '\\000'");
    }

    /** A 512-byte sector inside the image's virtual size that the image leaves unwritten (reads as zeros). */
    private static long unwrittenSector(Path image) throws IOException {
        TestHost.Result map = TestHost.run(Duration.ofSeconds(30), "qemu-img", "map", "-U", "--output=json",
                image.toString());
        assertThat(map.exit()).as(map.output()).isZero();
        Matcher hole = HOLE.matcher(map.output());
        while (hole.find()) {
            long start = Long.parseLong(hole.group(1));
            long length = Long.parseLong(hole.group(2));
            long at = (start + length / 2) / 512;
            if (length >= 1024 * 1024) {
                return at;
            }
        }
        throw new AssertionError("the tiny guest image has no unwritten MiB: " + map.output());
    }

    private static String backingFile(Path overlay) throws IOException {
        TestHost.Result r = TestHost.run(Duration.ofSeconds(30), "qemu-img", "info", "-U", "--output=json",
                overlay.toString());
        Matcher m = BACKING.matcher(r.output());
        assertThat(m.find()).as("a backing file in %s", r.output()).isTrue();
        return m.group(1);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
