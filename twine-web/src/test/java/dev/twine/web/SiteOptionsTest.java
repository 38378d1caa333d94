package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.protocols.ConnectionLimits;
import dev.twine.protocols.ProxyProtocolOptions;
import dev.twine.web.http.HttpLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The defaults and the validation of the site options. */
class SiteOptionsTest {
  @Test
  void hasSafeDefaults() {
    SiteOptions options = SiteOptions.DEFAULT;
    assertThat(options.limits()).isEqualTo(HttpLimits.DEFAULT);
    assertThat(options.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.bodyTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.maxPipelinedRequests()).isEqualTo(16);
    assertThat(options.maxRequestsPerConnection()).isEqualTo(10_000);
    assertThat(options.connections()).isEqualTo(new ConnectionLimits(10_000, 1024, 100, 1024, 64, 100_000));
    assertThat(options.maxUpgradedConnections()).isEqualTo(5_000);
    assertThat(options.proxyProtocol()).isEqualTo(ProxyProtocolOptions.NONE);
    assertThat(options.debug()).isFalse();
  }

  @Test
  void copiesWithOneChange() {
    SiteOptions changed = SiteOptions.DEFAULT.withDebug(true).withMaxPipelinedRequests(2)
        .withBodyTimeout(Duration.ofMinutes(1));
    assertThat(changed).isEqualTo(new SiteOptions(HttpLimits.DEFAULT, Duration.ofSeconds(10),
        Duration.ofMinutes(1), Duration.ofSeconds(15), 2, 10_000, SiteOptions.CONNECTIONS, 5_000,
        ProxyProtocolOptions.NONE, true));
  }

  @Test
  void refusesTimeoutsThatAreNotPositiveAndANullCap() {
    assertThatThrownBy(() -> SiteOptions.DEFAULT.withIdleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> SiteOptions.DEFAULT.withHeaderTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("headerTimeout");
    assertThatThrownBy(() -> SiteOptions.DEFAULT.withMaxPipelinedRequests(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> SiteOptions.DEFAULT.withMaxRequestsPerConnection(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRequestsPerConnection");
    assertThatThrownBy(() -> SiteOptions.DEFAULT.withMaxUpgradedConnections(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxUpgradedConnections");
  }
}
