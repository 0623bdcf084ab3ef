package org.openvrm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://10.0.0.5:9440/api/v1,   http://10.0.0.5:9440/api/v1",
            "http://10.0.0.5:9440/api/v1/,  http://10.0.0.5:9440/api/v1",
            "http://10.0.0.5:9440,          http://10.0.0.5:9440/api/v1",
            "https://vrm.example.com/,      https://vrm.example.com/api/v1",
            "http://proxy/vrm/api/v1,       http://proxy/vrm/api/v1",
    })
    void normalizes(String given, String base) {
        assertThat(Endpoint.base(given, Map.of())).isEqualTo(base);
    }

    @Test
    void optionBeatsEnvironmentBeatsDefault() {
        var env = Map.of("VRM_URL", "http://env:1/api/v1");
        assertThat(Endpoint.base("http://opt:2/api/v1", env)).isEqualTo("http://opt:2/api/v1");
        assertThat(Endpoint.base(null, env)).isEqualTo("http://env:1/api/v1");
        assertThat(Endpoint.base(null, Map.of())).isEqualTo("http://127.0.0.1:9440/api/v1");
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> Endpoint.base("127.0.0.1:9440", Map.of())).isInstanceOf(CliException.Usage.class);
        assertThatThrownBy(() -> Endpoint.base("ftp://x/api/v1", Map.of())).isInstanceOf(CliException.Usage.class);
        assertThatThrownBy(() -> Endpoint.base("http://a b", Map.of())).isInstanceOf(CliException.Usage.class);
    }
}
