package org.openvrm.driver.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;
import org.openvrm.driver.DriverException;

/**
 * The libvirt calls of live QoS that libvirt-java 0.5.2 lacks: the {@code *Flags} variants that say LIVE and/or
 * CONFIG, and the typed-parameter calls for memory and block I/O tuning. Each call looks the domain up by name on
 * the caller's connection, so it runs inside {@link Connection#call} like every other libvirt call.
 *
 * <p>Typed parameters are written into plain native memory: {@code virTypedParameter} is {@code char field[80]},
 * {@code int type}, then an 8-byte union at offset 88; 96 bytes each on x86_64.
 */
final class NativeTuning {

    /** VIR_DOMAIN_AFFECT_LIVE / _CONFIG. */
    static final int LIVE = 1;
    static final int CONFIG = 2;

    private static final int FIELD_LENGTH = 80;
    private static final int TYPE_OFFSET = 80;
    private static final int VALUE_OFFSET = 88;
    private static final int PARAM_SIZE = 96;
    private static final int TYPE_INT = 1;
    private static final int TYPE_UINT = 2;
    private static final int TYPE_LLONG = 3;
    private static final int TYPE_ULLONG = 4;
    /** remote_protocol's REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX: room for every scheduler parameter. */
    private static final int SCHED_MAX = 16;

    /** The C functions, bound by JNA as libvirt-java binds its own. */
    interface Libvirt extends com.sun.jna.Library {
        Libvirt LIB = Native.load("virt", Libvirt.class);

        DomainPointer virDomainLookupByName(ConnectionPointer connection, String name);

        int virDomainFree(DomainPointer domain);

        int virDomainSetSchedulerParametersFlags(DomainPointer d, Pointer params, int n, int flags);

        int virDomainGetSchedulerParametersFlags(DomainPointer d, Pointer params, IntByReference n, int flags);

        int virDomainSetMemoryFlags(DomainPointer d, NativeLong kib, int flags);

        int virDomainSetMemoryParameters(DomainPointer d, Pointer params, int n, int flags);

        int virDomainGetMemoryParameters(DomainPointer d, Pointer params, IntByReference n, int flags);

        int virDomainSetBlockIoTune(DomainPointer d, String disk, Pointer params, int n, int flags);

        int virDomainGetBlockIoTune(DomainPointer d, String disk, Pointer params, IntByReference n, int flags);

        String virGetLastErrorMessage();

        int virGetLastErrorCode();

        int virGetLastErrorDomain();
    }

    /** A typed parameter to set: signed (LLONG) or unsigned (ULLONG) 64-bit, the only kinds QoS needs. */
    record Param(String field, long value, boolean signed) {
        static Param unsigned(String field, long value) {
            return new Param(field, value, false);
        }

        static Param signed(String field, long value) {
            return new Param(field, value, true);
        }
    }

    private NativeTuning() {
    }

    static void setScheduler(ConnectionPointer c, String domain, Map<String, Param> params, int flags) {
        withDomain(c, domain, d -> check("set the scheduler parameters of " + domain,
                Libvirt.LIB.virDomainSetSchedulerParametersFlags(d, encode(params), params.size(), flags)));
    }

    static Map<String, Long> scheduler(ConnectionPointer c, String domain, int flags) {
        return withDomain(c, domain, d -> {
            Memory buffer = new Memory((long) SCHED_MAX * PARAM_SIZE);
            buffer.clear();
            IntByReference n = new IntByReference(SCHED_MAX);
            check("read the scheduler parameters of " + domain,
                    Libvirt.LIB.virDomainGetSchedulerParametersFlags(d, buffer, n, flags));
            return decode(buffer, n.getValue());
        });
    }

    static void setMemory(ConnectionPointer c, String domain, long kib, int flags) {
        withDomain(c, domain, d -> check("set the memory of " + domain,
                Libvirt.LIB.virDomainSetMemoryFlags(d, new NativeLong(kib), flags)));
    }

    static void setMemoryParameters(ConnectionPointer c, String domain, Map<String, Param> params, int flags) {
        withDomain(c, domain, d -> check("set the memory parameters of " + domain,
                Libvirt.LIB.virDomainSetMemoryParameters(d, encode(params), params.size(), flags)));
    }

    static Map<String, Long> memoryParameters(ConnectionPointer c, String domain, int flags) {
        return withDomain(c, domain, d -> read("read the memory parameters of " + domain,
                (buffer, n) -> Libvirt.LIB.virDomainGetMemoryParameters(d, buffer, n, flags)));
    }

    /** @param disk the disk's target ({@code vda}) or source path */
    static void setBlockIoTune(ConnectionPointer c, String domain, String disk, Map<String, Param> params, int flags) {
        withDomain(c, domain, d -> check("set the I/O limits of " + disk + " of " + domain,
                Libvirt.LIB.virDomainSetBlockIoTune(d, disk, encode(params), params.size(), flags)));
    }

    static Map<String, Long> blockIoTune(ConnectionPointer c, String domain, String disk, int flags) {
        return withDomain(c, domain, d -> read("read the I/O limits of " + disk + " of " + domain,
                (buffer, n) -> Libvirt.LIB.virDomainGetBlockIoTune(d, disk, buffer, n, flags)));
    }

    private interface Getter {
        int get(Pointer buffer, IntByReference n);
    }

    /** The usual two-step read: ask for the count with no buffer, then fill one that big. */
    private static Map<String, Long> read(String what, Getter getter) {
        IntByReference n = new IntByReference(0);
        check(what, getter.get(null, n));
        if (n.getValue() == 0) {
            return Map.of();
        }
        Memory buffer = new Memory((long) n.getValue() * PARAM_SIZE);
        buffer.clear();
        check(what, getter.get(buffer, n));
        return decode(buffer, n.getValue());
    }

    private interface OnDomain<T> {
        T apply(DomainPointer domain);
    }

    private static <T> T withDomain(ConnectionPointer c, String name, OnDomain<T> body) {
        DomainPointer d = Libvirt.LIB.virDomainLookupByName(c, name);
        if (d == null) {
            throw error("look up " + name);
        }
        try {
            return body.apply(d);
        } finally {
            Libvirt.LIB.virDomainFree(d);
        }
    }

    private static int check(String what, int rc) {
        if (rc < 0) {
            throw error(what);
        }
        return rc;
    }

    /** libvirt's last error of this thread, mapped like every other libvirt error ({@link LibvirtErrors}). */
    private static DriverException error(String what) {
        String message = Libvirt.LIB.virGetLastErrorMessage();
        int code = Libvirt.LIB.virGetLastErrorCode();
        int domain = Libvirt.LIB.virGetLastErrorDomain();
        // libvirt-java's enums are out of step with libvirt from code 69 on: only the older numbers are trusted
        ErrorNumber number = code >= 0 && code < 69 ? ErrorNumber.values()[code] : ErrorNumber.VIR_ERR_UNKNOWN;
        ErrorDomain from = domain >= 0 && domain < ErrorDomain.values().length && domain < 40
                ? ErrorDomain.values()[domain] : ErrorDomain.VIR_FROM_NONE;
        return new DriverException(LibvirtErrors.reason(number, from, message), what + ": " + message);
    }

    static Memory encode(Map<String, Param> params) {
        Memory m = new Memory((long) Math.max(1, params.size()) * PARAM_SIZE);
        m.clear();
        int i = 0;
        for (Param p : params.values()) {
            long base = (long) i++ * PARAM_SIZE;
            byte[] field = p.field().getBytes(StandardCharsets.US_ASCII);
            if (field.length >= FIELD_LENGTH) {
                throw new IllegalArgumentException("typed parameter name too long: " + p.field());
            }
            m.write(base, field, 0, field.length);
            m.setInt(base + TYPE_OFFSET, p.signed() ? TYPE_LLONG : TYPE_ULLONG);
            m.setLong(base + VALUE_OFFSET, p.value());
        }
        return m;
    }

    /** Integer parameters by name; other kinds (strings, doubles, booleans) are left out. */
    static Map<String, Long> decode(Pointer m, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            long base = (long) i * PARAM_SIZE;
            String field = m.getString(base);
            switch (m.getInt(base + TYPE_OFFSET)) {
                case TYPE_INT -> out.put(field, (long) m.getInt(base + VALUE_OFFSET));
                case TYPE_UINT -> out.put(field, Integer.toUnsignedLong(m.getInt(base + VALUE_OFFSET)));
                case TYPE_LLONG, TYPE_ULLONG -> out.put(field, m.getLong(base + VALUE_OFFSET));
                default -> { }
            }
        }
        return out;
    }
}
