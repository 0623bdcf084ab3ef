package org.openvrm.driver;

/**
 * I/O limits of one virtual disk in libvirt's {@code <iotune>} units (bytes and requests per second). 0 = not
 * limited, as in libvirt. A total and its read/write pair are never both set (libvirt refuses it).
 */
public record IoTune(
        long readBytesSec, long writeBytesSec, long totalBytesSec,
        long readIopsSec, long writeIopsSec, long totalIopsSec) {

    public static final IoTune UNLIMITED = new IoTune(0, 0, 0, 0, 0, 0);

    public IoTune {
        if (readBytesSec < 0 || writeBytesSec < 0 || totalBytesSec < 0
                || readIopsSec < 0 || writeIopsSec < 0 || totalIopsSec < 0) {
            throw new IllegalArgumentException("I/O limits must be >= 0 (0 = unlimited)");
        }
        if (totalBytesSec > 0 && (readBytesSec > 0 || writeBytesSec > 0)) {
            throw new IllegalArgumentException("totalBytesSec cannot be combined with readBytesSec or writeBytesSec");
        }
        if (totalIopsSec > 0 && (readIopsSec > 0 || writeIopsSec > 0)) {
            throw new IllegalArgumentException("totalIopsSec cannot be combined with readIopsSec or writeIopsSec");
        }
    }

    public boolean limited() {
        return !equals(UNLIMITED);
    }
}
