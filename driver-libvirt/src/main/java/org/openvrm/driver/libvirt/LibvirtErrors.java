package org.openvrm.driver.libvirt;

import java.util.Locale;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.openvrm.driver.DriverException;
import org.openvrm.driver.DriverException.Reason;

/** Maps libvirt's errors onto the driver contract's closed set of reasons, in one place. */
final class LibvirtErrors {

    private LibvirtErrors() {
    }

    static DriverException map(String what, LibvirtException e) {
        org.libvirt.Error error = e.getError();
        ErrorNumber code = error == null ? ErrorNumber.VIR_ERR_UNKNOWN : error.getCode();
        ErrorDomain domain = error == null ? ErrorDomain.VIR_FROM_NONE : error.getDomain();
        String message = error == null || error.getMessage() == null ? String.valueOf(e.getMessage())
                : error.getMessage();
        return new DriverException(reason(code, domain, message), what + ": " + message, e);
    }

    /** Pure: which reason a libvirt error is. */
    static Reason reason(ErrorNumber code, ErrorDomain domain, String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (domain == ErrorDomain.VIR_FROM_RPC || domain == ErrorDomain.VIR_FROM_REMOTE
                || text.contains("connection refused") || text.contains("end of file while reading data")
                || text.contains("client socket is closed") || text.contains("no connection driver available")) {
            return Reason.UNAVAILABLE;
        }
        return switch (code) {
            case VIR_ERR_NO_DOMAIN -> Reason.NOT_FOUND;
            case VIR_ERR_OPERATION_INVALID -> Reason.INVALID_STATE;
            case VIR_ERR_NO_CONNECT, VIR_ERR_INVALID_CONN, VIR_ERR_RPC, VIR_ERR_AUTH_FAILED -> Reason.UNAVAILABLE;
            case VIR_ERR_OPERATION_TIMEOUT -> Reason.TIMEOUT;
            case VIR_ERR_NO_MEMORY -> Reason.RESOURCE_EXHAUSTED;
            case VIR_ERR_NO_NETWORK, VIR_ERR_NO_STORAGE_VOL, VIR_ERR_NO_STORAGE_POOL, VIR_ERR_NO_SOURCE,
                    VIR_ERR_NO_INTERFACE -> Reason.BAD_REFERENCE;
            default -> fromMessage(text);
        };
    }

    /** libvirt's text for VIR_ERR_NO_DOMAIN_SNAPSHOT, whose number libvirt-java 0.5.2 maps to another constant. */
    static boolean isNoSnapshot(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("domain snapshot not found");
    }

    private static Reason fromMessage(String text) {
        if (isNoSnapshot(text)) {
            return Reason.NOT_FOUND;
        }
        if (text.contains("no such device") || text.contains("no such file or directory")
                || text.contains("cannot get interface")) {
            return Reason.BAD_REFERENCE; // e.g. a missing bridge or image at start
        }
        if (text.contains("cannot allocate memory") || text.contains("no space left")) {
            return Reason.RESOURCE_EXHAUSTED;
        }
        if (text.contains("not running") || text.contains("already running") || text.contains("is not paused")) {
            return Reason.INVALID_STATE;
        }
        return Reason.FAILED;
    }
}
