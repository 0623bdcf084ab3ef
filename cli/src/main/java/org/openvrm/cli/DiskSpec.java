package org.openvrm.cli;

import java.util.Locale;

/**
 * One {@code --disk SIZE[:thin|thick][@DATASTORE][=IMAGE]}, e.g. {@code 20G}, {@code 100G:thick@fast-ssd},
 * {@code 1G=/images/tiny-guest.qcow2}.
 *
 * @param provisioning "thin", "thick", or null for the API's default (thin)
 * @param datastore a datastore name or id as typed, or null for the only datastore
 * @param image a base image path the disk is a linked clone of, or null for a blank disk
 */
record DiskSpec(long sizeMb, String provisioning, String datastore, String image) {

    static DiskSpec parse(String text) {
        String s = text == null ? "" : text.strip();
        String image = null;
        // the image first: a path may hold '@' and ':', while sizes and datastore names never hold '='
        int eq = s.indexOf('=');
        if (eq >= 0) {
            image = s.substring(eq + 1);
            s = s.substring(0, eq);
            if (image.isBlank()) {
                throw usage(text, "nothing after '='; give a base image path or leave '=' out");
            }
        }
        String datastore = null;
        // split at the first '@': a size never holds one, while a datastore name may hold '@' and ':'
        int at = s.indexOf('@');
        if (at >= 0) {
            datastore = s.substring(at + 1);
            s = s.substring(0, at);
            if (datastore.isBlank()) {
                throw usage(text, "nothing after '@'; name a datastore or leave '@' out");
            }
        }
        String provisioning = null;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            provisioning = s.substring(colon + 1).toLowerCase(Locale.ROOT);
            s = s.substring(0, colon);
            if (!provisioning.equals("thin") && !provisioning.equals("thick")) {
                throw usage(text, "provisioning must be thin or thick, got '" + provisioning + "'");
            }
        }
        return new DiskSpec(Units.parseSizeMb("--disk size", s), provisioning, datastore, image);
    }

    private static CliException.Usage usage(String text, String why) {
        return new CliException.Usage("--disk '" + text + "': " + why + " (form: SIZE[:thin|thick][@DATASTORE][=IMAGE], "
                + "e.g. 20G, 100G:thick@ssd or 1G=/images/base.qcow2)");
    }
}
