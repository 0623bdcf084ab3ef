package org.openvrm.core.capacity;

import java.util.Optional;

/**
 * Whether a CPU or memory reservation fits what a host has left to reserve (seeds S5, S8, S9.3): a guarantee is never
 * overcommitted, so the reservations of the VMs holding the host's resources plus this one must fit its usable MHz or
 * MB (after the management share). One sentence for every refusal, on placement, power-on and a live change alike,
 * so an operator always reads the resource, what is left and the shortfall.
 */
public final class ReservationFit {

    /** What is reserved, and in which unit. */
    public enum Resource {
        CPU("CPU reservation", "MHz"),
        MEMORY("memory reservation", "MB");

        private final String label;
        private final String unit;

        Resource(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }

        public String label() {
            return label;
        }

        public String unit() {
            return unit;
        }
    }

    private ReservationFit() {
    }

    /**
     * Empty when {@code reservedByOthers + wanted <= usable}; else the refusal, e.g. "CPU reservation: needs 2000 MHz,
     * 800 MHz left to reserve of 7200 MHz usable: 1200 MHz short".
     *
     * @param usable the host's usable amount (total less the management share)
     * @param reservedByOthers the reservations of the other VMs that hold the host's resources
     * @param wanted this VM's reservation
     */
    public static Optional<String> check(Resource r, long usable, long reservedByOthers, long wanted) {
        if (usable < 0 || reservedByOthers < 0 || wanted < 0) {
            throw new IllegalArgumentException("usable, reservedByOthers and wanted must be >= 0, got "
                    + usable + ", " + reservedByOthers + ", " + wanted);
        }
        long shortfall = reservedByOthers + wanted - usable;
        if (shortfall <= 0) {
            return Optional.empty();
        }
        String u = " " + r.unit();
        return Optional.of(r.label() + ": needs " + wanted + u + ", " + Math.max(0, usable - reservedByOthers) + u
                + " left to reserve of " + usable + u + " usable: " + shortfall + u + " short");
    }
}
