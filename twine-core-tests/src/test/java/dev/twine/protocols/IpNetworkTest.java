package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.internet.AddressType;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.UnixAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpNetworkTest {

  private static IPv4Address v4(String host) {
    return new IPv4Address(AddressType.TCP, host, 1);
  }

  private static IPv6Address v6(String host) {
    return new IPv6Address(AddressType.TCP, host, 1);
  }

  @Test
  void containsTheAddressesUnderItsPrefix() {
    IpNetwork network = IpNetwork.parse("10.1.0.0/16");
    assertThat(network.contains(v4("10.1.255.7"))).isTrue();
    assertThat(network.contains(v4("10.2.0.1"))).isFalse();
    assertThat(network.contains(v6("::ffff:10.1.0.1"))).as("an IPv4-mapped address").isTrue();
    assertThat(network.contains(v6("2001:db8::1"))).isFalse();
    assertThat(network.contains(new UnixAddress("/run/s"))).isFalse();
  }

  @Test
  void handlesIpv6PrefixesThatCutAByte() {
    IpNetwork network = IpNetwork.parse("2001:db8:ff00::/44");
    assertThat(network.contains(v6("2001:db8:ff0f:1::1"))).isTrue();
    assertThat(network.contains(v6("2001:db8:ff10::1"))).isFalse();
    assertThat(network).hasToString("2001:db8:ff00:0:0:0:0:0/44");
  }

  @Test
  void takesAnAddressWithoutPrefixAsASingleHostAndSlashZeroAsEverything() {
    assertThat(IpNetwork.parse("192.0.2.7").contains(v4("192.0.2.7"))).isTrue();
    assertThat(IpNetwork.parse("192.0.2.7").contains(v4("192.0.2.8"))).isFalse();
    assertThat(IpNetwork.parse("0.0.0.0/0").contains(v4("198.51.100.1"))).isTrue();
    assertThat(IpNetwork.parse("192.0.2.7")).isEqualTo(IpNetwork.parse("192.0.2.7/32"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com/8", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "::1/129",
      "10.0.0.1/8", "fe80::1%lo/64", ""})
  void refusesWhatIsNotANetwork(String text) {
    assertThatThrownBy(() -> IpNetwork.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
  }
}
