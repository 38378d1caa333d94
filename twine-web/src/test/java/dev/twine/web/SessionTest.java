package dev.twine.web;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.Transport;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions found by their cookie, expiring after their idle time by the test's clock. */
@TwineTest
class SessionTest {
  private static final Session.Key<Integer> VISITS = Session.Key.named("visits");
  private static final String SET_COOKIE =
      "TWINE_SESSION=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax";

  private Site site;
  private final List<Request> requests = new ArrayList<>();

  /** {@code /count} counts the visits of the session; {@code /peek} reads an existing one. */
  @BeforeEach
  void makeSite(Clock clock) {
    Resource root = new Resource();
    root.putChild("count", new Resource().on(HttpMethod.GET, request -> {
      Session session = request.session();
      int visits = session.get(VISITS).orElse(0) + 1;
      session.set(VISITS, visits);
      requests.add(request);
      return Rendered.body(Integer.toString(visits));
    }));
    root.putChild("peek", new Resource().on(HttpMethod.GET, request -> Rendered.body(
        request.existingSession().map(s -> "visits " + s.get(VISITS).orElse(0)).orElse("none"))));
    root.putChild("late", new Resource().on(HttpMethod.GET, request -> {
      request.write(Bytes.ascii("started"));
      assertThatThrownBy(request::session).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("response head has been sent");
      request.finish();
      return Rendered.streaming();
    }));
    site = new Site(root, clock, Wire.calendar(clock), SiteOptions.DEFAULT)
        .withSessions(new SessionStore(clock, Duration.ofMinutes(10)));
  }

  @AfterEach
  void expireAll() {
    site.sessions().expireAll();
  }

  private Wire.Response get(Clock clock, String path, String cookie) {
    Wire wire = new Wire(site, clock, new StringTransport());
    wire.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n"
        + (cookie.isEmpty() ? "" : "Cookie: " + cookie + "\r\n") + "\r\n");
    Wire.Response response = wire.response();
    wire.close();
    return response;
  }

  private static String cookieOf(Wire.Response response) {
    String header = response.header("Set-Cookie").orElseThrow();
    return header.substring(0, header.indexOf(';'));
  }

  @Test
  void startsASessionWithAnHttpOnlyLaxCookieAndFindsItAgain(Clock clock) {
    Wire.Response first = get(clock, "/count", "");
    assertThat(first.body()).isEqualTo("1");
    assertThat(first.header("Set-Cookie")).hasValueSatisfying(
        header -> assertThat(header).matches(SET_COOKIE));
    String cookie = cookieOf(first);

    Wire.Response second = get(clock, "/count", "other=1; " + cookie);
    assertThat(second.body()).isEqualTo("2");
    assertThat(second.header("Set-Cookie")).isEmpty();
    assertThat(site.sessions().size()).isEqualTo(1);
    assertThat(site.sessions().find(cookie.substring(cookie.indexOf('=') + 1))).isPresent();
  }

  @Test
  void startsANewSessionForAnUnknownCookie(Clock clock) {
    Wire.Response response = get(clock, "/count", "TWINE_SESSION=forged");
    assertThat(response.body()).isEqualTo("1");
    assertThat(cookieOf(response)).isNotEqualTo("TWINE_SESSION=forged");
  }

  @Test
  void expiresASessionIdleForItsTimeoutAndTellsWhoWaits(Clock clock) {
    String cookie = cookieOf(get(clock, "/count", ""));
    Session session = requests.get(0).session();
    Deferred<Session> expired = session.notifyOnExpire();

    clock.advance(Duration.ofMinutes(9));
    assertThat(get(clock, "/count", cookie).body()).as("a visit touches it").isEqualTo("2");
    clock.advance(Duration.ofMinutes(9));
    assertNoResult(expired);
    assertThat(session.expired()).isFalse();

    clock.advance(Duration.ofMinutes(1));
    assertThat(successResultOf(expired)).isSameAs(session);
    assertThat(session.expired()).isTrue();
    assertThat(session.get(VISITS)).as("attributes stay readable").contains(2);
    assertThat(site.sessions().size()).isZero();
    assertThat(successResultOf(session.notifyOnExpire())).isSameAs(session);

    Wire.Response after = get(clock, "/count", cookie);
    assertThat(after.body()).isEqualTo("1");
    assertThat(cookieOf(after)).isNotEqualTo(cookie);
  }

  @Test
  void expiresASessionByHand(Clock clock) {
    String cookie = cookieOf(get(clock, "/count", ""));
    Session session = requests.get(0).session();
    Deferred<Session> first = session.notifyOnExpire();
    Deferred<Session> second = session.notifyOnExpire();
    session.expire();
    session.expire();
    assertThat(successResultOf(first)).isSameAs(session);
    assertThat(successResultOf(second)).isSameAs(session);
    assertThat(get(clock, "/peek", cookie).body()).isEqualTo("none");
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void readsAnExistingSessionWithoutMakingOne(Clock clock) {
    Wire.Response none = get(clock, "/peek", "");
    assertThat(none.body()).isEqualTo("none");
    assertThat(none.header("Set-Cookie")).isEmpty();
    assertThat(site.sessions().size()).isZero();

    String cookie = cookieOf(get(clock, "/count", ""));
    assertThat(get(clock, "/peek", cookie).body()).isEqualTo("visits 1");
  }

  @Test
  void keepsTypedAttributesApartByKey() {
    SessionStore store = new SessionStore(new Clock());
    Session session = store.create();
    Session.Key<String> name = Session.Key.named("name");
    Session.Key<String> sameName = Session.Key.named("name");
    session.set(name, "ada");
    assertThat(session.get(name)).contains("ada");
    assertThat(session.get(sameName)).as("keys compare by identity").isEmpty();
    assertThat(session.remove(name)).contains("ada");
    assertThat(session.get(name)).isEmpty();
    store.expireAll();
  }

  @Test
  void makesUnguessableDistinctIdentifiers() {
    SessionStore store = new SessionStore(new Clock());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(store.create().id());
    }
    assertThat(ids).hasSize(1000).allMatch(id -> id.matches("[A-Za-z0-9_-]{43}"));
    store.expireAll();
    assertThat(store.size()).isZero();
  }

  @Test
  void refusesToStartASessionAfterTheResponseStarted(Clock clock) {
    Wire wire = new Wire(site, clock, new StringTransport());
    wire.send("GET /late HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.response().body()).isEqualTo("started");
    assertThat(site.sessions().size()).isZero();
    wire.close();
  }

  @Test
  void refusesAnIdleTimeoutThatIsNotPositive() {
    assertThatThrownBy(() -> new SessionStore(new Clock(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
  }

  @Test
  void usesASecureCookieOfItsOwnOnHttps(Clock clock) {
    StringTransport inner = new StringTransport();
    Protocol protocol = site.buildProtocol(inner.peer());
    protocol.makeConnection(new Secure(inner));
    String plainCookie = cookieOf(get(clock, "/count", ""));
    protocol.dataReceived(Bytes.ascii(
        "GET /count HTTP/1.1\r\nHost: a\r\nCookie: " + plainCookie + "\r\n\r\n"));
    String written = inner.value().ascii();
    assertThat(written).contains("\r\n\r\n1").containsPattern(
        "Set-Cookie: TWINE_SECURE_SESSION=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly;"
            + " SameSite=Lax\r\n");
    assertThat(site.sessions().size()).isEqualTo(2);
    protocol.connectionLost(Failure.of(new ConnectionDone("closed by the test")));
  }

  /** A transport that says it is encrypted, as a TLS one does. */
  private record Secure(StringTransport inner) implements Transport {
    @Override
    public boolean secure() {
      return true;
    }

    @Override
    public void write(Bytes data) {
      inner.write(data);
    }

    @Override
    public void loseConnection() {
      inner.loseConnection();
    }

    @Override
    public void abortConnection() {
      inner.abortConnection();
    }

    @Override
    public Address peer() {
      return inner.peer();
    }

    @Override
    public Address host() {
      return inner.host();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
      inner.registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
      inner.unregisterProducer();
    }

    @Override
    public void pauseProducing() {
      inner.pauseProducing();
    }

    @Override
    public void resumeProducing() {
      inner.resumeProducing();
    }

    @Override
    public void stopProducing() {
      inner.stopProducing();
    }
  }
}
