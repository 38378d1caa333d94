package dev.twine.web;

import dev.twine.internet.ReactorTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of a site's clients, in memory, each forgotten once it has been idle for the
 * store's idle timeout (Twisted's {@code Site.sessions} with {@code sessionTimeout}). {@link
 * Request#session()} finds a client's session by its cookie or makes one here.
 *
 * <pre>{@code
 * Site site = new Site(root, reactor)
 *     .withSessions(new SessionStore(reactor, Duration.ofHours(1)));
 * }</pre>
 *
 * <p>Identifiers are 32 bytes of {@link SecureRandom} in base64url (43 characters). The cookie
 * is {@value #COOKIE} on plain connections and {@value #SECURE_COOKIE} with {@code Secure} on
 * HTTPS, so a session made over HTTPS is never used over plain HTTP; both have {@code Path=/},
 * {@code HttpOnly} and {@code SameSite=Lax}, and no {@code Max-Age}: the browser keeps it until
 * it closes, the store until the session has been idle too long.
 *
 * <p>Memory: every session lives until it expires, and any client can make one where a resource
 * calls {@link Request#session()}; resources that only read a session should call {@link
 * Request#existingSession()}.
 *
 * <p>Threading: use a store on the thread of the reactor whose time it was given only; the
 * sessions of a reactor group's sites are one store per reactor.
 */
public final class SessionStore {
  /** The idle time after which a session expires unless the store is given another: 15 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
  /** The name of the session cookie on plain connections. */
  public static final String COOKIE = "TWINE_SESSION";
  /** The name of the session cookie on HTTPS connections. */
  public static final String SECURE_COOKIE = "TWINE_SECURE_SESSION";

  private static final int ID_BYTES = 32;

  private final ReactorTime time;
  private final Duration idleTimeout;
  private final Map<String, Session> sessions = new HashMap<>();
  private @Nullable SecureRandom random;

  /** Creates a store whose sessions expire after {@link #DEFAULT_IDLE_TIMEOUT} idle. */
  public SessionStore(ReactorTime time) {
    this(time, DEFAULT_IDLE_TIMEOUT);
  }

  /**
   * Creates a store whose sessions expire after {@code idleTimeout} without a request, measured
   * by {@code time}.
   *
   * @throws IllegalArgumentException if {@code idleTimeout} is zero or negative
   */
  public SessionStore(ReactorTime time, Duration idleTimeout) {
    this.time = Objects.requireNonNull(time, "time");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isZero() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
  }

  /** Returns how long a session may stay idle before it expires. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Makes a new session with a fresh identifier; it expires once idle for the idle timeout. */
  public Session create() {
    SecureRandom source = random;
    if (source == null) {
      source = new SecureRandom();
      random = source;
    }
    byte[] bytes = new byte[ID_BYTES];
    String id;
    do {
      source.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (sessions.containsKey(id));
    Session session = new Session(this, id);
    sessions.put(id, session);
    return session;
  }

  /** Returns the session with identifier {@code id} if it has not expired, without touching it. */
  public Optional<Session> find(String id) {
    return Optional.ofNullable(sessions.get(Objects.requireNonNull(id, "id")));
  }

  /** Returns how many sessions have not expired. */
  public int size() {
    return sessions.size();
  }

  /** Expires every session, as when the server stops. */
  public void expireAll() {
    for (Session session : new ArrayList<>(sessions.values())) {
      session.expire();
    }
  }

  // --- For requests and sessions ---

  ReactorTime time() {
    return time;
  }

  void forget(Session session) {
    sessions.remove(session.id(), session);
  }

  /** Returns the live session whose cookie {@code request} sent, touched, if there is one. */
  Optional<Session> existing(Request request) {
    Optional<Session> found = request.cookie(cookieName(request.isSecure())).flatMap(this::find);
    found.ifPresent(Session::touch);
    return found;
  }

  /**
   * Returns a new session for {@code request}, whose cookie its response sets.
   *
   * @throws IllegalStateException if the response head has been sent, so that the cookie can
   *     no longer be set
   */
  Session start(Request request) {
    if (request.responseStarted()) {
      throw new IllegalStateException(
          "cannot start a session: the response head has been sent to " + request);
    }
    Session session = create();
    boolean secure = request.isSecure();
    request.addCookie(Cookie.of(cookieName(secure), session.id()).withPath("/")
        .withSecure(secure).withHttpOnly(true).withSameSite(Cookie.SameSite.LAX));
    return session;
  }

  private static String cookieName(boolean secure) {
    return secure ? SECURE_COOKIE : COOKIE;
  }
}
