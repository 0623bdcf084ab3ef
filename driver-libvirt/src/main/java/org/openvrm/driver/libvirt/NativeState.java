package org.openvrm.driver.libvirt;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;

/**
 * The two libvirt calls libvirt-java 0.5.2 lacks and the driver needs: {@code virDomainGetState} (the reason tells
 * "shut off (crashed)" from "shut off") by way of {@code virDomainLookupByName}.
 */
interface NativeState extends com.sun.jna.Library {

    NativeState LIBVIRT = Native.load("virt", NativeState.class);

    DomainPointer virDomainLookupByName(ConnectionPointer connection, String name);

    int virDomainGetState(DomainPointer domain, IntByReference state, IntByReference reason, int flags);

    int virDomainFree(DomainPointer domain);

    /** (state, reason) of a domain, or null when there is no such domain (or the call failed). */
    static int[] stateOf(ConnectionPointer connection, String name) {
        DomainPointer domain = LIBVIRT.virDomainLookupByName(connection, name);
        if (domain == null) {
            return null;
        }
        try {
            IntByReference state = new IntByReference();
            IntByReference reason = new IntByReference();
            if (LIBVIRT.virDomainGetState(domain, state, reason, 0) < 0) {
                return null;
            }
            return new int[] {state.getValue(), reason.getValue()};
        } finally {
            LIBVIRT.virDomainFree(domain);
        }
    }
}
