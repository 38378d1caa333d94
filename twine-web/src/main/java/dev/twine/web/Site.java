package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Outcome;
import dev.twine.internet.Address;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import dev.twine.protocols.LimitConnectionsFactory;
import dev.twine.protocols.ProxyProtocolFactory;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.RequestParser;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A web site: the {@link Factory} of HTTP connections that serve a tree of {@link Resource}s
 * (Twisted's {@code server.Site}).
 *
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("", new Resource().on(HttpMethod.GET, request -> Rendered.body("Hello!")));
 * reactor.listenTcp(8080, new Site(root, reactor));
 * }</pre>
 *
 * <p>For each request, the site {@linkplain #resourceFor finds the resource} by walking the path
 * from the root, then lets it {@linkplain Resource#render render}; a resource that throws, or
 * whose Deferred fails, gets a {@code 500} page and the error is logged, unless it failed with an
 * {@link HttpError}, which gets its own page. {@code OPTIONS *} gets {@code 200} without walking
 * the tree, and {@code CONNECT} gets {@code 501}: a site is no proxy.
 *
 * <p>Responses carry {@code Server: Twine/<version>} and a {@code Date} read from the calendar
 * clock at most once per second of the reactor's time, unless the resource set its own.
 *
 * <p>A site keeps the {@linkplain #sessions() sessions} of its clients ({@link
 * Request#session()}), and tells its {@link RequestLog}, if it has one, of every request it is
 * done with; {@link #withSessions} and {@link #withLog} set them:
 *
 * <pre>{@code
 * Site site = new Site(root, reactor)
 *     .withSessions(new SessionStore(reactor, Duration.ofMinutes(30)))
 *     .withLog(AccessLog.toFile(Path.of("access.log")));
 * }</pre>
 *
 * <p>The site holds its clients to the limits of its {@link SiteOptions}: it refuses connections
 * past its {@linkplain SiteOptions#connections() connection limits}, closing them at once, and
 * answers an upgrade past {@linkplain SiteOptions#maxUpgradedConnections() the upgraded
 * connections it allows} with {@code 503 Service Unavailable}. With {@linkplain
 * SiteOptions#proxyProtocol() a trusted proxy}, it reads the PROXY protocol header first and takes
 * the client's address from it.
 *
 * <p>A site {@linkplain #shutDown shuts down gracefully}: it answers the requests under way,
 * closes its connections as they fall idle and aborts what is left at a deadline. {@link
 * SiteShutdown} does it when a service tree stops; without services, a reactor trigger does:
 *
 * <pre>{@code
 * reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN,
 *     () -> site.shutDown(Duration.ofSeconds(10)));
 * }</pre>
 *
 * <p>Threading: a site belongs to the reactor whose time it was given; its connections must be
 * accepted by that reactor. A reactor group needs one site per reactor, which may share a tree of
 * thread-safe resources; each keeps sessions of its own, which a client's connections to the
 * other reactors do not find.
 */
public final class Site implements Factory {
  private static final System.Logger LOG = System.getLogger(Site.class.getName());
  /** The most parsers kept for reuse: about as many as requests arrive at once. */
  private static final int SPARE_PARSERS = 64;

  private final Resource root;
  private final ReactorTime time;
  private final SiteOptions options;
  private final DateCache dates;
  private final InstantSource calendar;
  private final SessionStore sessions;
  private final @Nullable RequestLog log;
  private final LimitConnectionsFactory connections;
  private final Factory front;
  private final AtomicInteger upgraded = new AtomicInteger();
  private final Set<HttpChannel> channels = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Parsers that connections gave back between requests, for the next request to arrive. */
  private final ArrayDeque<RequestParser> spareParsers = new ArrayDeque<>();
  private @Nullable Deferred<@Nullable Void> drained;
  private @Nullable DelayedCall drainDeadline;

  /** Creates a site serving {@code root} with {@link SiteOptions#DEFAULT}. */
  public Site(Resource root, ReactorTime time) {
    this(root, time, SiteOptions.DEFAULT);
  }

  /** Creates a site serving {@code root} with {@code options}, dating responses by the system clock. */
  public Site(Resource root, ReactorTime time, SiteOptions options) {
    this(root, time, InstantSource.system(), options);
  }

  /**
   * Creates a site serving {@code root} with {@code options}: {@code time}, the reactor's, runs
   * the timeouts, and {@code calendar} gives the date of the {@code Date} header, so a test can
   * fix both.
   */
  public Site(Resource root, ReactorTime time, InstantSource calendar, SiteOptions options) {
    this(root, time, calendar, options, new SessionStore(time), null);
  }

  private Site(Resource root, ReactorTime time, InstantSource calendar, SiteOptions options,
      SessionStore sessions, @Nullable RequestLog log) {
    this.root = Objects.requireNonNull(root, "root");
    this.time = Objects.requireNonNull(time, "time");
    this.options = Objects.requireNonNull(options, "options");
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.dates = new DateCache(time, calendar);
    this.sessions = sessions;
    this.log = log;
    this.connections = new LimitConnectionsFactory(this::channel, time, options.connections());
    Factory admitting = this::admit;
    this.front = options.proxyProtocol().trustsNoOne() ? admitting
        : new ProxyProtocolFactory(admitting, time, options.proxyProtocol());
  }

  /**
   * Returns a new HTTP connection that serves this site, or null, refusing it, past the
   * connection limits or once the site is {@linkplain #shutDown shutting down}; with a trusted
   * proxy, a protocol that reads the PROXY protocol header and then decides.
   */
  @Override
  public @Nullable Protocol buildProtocol(Address address) {
    return drained != null ? null : front.buildProtocol(address);
  }

  /** Returns an HTTP connection for the client at {@code address}, or null past the limits. */
  private @Nullable Protocol admit(Address address) {
    Optional<LimitConnectionsFactory.Refusal> refusal = connections.admit(address);
    if (refusal.isPresent()) {
      LOG.log(System.Logger.Level.DEBUG, "refusing a connection from {0}: {1}", address, refusal.get());
      return null;
    }
    return channel(address);
  }

  private Protocol channel(Address address) {
    return new HttpChannel(this, options, time);
  }

  /**
   * Returns a parser for a connection whose next request starts arriving: one given back by
   * another connection, or a new one. Idle connections thus hold no parser, and busy ones do not
   * make one per request.
   */
  RequestParser takeParser() {
    RequestParser parser = spareParsers.poll();
    return parser != null ? parser : new RequestParser(options.limits());
  }

  /** Keeps {@code parser}, which stands between two requests, for another connection. */
  void giveBackParser(RequestParser parser) {
    if (spareParsers.size() < SPARE_PARSERS) {
      spareParsers.push(parser);
    }
  }

  // --- Graceful shutdown ---

  /**
   * Shuts the site down gracefully, within {@code deadline}; the Deferred fires once every
   * connection of the site has closed. From now on new connections are refused ({@link
   * #buildProtocol}); idle connections close at once; the requests under way are answered, the
   * last response on each connection says {@code Connection: close} if its head has not been
   * sent yet, and the connection closes after it; a request whose header section is arriving is
   * answered the same way; WebSocket connections get a close frame with {@code 1001 Going Away}.
   * When {@code deadline} passes, the connections left are aborted, and each response that was
   * not completed is logged as a warning, as is each WebSocket that had not closed.
   *
   * <p>The site keeps refusing connections after the Deferred fired. Calling again returns a
   * Deferred that fires with the first shutdown's, whatever its deadline.
   *
   * <p>Threading: the reactor thread of the site.
   *
   * @throws IllegalArgumentException if {@code deadline} is negative
   */
  public Deferred<@Nullable Void> shutDown(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must not be negative: " + deadline);
    }
    Deferred<@Nullable Void> running = drained;
    if (running == null) {
      running = new Deferred<>();
      drained = running;
      drainDeadline = time.callLater(deadline, this::deadlinePassed);
      for (HttpChannel channel : List.copyOf(channels)) {
        channel.drain();
      }
      settleShutdown();
    }
    Deferred<@Nullable Void> later = new Deferred<>();
    running.always(outcome -> later.callback(null));
    return later;
  }

  /** Returns whether {@link #shutDown} has been called. */
  public boolean shuttingDown() {
    return drained != null;
  }

  void opened(HttpChannel channel) {
    channels.add(channel);
    if (drained != null) {
      channel.drain();
    }
  }

  /**
   * Called once when a connection of this site ends, with the client address it was admitted
   * for: its place under the connection limits is released, and a shutdown may be complete.
   */
  void closed(HttpChannel channel, Address client) {
    connections.release(client);
    if (channels.remove(channel)) {
      settleShutdown();
    }
  }

  private void deadlinePassed() {
    drainDeadline = null;
    for (HttpChannel channel : new ArrayList<>(channels)) {
      channel.abortAtDeadline();
    }
    channels.clear();
    settleShutdown();
  }

  private void settleShutdown() {
    Deferred<@Nullable Void> running = drained;
    if (running == null || running.called() || !channels.isEmpty()) {
      return;
    }
    DelayedCall pending = drainDeadline;
    drainDeadline = null;
    if (pending != null && pending.active()) {
      pending.cancel();
    }
    running.callback(null);
  }

  /** Returns how many connections this site serves, upgraded ones included. */
  public int openConnections() {
    return connections.openConnections();
  }

  /** Returns the root of the tree. */
  public Resource root() {
    return root;
  }

  /** Returns the options the site's connections follow. */
  public SiteOptions options() {
    return options;
  }

  /**
   * Returns the resource that renders {@code request}, walking from the root as {@link Resource}
   * describes and moving the segments walked from the request's postpath to its prepath
   * (Twisted's {@code getResourceFor}).
   */
  public Resource resourceFor(Request request) {
    Resource resource = root;
    while (!resource.isLeaf() && request.hasPostpath()) {
      String name = request.advance();
      resource = resource.getChildWithDefault(name, request);
    }
    return resource;
  }

  /** Finds the resource of {@code request} and renders it; nothing it throws escapes. */
  void render(Request request) {
    Exchange exchange = request.exchange();
    try {
      switch (resourceFor(request).render(request)) {
        case Rendered.Body body -> exchange.respond(body.bytes());
        case Rendered.Later later -> later.body().transform(outcome -> {
          deliver(exchange, outcome);
          return null;
        });
        case Rendered.Streaming streaming -> { }
        case Rendered.SwitchProtocols switching -> switchProtocols(exchange, switching.protocol());
      }
    } catch (Exception e) {
      exchange.renderFailed(e, options.debug());
    }
  }

  /** Switches to {@code next}, unless the site has as many upgraded connections as it allows. */
  private void switchProtocols(Exchange exchange, Protocol next) {
    if (upgraded.get() >= options.maxUpgradedConnections()) {
      exchange.sendPage(503, "The server has as many upgraded connections as it allows.", null, false);
      return;
    }
    exchange.switchProtocols(next);
  }

  /** Called when a connection switches protocols, until {@link #upgradeEnded}. */
  void upgradeStarted() {
    upgraded.incrementAndGet();
  }

  /** Called when a connection that switched protocols ends. */
  void upgradeEnded() {
    upgraded.decrementAndGet();
  }

  private void deliver(Exchange exchange, Outcome<Bytes> outcome) {
    switch (outcome) {
      case Outcome.Success<Bytes> success -> {
        try {
          exchange.respond(success.value());
        } catch (RuntimeException e) {
          exchange.renderFailed(e, options.debug());
        }
      }
      case Outcome.Failed<Bytes> failed ->
          exchange.renderFailed(failed.failure().exception(), options.debug());
    }
  }

  String date() {
    return dates.value();
  }

  // --- Sessions and the request log ---

  /**
   * Returns a site like this one whose sessions live in {@code store}, in place of the store
   * it made itself: an in-memory one with {@link SessionStore#DEFAULT_IDLE_TIMEOUT}, on this
   * site's time. Build it before serving.
   */
  public Site withSessions(SessionStore store) {
    return new Site(root, time, calendar, options, Objects.requireNonNull(store, "store"), log);
  }

  /**
   * Returns a site like this one that tells {@code newLog} of every request it is done with, in
   * place of any log it had. Build it before serving.
   */
  public Site withLog(RequestLog newLog) {
    return new Site(root, time, calendar, options, sessions,
        Objects.requireNonNull(newLog, "log"));
  }

  /** Returns the store of the sessions of this site's clients. */
  public SessionStore sessions() {
    return sessions;
  }

  /**
   * Makes the site's log, if it has one, hear of {@code exchange} when it is done: the request
   * {@code head} from {@code client}, or input that could not be read if {@code head} is null.
   */
  void record(Exchange exchange, @Nullable RequestHead head, Address client) {
    RequestLog current = log;
    if (current != null) {
      exchange.record(new RequestRecorder(current, time, calendar.instant(), head, client));
    }
  }
}
