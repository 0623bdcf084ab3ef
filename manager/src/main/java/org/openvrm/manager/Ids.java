package org.openvrm.manager;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes resource ids at the edge: a kind prefix and 64 random bits, e.g. {@code vm-3f2a9c1d0b7e4a55}. */
public class Ids {

    private final SecureRandom random = new SecureRandom();

    public String next(String prefix) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }

    /** A locally administered unicast MAC in the 52:54:00 range QEMU uses; uniqueness is enforced by the store. */
    public String nextMac() {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        return String.format("52:54:00:%02x:%02x:%02x", bytes[0] & 0xff, bytes[1] & 0xff, bytes[2] & 0xff);
    }
}
