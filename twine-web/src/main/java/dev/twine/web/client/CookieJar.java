package dev.twine.web.client;

import dev.twine.internet.ReactorTime;
import dev.twine.web.http.Headers;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The cookies a client keeps (RFC 6265 sections 5.3 and 5.4, Python's {@code CookieJar} as
 * Twisted's {@code CookieAgent} uses it): {@link #store} takes the {@code Set-Cookie} fields of a
 * response, {@link #cookieHeader} gives what a request to a URI sends back.
 *
 * <pre>{@code
 * CookieJar jar = new CookieJar(reactor);
 * Agent agent = new RedirectAgent(new CookieAgent(Agent.create(reactor), jar));
 * }</pre>
 *
 * <p>The rules: a cookie without {@code Domain} goes back to its host only; one with a {@code
 * Domain} that the host belongs to goes to every host of that domain (a {@code Domain} the host
 * is not in, or a single label such as {@code com}, and any {@code Domain} on an IP address, make
 * the cookie ignored); a cookie goes to URIs whose path is under its {@code Path} (by default
 * the directory of the URI that set it); a {@code Secure} one only over https, and only https
 * may set one; an expired one is dropped, and one set with an expiry in the past deletes the
 * cookie it replaces. Cookies are sent longest path first, then oldest first. A cookie over 4096
 * bytes is ignored; a domain keeps at most 50 and the jar 3000, the oldest going first.
 *
 * <p>Time: {@code Max-Age} and expiry run on the jar's {@link ReactorTime}, so a test clock
 * drives them. An {@code Expires} date is taken relative to the response's {@code Date} field,
 * which makes it immune to a wrong local clock; only when a response has no valid {@code Date}
 * is the wall clock read, from the {@link InstantSource} given.
 *
 * <p>Threading: not thread-safe; use it on the reactor thread of its agents.
 */
public final class CookieJar {
  private static final int MAX_COOKIE_SIZE = 4096;
  private static final int MAX_PER_DOMAIN = 50;
  private static final int MAX_COOKIES = 3000;

  private final ReactorTime time;
  private final InstantSource wallClock;
  private final List<Stored> cookies = new ArrayList<>();
  private long created;

  private record Stored(Cookie cookie, long creation) {}

  /** Creates an empty jar on {@code time}, reading the system's wall clock when it must. */
  public CookieJar(ReactorTime time) {
    this(time, InstantSource.system());
  }

  /** Creates an empty jar on {@code time}, reading {@code wallClock} when it must. */
  public CookieJar(ReactorTime time, InstantSource wallClock) {
    this.time = Objects.requireNonNull(time, "time");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
  }

  /**
   * Stores the cookies that the {@code Set-Cookie} fields of {@code responseHeaders} set, for a
   * response to a request to {@code requestUri}; ignores those the rules refuse.
   *
   * @throws IllegalArgumentException if {@code requestUri} is not an absolute http or https URI
   */
  public void store(String requestUri, Headers responseHeaders) {
    RequestUri uri = RequestUri.parse(requestUri);
    List<String> fields = responseHeaders.all("Set-Cookie");
    if (fields.isEmpty()) {
      return;
    }
    Optional<Long> date = responseHeaders.first("Date").flatMap(CookieDates::parse);
    for (String field : fields) {
      SetCookie.parse(field).ifPresent(set -> store(uri, set, date));
    }
  }

  /**
   * Returns the value of the {@code Cookie} field for a request to {@code requestUri}, or empty
   * when no cookie goes there. Expired cookies are dropped on the way.
   *
   * @throws IllegalArgumentException if {@code requestUri} is not an absolute http or https URI
   */
  public Optional<String> cookieHeader(String requestUri) {
    RequestUri uri = RequestUri.parse(requestUri);
    removeExpired();
    String host = uri.origin().host();
    String path = path(uri);
    List<Stored> matching = new ArrayList<>();
    for (Stored stored : cookies) {
      Cookie cookie = stored.cookie();
      boolean hostMatches = cookie.hostOnly()
          ? host.equals(cookie.domain()) : domainMatches(host, cookie.domain());
      if (hostMatches && pathMatches(path, cookie.path())
          && (!cookie.secure() || uri.origin().secure())) {
        matching.add(stored);
      }
    }
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    matching.sort(Comparator.<Stored>comparingInt(s -> -s.cookie().path().length())
        .thenComparingLong(Stored::creation));
    StringJoiner header = new StringJoiner("; ");
    matching.forEach(stored -> header.add(stored.cookie().toString()));
    return Optional.of(header.toString());
  }

  /** Returns the cookies kept now, oldest first; expired ones are dropped first. */
  public List<Cookie> cookies() {
    removeExpired();
    return cookies.stream().map(Stored::cookie).toList();
  }

  /** Removes every cookie. */
  public void clear() {
    cookies.clear();
  }

  private void store(RequestUri uri, SetCookie set, Optional<Long> date) {
    if (set.name().length() + set.value().length() > MAX_COOKIE_SIZE) {
      return;
    }
    String host = uri.origin().host();
    boolean hostOnly = set.domain().isEmpty();
    String domain = set.domain().orElse(host);
    if (!hostOnly && !domain.equals(host)
        && (!domainMatches(host, domain) || domain.indexOf('.') < 0)) {
      return;
    }
    if (set.secure() && !uri.origin().secure()) {
      return;
    }
    String path = set.path().orElseGet(() -> defaultPath(uri));
    double expiresAt = expiry(set, date);
    int existing = indexOf(set.name(), domain, path);
    long creation = existing >= 0 ? cookies.get(existing).creation() : created++;
    if (existing >= 0) {
      cookies.remove(existing);
    }
    if (expiresAt <= time.seconds()) {
      return;
    }
    cookies.add(new Stored(new Cookie(set.name(), set.value(), domain, path, hostOnly,
        set.secure(), set.httpOnly(), expiresAt), creation));
    cookies.sort(Comparator.comparingLong(Stored::creation));
    evict(domain);
  }

  /** Returns when a cookie expires on the jar's clock: Max-Age first, then Expires. */
  private double expiry(SetCookie set, Optional<Long> date) {
    double now = time.seconds();
    if (set.maxAge().isPresent()) {
      long age = set.maxAge().get();
      return age <= 0 ? Double.NEGATIVE_INFINITY : now + age;
    }
    if (set.expires().isPresent()) {
      long reference = date.orElseGet(wallClock.instant()::getEpochSecond);
      return now + (set.expires().get() - reference);
    }
    return Double.POSITIVE_INFINITY;
  }

  private int indexOf(String name, String domain, String path) {
    for (int i = 0; i < cookies.size(); i++) {
      Cookie cookie = cookies.get(i).cookie();
      if (cookie.name().equals(name) && cookie.domain().equals(domain)
          && cookie.path().equals(path)) {
        return i;
      }
    }
    return -1;
  }

  private void evict(String domain) {
    long inDomain = cookies.stream().filter(s -> s.cookie().domain().equals(domain)).count();
    for (int i = 0; i < cookies.size() && inDomain > MAX_PER_DOMAIN; ) {
      if (cookies.get(i).cookie().domain().equals(domain)) {
        cookies.remove(i);
        inDomain--;
      } else {
        i++;
      }
    }
    while (cookies.size() > MAX_COOKIES) {
      cookies.remove(0);
    }
  }

  private void removeExpired() {
    double now = time.seconds();
    cookies.removeIf(stored -> stored.cookie().expiresAt() <= now);
  }

  /** Returns the path of the URI, without its query. */
  private static String path(RequestUri uri) {
    String target = uri.pathAndQuery();
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** RFC 6265 section 5.1.4: the directory of the URI's path, or {@code /}. */
  private static String defaultPath(RequestUri uri) {
    String path = path(uri);
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** RFC 6265 section 5.1.3; IP addresses match only themselves. */
  private static boolean domainMatches(String host, String domain) {
    if (host.equals(domain)) {
      return true;
    }
    boolean ipAddress = host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    return !ipAddress && host.endsWith("." + domain.toLowerCase(Locale.ROOT));
  }

  /** RFC 6265 section 5.1.4. */
  private static boolean pathMatches(String path, String cookiePath) {
    if (path.equals(cookiePath)) {
      return true;
    }
    return path.startsWith(cookiePath)
        && (cookiePath.endsWith("/") || path.charAt(cookiePath.length()) == '/');
  }
}
