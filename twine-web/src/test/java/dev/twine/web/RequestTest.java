package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.internet.AddressType;
import dev.twine.internet.IPv6Address;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a resource reads from a request, and the response headers it sets. */
@TwineTest
class RequestTest {
  private final List<Request> requests = new ArrayList<>();
  private final List<Wire> wires = new ArrayList<>();

  /** A leaf root that keeps every request and answers it with 200. */
  private final class Keeper extends Resource {
    @Override
    public boolean isLeaf() {
      return true;
    }

    @Override
    public Rendered render(Request request) {
      requests.add(request);
      return Rendered.streaming();
    }
  }

  private Request receive(Clock clock, String head) {
    Wire wire = new Wire(new Keeper(), clock);
    wires.add(wire);
    wire.send(head + "\r\n\r\n");
    return requests.get(requests.size() - 1);
  }

  @AfterEach
  void closeAll() {
    wires.forEach(Wire::close);
  }

  @Test
  void splitsTheTargetIntoPathQueryAndDecodedSegments(Clock clock) {
    Request request = receive(clock, "GET /a%20b/c%2Fd/?x=1 HTTP/1.1\r\nHost: h");
    assertThat(request.method()).isEqualTo(HttpMethod.GET);
    assertThat(request.version()).isEqualTo(HttpVersion.HTTP_1_1);
    assertThat(request.uri()).isEqualTo("/a%20b/c%2Fd/?x=1");
    assertThat(request.path()).isEqualTo("/a%20b/c%2Fd/");
    assertThat(request.query()).contains("x=1");
    assertThat(request.segments()).containsExactly("a b", "c/d", "");
    assertThat(request.prepath()).isEmpty();
    assertThat(request.postpath()).containsExactly("a b", "c/d", "");
  }

  @Test
  void resolvesDotSegmentsWithoutClimbingAboveTheRoot(Clock clock) {
    assertThat(receive(clock, "GET /a/./b/../c HTTP/1.1\r\nHost: h").segments())
        .containsExactly("a", "c");
    assertThat(receive(clock, "GET /../../etc/passwd HTTP/1.1\r\nHost: h").segments())
        .containsExactly("etc", "passwd");
    assertThat(receive(clock, "GET /a/%2e%2E/b HTTP/1.1\r\nHost: h").segments())
        .containsExactly("b");
    assertThat(receive(clock, "GET /a/b/.. HTTP/1.1\r\nHost: h").segments())
        .containsExactly("a", "");
    assertThat(receive(clock, "GET / HTTP/1.1\r\nHost: h").segments()).containsExactly("");
  }

  @Test
  void readsTheSegmentsOfAnAbsoluteFormTarget(Clock clock) {
    Request request = receive(clock, "GET http://example.com:8080/x/y?q HTTP/1.1\r\nHost: other");
    assertThat(request.segments()).containsExactly("x", "y");
    assertThat(request.path()).isEqualTo("/x/y");
    assertThat(request.hostname()).isEqualTo("example.com");
    assertThat(receive(clock, "GET http://example.com HTTP/1.1\r\nHost: h").segments())
        .containsExactly("");
  }

  @Test
  void parsesQueryArgumentsWithRepeatedAndEmptyValues(Clock clock) {
    Request request = receive(clock,
        "GET /?a=1&b&a=2&c=x+y%21&&d=%E2%82%AC HTTP/1.1\r\nHost: h");
    assertThat(request.args()).containsExactly(
        Map.entry("a", List.of("1", "2")), Map.entry("b", List.of("")),
        Map.entry("c", List.of("x y!")), Map.entry("d", List.of("€")));
    assertThat(request.arg("a")).contains("1");
    assertThat(request.arg("missing")).isEmpty();
    assertThat(receive(clock, "GET /plain HTTP/1.1\r\nHost: h").args()).isEmpty();
  }

  @Test
  void readsHeadersAndCookies(Clock clock) {
    Request request = receive(clock, "GET / HTTP/1.1\r\nHost: h\r\nX-Thing: one\r\n"
        + "Cookie: a=1; b=\"two\"\r\nCookie: a=3; c=");
    assertThat(request.header("x-thing")).contains("one");
    assertThat(request.requestHeaders().all("Cookie")).hasSize(2);
    assertThat(request.cookies()).containsExactly(
        Map.entry("a", "1"), Map.entry("b", "two"), Map.entry("c", ""));
    assertThat(request.cookie("b")).contains("two");
    assertThat(request.cookie("z")).isEmpty();
  }

  @Test
  void knowsItsConnection(Clock clock) {
    Request request = receive(clock, "GET / HTTP/1.1\r\nHost: www.example.com:8443");
    assertThat(request.clientAddress()).isEqualTo(StringTransport.DEFAULT_PEER);
    assertThat(request.serverAddress()).isEqualTo(StringTransport.DEFAULT_HOST);
    assertThat(request.hostname()).isEqualTo("www.example.com");
    assertThat(request.isSecure()).isFalse();
    assertThat(receive(clock, "GET / HTTP/1.1\r\nHost: [::1]:80").hostname()).isEqualTo("[::1]");
    assertThat(receive(clock, "GET / HTTP/1.0").hostname()).isEqualTo("10.0.0.1");
  }

  @Test
  void fallsBackToTheServerAddressForAnIpv6HostName(Clock clock) {
    Site site = new Site(new Keeper(), clock, Wire.calendar(clock), SiteOptions.DEFAULT);
    StringTransport transport = new StringTransport(
        new IPv6Address(AddressType.TCP, "::1", 80), StringTransport.DEFAULT_PEER);
    Wire wire = new Wire(site, clock, transport);
    wires.add(wire);
    wire.send("GET / HTTP/1.0\r\n\r\n");
    assertThat(requests.get(0).hostname()).isEqualTo("[::1]");
  }

  @Test
  void setsTheResponseStatusHeadersCookiesAndRedirects(Clock clock) {
    Request request = receive(clock, "GET / HTTP/1.1\r\nHost: h");
    request.setResponseCode(201);
    request.setHeader("X-One", "1");
    request.addHeader("X-Many", "a");
    request.addHeader("X-Many", "b");
    request.addCookie(Cookie.of("id", "42").withPath("/").withMaxAge(Duration.ofHours(1))
        .withSecure(true).withHttpOnly(true).withSameSite(Cookie.SameSite.STRICT));
    request.redirect("/elsewhere");
    assertThat(request.responseCode()).isEqualTo(302);
    assertThat(request.responseStarted()).isFalse();
    request.finish();
    assertThat(request.responseStarted()).isTrue();
    assertThat(request.finished()).isTrue();

    Wire.Response response = wires.get(0).response();
    assertThat(response.status()).isEqualTo(302);
    assertThat(response.header("Location")).contains("/elsewhere");
    assertThat(response.headers().all("X-Many")).containsExactly("a", "b");
    assertThat(response.header("Set-Cookie"))
        .contains("id=42; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict");
  }

  @Test
  void refusesHeaderValuesThatCouldSplitTheResponse(Clock clock) {
    Request request = receive(clock, "GET / HTTP/1.1\r\nHost: h");
    assertThatThrownBy(() -> request.setHeader("X", "a\r\nSet-Cookie: evil=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request.redirect("/x\r\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request.setResponseCode(100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100");
    request.finish();
  }
}
