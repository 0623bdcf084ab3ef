package org.openvrm.api;

/**
 * The hardware of a simulated host.
 *
 * @param stepDelayMillis how long each VM step (define, start, stop, ...) takes on this host
 */
public record SimHostSpec(
        Integer sockets, Integer coresPerSocket, Integer threadsPerCore, Integer mhz, Long memoryMb,
        Long stepDelayMillis) {}
