package dev.twine.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "192.0.2.255", "255.255.255.255"})
  void recognisesDottedQuads(String text) {
    assertThat(IpAddresses.isIPv4(text)).isTrue();
    assertThat(IpAddresses.isIPv6(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.4 ", "::1",
      "1.2.3.-4", "example.com"})
  void refusesWhatIsNotADottedQuad(String text) {
    assertThat(IpAddresses.isIPv4(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"::", "::1", "2001:db8::1", "fe80::1%1", "::ffff:192.0.2.1", "FF02::1"})
  void recognisesIPv6Text(String text) {
    assertThat(IpAddresses.isIPv6(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost", "127.0.0.1", "[::1]", "2001:db8::g", "1:2:3:4:5:6:7:8:9", "zz:1",
      "a.example.com", "ab:cd.example.com"})
  void refusesWhatIsNotIPv6Text(String text) {
    assertThat(IpAddresses.isIPv6(text)).isFalse();
  }

  @Test
  void parsesLiteralsIntoCanonicalAddresses() {
    assertThat(IpAddresses.parse(AddressType.UDP, "192.0.2.1", 53))
        .isEqualTo(new IPv4Address(AddressType.UDP, "192.0.2.1", 53));
    assertThat(IpAddresses.parse(AddressType.UDP, "[2001:DB8:0::1]", 53))
        .isEqualTo(new IPv6Address(AddressType.UDP, "2001:db8:0:0:0:0:0:1", 53));
    assertThat(IpAddresses.parse(AddressType.TCP, "::1", 0)).isInstanceOf(IPv6Address.class);
    assertThatIllegalArgumentException().isThrownBy(() -> IpAddresses.parse(AddressType.UDP, "localhost", 53))
        .withMessageStartingWith("not an IP address: \"localhost\" (a host name must be resolved first");
    assertThatIllegalArgumentException().isThrownBy(() -> IpAddresses.parse(AddressType.UDP, "::1", 65536))
        .withMessage("port must be 0 to 65535: 65536");
  }

  @Test
  void givesSocketAddressesOfLiteralsOnly() {
    assertThat(IpAddresses.socketAddress(new IPv4Address(AddressType.UDP, "127.0.0.1", 7)))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 7));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> IpAddresses.socketAddress(new IPv4Address(AddressType.UDP, "localhost", 7)))
        .withMessageContaining("must be resolved first");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> IpAddresses.socketAddress(new UnixAddress("/run/app.sock")))
        .withMessageStartingWith("not an IP address: ");
  }

  @Test
  void recognisesMulticastGroups() throws Exception {
    assertThat(IpAddresses.multicastGroup("228.0.0.5")).isEqualTo(InetAddress.getByName("228.0.0.5"));
    assertThat(IpAddresses.multicastGroup("ff02::1")).isInstanceOf(Inet6Address.class);
    assertThatIllegalArgumentException().isThrownBy(() -> IpAddresses.multicastGroup("192.0.2.1"))
        .withMessage("not a multicast address (224.0.0.0/4 or ff00::/8): 192.0.2.1");
    assertThatIllegalArgumentException().isThrownBy(() -> IpAddresses.multicastGroup("all-systems.mcast.net"))
        .withMessageContaining("a multicast group is an IP address");
  }

  @Property(tries = 300)
  void everyDottedQuadIsRecognisedAndRoundTrips(
      @ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 255) int b,
      @ForAll @IntRange(max = 255) int c, @ForAll @IntRange(max = 255) int d) {
    String text = a + "." + b + "." + c + "." + d;
    assertThat(IpAddresses.isIPv4(text)).isTrue();
    assertThat(IpAddresses.parse(AddressType.UDP, text, 1)).isEqualTo(new IPv4Address(AddressType.UDP, text, 1));
  }

  @Property(tries = 300)
  void everyIPv6AddressTheJdkPrintsIsRecognised(@ForAll @Size(16) byte[] address) throws Exception {
    String text = InetAddress.getByAddress(address).getHostAddress();
    assertThat(text.contains(":") ? IpAddresses.isIPv6(text) : IpAddresses.isIPv4(text)).isTrue();
  }
}
