package org.openvrm.manager.host.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvrm.manager.testkit.Api;
import org.openvrm.manager.testkit.TestManager;
import org.openvrm.manager.testkit.TestStores;

/** POST /hosts/tokens: every bad request is a 4xx with its code and field, and stores no token. */
class HostTokenBadInputTest {

    record Case(String name, String body, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static TestManager manager;
    private static Api api;
    private static String cluster;
    private static Jdbi store;

    @BeforeAll
    static void start() {
        manager = TestManager.start(TestStores.Kind.EMBEDDED);
        api = manager.api();
        cluster = manager.clusterWithHosts("c", 1, 4, 2400, 8192, 0);
        store = Jdbi.create(manager.store().jdbcUrl(), manager.store().user(), manager.store().password());
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no cluster", "{}", 400, "FIELD_REQUIRED", "clusterId"),
                new Case("unknown cluster", "{\"clusterId\":\"cluster-nope\"}", 404, "NOT_FOUND", "clusterId"),
                new Case("bad host name", "{\"clusterId\":\"" + cluster + "\",\"hostName\":\"bad name!\"}", 400,
                        "INVALID_NAME", "hostName"),
                new Case("host name taken", "{\"clusterId\":\"" + cluster + "\",\"hostName\":\"c-h1\"}", 409,
                        "NAME_TAKEN", "hostName"),
                new Case("TTL too short", "{\"clusterId\":\"" + cluster + "\",\"ttlSeconds\":59}", 400,
                        "VALUE_OUT_OF_RANGE", "ttlSeconds"),
                new Case("TTL too long", "{\"clusterId\":\"" + cluster + "\",\"ttlSeconds\":604801}", 400,
                        "VALUE_OUT_OF_RANGE", "ttlSeconds"),
                new Case("TTL a string", "{\"clusterId\":\"" + cluster + "\",\"ttlSeconds\":\"1h\"}", 400,
                        "INVALID_TYPE", "ttlSeconds"),
                new Case("unknown field", "{\"clusterId\":\"" + cluster + "\",\"secret\":\"x\"}", 400,
                        "UNKNOWN_FIELD", "secret"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void isRefusedAndStoresNothing(Case c) {
        int before = tokens();
        var r = api.post("/hosts/tokens", c.body());
        assertThat(r.status()).as(r.raw()).isEqualTo(c.status());
        assertThat(r.code()).as(r.raw()).isEqualTo(c.code());
        assertThat(r.field()).as(r.raw()).isEqualTo(c.field());
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    void aGoodRequestGetsATokenShownOnceAndStoredOnlyAsAHash() {
        var r = api.post("/hosts/tokens", "{\"clusterId\":\"" + cluster + "\",\"ttlSeconds\":600}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        String token = r.body().get("token").asText();
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(4);
        assertThat(parts[3]).isEqualTo(r.body().get("caSha256").asText());
        String stored = store.withHandle(h -> h.createQuery("SELECT secret_sha256 FROM bootstrap_tokens WHERE id = :id")
                .bind("id", parts[1]).mapTo(String.class).one());
        assertThat(stored).isNotEqualTo(parts[2]).isEqualTo(AgentEnrollment.sha256(parts[2]));
    }

    private static int tokens() {
        return store.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM bootstrap_tokens").mapTo(Integer.class)
                .one());
    }
}
