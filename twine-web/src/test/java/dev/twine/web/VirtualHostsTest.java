package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Trees chosen by the host name a request asks for. */
@TwineTest
class VirtualHostsTest {

  /** A tree whose {@code /} and {@code /page} say which site they belong to. */
  private static Resource site(String name) {
    Resource root = new Resource();
    root.putChild("", new Resource().on(HttpMethod.GET, request -> Rendered.body(name + " home")));
    root.putChild("page", new Resource().on(HttpMethod.GET, request -> Rendered.body(name + " page")));
    return root;
  }

  /** A leaf that says what is left of the path. */
  private static final class Echo extends Resource {
    @Override
    public boolean isLeaf() {
      return true;
    }

    @Override
    public Rendered render(Request request) {
      return Rendered.body("echo " + request.prepath() + " " + request.postpath());
    }
  }

  private static VirtualHosts hosts() {
    VirtualHosts hosts = new VirtualHosts()
        .addHost("example.com", site("main"))
        .addHost("WWW.Example.com.", site("www"))
        .addHost("*.example.com", site("any"))
        .addHost("*.users.example.com", site("user"))
        .addHost("echo.test", new Echo())
        .addHost("[::1]", site("loopback"));
    hosts.putChild("health", new Resource().on(HttpMethod.GET, request -> Rendered.body("up")));
    return hosts;
  }

  private static Wire.Response get(Clock clock, Resource root, String target, String host) {
    Wire wire = new Wire(root, clock);
    wire.send("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    Wire.Response response = wire.response();
    wire.close();
    return response;
  }

  @ParameterizedTest
  @CsvSource({
      "example.com, /, main home",
      "EXAMPLE.COM:8080, /page, main page",
      "example.com., /, main home",
      "www.example.com, /page, www page",
      "a.example.com, /, any home",
      "a.b.example.com, /, any home",
      "users.example.com, /, any home",
      "ada.users.example.com, /page, user page",
      "x.ada.users.example.com, /page, user page",
      "[::1]:8443, /, loopback home",
      "echo.test, /a/b/, 'echo [] [a, b, ]'",
      "echo.test, /, echo [] []",
      "a.example.com, /health, up",
  })
  void servesTheTreeOfTheHostAskedFor(String host, String target, String body, Clock clock) {
    Wire.Response response = get(clock, hosts(), target, host);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
  }

  @Test
  void takesTheHostOfAnAbsoluteFormTarget(Clock clock) {
    assertThat(get(clock, hosts(), "http://www.example.com/page", "example.com").body())
        .isEqualTo("www page");
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.org", "ample.com", "example.com.evil", ".example.com"})
  void answersOtherHostsWithTheDefault(String host, Clock clock) {
    assertThat(get(clock, hosts(), "/", host).status()).isEqualTo(404);
    VirtualHosts withDefault = new VirtualHosts(site("default")).addHost("example.com", site("x"));
    assertThat(get(clock, withDefault, "/page", host).body()).isEqualTo("default page");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*", "*.", "a.*.com", "**.a.com", "example.com:80", ".a.com"})
  void refusesNamesThatAreNotHostsOrWildcards(String name) {
    assertThatThrownBy(() -> new VirtualHosts().addHost(name, new Resource()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a host name");
  }
}
