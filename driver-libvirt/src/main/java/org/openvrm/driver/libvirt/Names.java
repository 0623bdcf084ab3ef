package org.openvrm.driver.libvirt;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * How a vmId becomes a libvirt domain name, a domain UUID and file names. Pure and stable: the same vmId always
 * gives the same names, so a repeated define finds what an earlier one made.
 */
final class Names {

    private Names() {
    }

    /** {@code prefix + vmId}, with every character other than letters, digits, '.', '_' and '-' as %XX. */
    static String domainName(String prefix, String vmId) {
        return prefix + safe(vmId);
    }

    /** A name-based (v3) UUID of the vmId: stable across redefinitions, distinct per vmId. */
    static UUID domainUuid(String vmId) {
        return UUID.nameUUIDFromBytes(("openvrm-vm:" + vmId).getBytes(StandardCharsets.UTF_8));
    }

    /** The volume file of one disk: {@code <vmId>-<diskId>.qcow2}, both parts made file-name safe. */
    static String volumeFile(String vmId, String diskId) {
        return safe(vmId) + "-" + safe(diskId) + ".qcow2";
    }

    static String safe(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (plain && !(out.isEmpty() && c == '.')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
