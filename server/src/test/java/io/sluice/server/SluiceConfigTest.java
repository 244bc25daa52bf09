package io.sluice.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SluiceConfigTest
{
    @Test
    void httpPortDefaultsTo8030()
    {
        SluiceConfig config = SluiceConfig.parse(List.of());
        assertThat(config.httpPort()).isEqualTo(8030);
        assertThat(config.port()).isEqualTo(9030);
    }

    @Test
    void httpPortOption()
    {
        assertThat(SluiceConfig.parse(List.of("--http-port", "0")).httpPort()).isZero();
        assertThat(SluiceConfig.parse(List.of("--http-port", "18030", "--port", "19030")).httpPort()).isEqualTo(18030);
        assertThatThrownBy(() -> SluiceConfig.parse(List.of("--http-port", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SluiceConfig.parse(List.of("--http-port", "70000"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SluiceConfig.parse(List.of("--http-port"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void embeddedConfigurationUsesAnyFreeHttpPort()
    {
        assertThat(new SluiceConfig("127.0.0.1", 0, Path.of("data"), Optional.empty()).httpPort()).isZero();
    }
}
