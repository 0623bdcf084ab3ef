package org.openvrm.api;

import java.time.Instant;

/**
 * A bootstrap token, shown once: the manager keeps only a hash of its secret.
 *
 * @param token what the agent is given: {@code vrm1.<id>.<secret>.<sha256 of the manager CA>}
 * @param caSha256 the CA fingerprint the token carries, so the agent trusts this manager and no other
 */
public record HostToken(String id, String token, String clusterId, String hostName, Instant expiresAt,
                        String caSha256) {}
