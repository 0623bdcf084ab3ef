package org.openvrm.core.qos;

/**
 * Network QoS of a port group (seed S8.4), receiving and sending shaped separately; a
 * {@code null} direction is not shaped. Inbound is traffic towards the VM, outbound from it.
 * Note for the agent: libvirt ignores {@code peak} on outbound (Linux ingress policing only knows
 * one rate), so an outbound peak is stored and shown but only the average is enforced.
 */
public record NetworkQos(Shaping inbound, Shaping outbound) {

    public static final NetworkQos UNLIMITED = new NetworkQos(null, null);
}
