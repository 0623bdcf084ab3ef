package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A directory over a fixed list, recording the lookups made, in order. */
    static final class FakeDirectory implements Directory {
        final List<JsonNode> items = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        FakeDirectory with(String id, String name) {
            items.add(JSON.createObjectNode().put("id", id).put("name", name));
            return this;
        }

        @Override
        public Optional<JsonNode> byId(Kind kind, String id) {
            calls.add("id " + id);
            return items.stream().filter(i -> i.path("id").asText().equals(id)).findFirst();
        }

        @Override
        public List<JsonNode> byName(Kind kind, String name) {
            calls.add("name " + name);
            return items.stream().filter(i -> i.path("name").asText().equals(name)).toList();
        }
    }

    private final FakeDirectory dir = new FakeDirectory()
            .with("vm-3f2a9c1d0b7e4a55", "web-1")
            .with("vm-0000000000000002", "web-2");
    private final Resolver resolver = new Resolver(dir);

    @Test
    void anIdShapedArgumentIsLookedUpByIdOnly() {
        assertThat(resolver.id(Kind.VM, "vm-3f2a9c1d0b7e4a55")).isEqualTo("vm-3f2a9c1d0b7e4a55");
        assertThat(dir.calls).containsExactly("id vm-3f2a9c1d0b7e4a55");
    }

    @Test
    void aNameIsLookedUpByNameOnly() {
        assertThat(resolver.id(Kind.VM, "web-2")).isEqualTo("vm-0000000000000002");
        assertThat(dir.calls).containsExactly("name web-2");
    }

    @Test
    void aNameThatLooksLikeAnIdStillResolves() {
        dir.with("vm-0000000000000003", "vm-deadbeefdeadbeef");
        assertThat(resolver.id(Kind.VM, "vm-deadbeefdeadbeef")).isEqualTo("vm-0000000000000003");
        assertThat(dir.calls).containsExactly("id vm-deadbeefdeadbeef", "name vm-deadbeefdeadbeef");
    }

    @Test
    void anIdOfAnotherShapeStillResolves() {
        // should the manager change its id format, resolution costs one more lookup but still works
        dir.with("legacy-42", "old");
        assertThat(resolver.id(Kind.VM, "legacy-42")).isEqualTo("legacy-42");
        assertThat(dir.calls).containsExactly("name legacy-42", "id legacy-42");
    }

    @Test
    void nothingMatches() {
        assertThatThrownBy(() -> resolver.id(Kind.HOST, "esx-99"))
                .isInstanceOf(CliException.NotFound.class)
                .hasMessage("no host named or with id 'esx-99'");
        assertThat(dir.calls).containsExactly("name esx-99", "id esx-99");
    }

    @Test
    void aWildcardGetsAHintForVms() {
        assertThatThrownBy(() -> resolver.id(Kind.VM, "web*"))
                .isInstanceOf(CliException.NotFound.class)
                .hasMessage("no VM named or with id 'web*'; to act on several VMs use --all --name 'web*'");
    }

    @Test
    void severalMatchesAreAUsageErrorListingTheIds() {
        dir.with("vm-0000000000000004", "web-1");
        assertThatThrownBy(() -> resolver.id(Kind.VM, "web-1"))
                .isInstanceOf(CliException.Usage.class)
                .hasMessage("2 VMs are named 'web-1'; give one of their ids: vm-3f2a9c1d0b7e4a55, "
                        + "vm-0000000000000004");
    }

    @Test
    void optionalOptionsPassNullThrough() {
        assertThat(resolver.idOrNull(Kind.CLUSTER, null)).isNull();
        assertThat(dir.calls).isEmpty();
        assertThatThrownBy(() -> resolver.id(Kind.CLUSTER, " ")).isInstanceOf(CliException.Usage.class);
    }

    @Test
    void idShapes() {
        assertThat(Kind.VM.looksLikeId("vm-3f2a9c1d0b7e4a55")).isTrue();
        assertThat(Kind.VM.looksLikeId("web-1")).isFalse();
        assertThat(Kind.DATASTORE.looksLikeId("ds-3f2a9c1d0b7e4a55")).isTrue();
        assertThat(Kind.DATASTORE.looksLikeId("vm-3f2a9c1d0b7e4a55")).isFalse();
        assertThat(Kind.TEMPLATE.looksLikeId("tpl-3f2a9c1d0b7e4a55")).isTrue();
        assertThat(Kind.PORTGROUP.looksLikeId("pg-3f2a9c1d0b7e4a55")).isTrue();
    }
}
