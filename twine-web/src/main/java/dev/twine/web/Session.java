package dev.twine.web;

import dev.twine.defer.Deferred;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a site remembers of one client between requests, found again by the session cookie the
 * client sends back (Twisted's {@code server.Session}): typed attributes, kept until the session
 * has been idle for its store's {@linkplain SessionStore#idleTimeout() idle timeout}, or is
 * expired by hand.
 *
 * <pre>{@code
 * static final Session.Key<String> USER = Session.Key.named("user");
 *
 * Renderer login = request -> {
 *   Session session = request.session();          // sets the cookie if the session is new
 *   session.set(USER, checkedUser);
 *   session.notifyOnExpire().onSuccess(expired -> audit.loggedOut(expired.get(USER)));
 *   return Rendered.body("welcome");
 * };
 * }</pre>
 *
 * <p>Each request that finds the session with {@link Request#session()} {@linkplain #touch()
 * touches} it, which starts its idle time anew.
 *
 * <p>Threading: use a session on the thread of its store's reactor only.
 */
public final class Session {

  /**
   * The name of an attribute of a session and the type of its value. Keys compare by identity:
   * keep each in a constant, so that only the code that sees the constant reads its attribute.
   *
   * @param <T> the type of the value
   */
  public static final class Key<T> {
    private final String name;

    private Key(String name) {
      this.name = name;
    }

    /** Returns a new key named {@code name}; the name only shows in messages. */
    public static <T> Key<T> named(String name) {
      return new Key<>(Objects.requireNonNull(name, "name"));
    }

    /** Returns the name the key was made with. */
    public String name() {
      return name;
    }

    /** Returns the name. */
    @Override
    public String toString() {
      return name;
    }
  }

  private final SessionStore store;
  private final String id;
  private final Deadline idle;
  private final Map<Key<?>, Object> attributes = new HashMap<>();
  private boolean expired;
  private List<Deferred<Session>> expiryWaiters = new ArrayList<>(0);

  Session(SessionStore store, String id) {
    this.store = store;
    this.id = id;
    this.idle = new Deadline(store.time(), this::expire);
    idle.set(store.idleTimeout());
  }

  /** Returns the identifier of the session: the value of its cookie, unguessable. */
  public String id() {
    return id;
  }

  /** Returns the value of the attribute {@code key}, if it is set. */
  public <T> Optional<T> get(Key<T> key) {
    Objects.requireNonNull(key, "key");
    @SuppressWarnings("unchecked") // set(key, value) only stores a T under a Key<T>
    T value = (T) attributes.get(key);
    return Optional.ofNullable(value);
  }

  /** Sets the attribute {@code key} to {@code value}, replacing any value it had. */
  public <T> void set(Key<T> key, T value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    attributes.put(key, value);
  }

  /** Removes the attribute {@code key} and returns the value it had, if any. */
  public <T> Optional<T> remove(Key<T> key) {
    Optional<T> value = get(key);
    attributes.remove(key);
    return value;
  }

  /** Starts the idle time of the session anew. Does nothing once it has expired. */
  public void touch() {
    if (!expired) {
      idle.set(store.idleTimeout());
    }
  }

  /**
   * Ends the session now: its store forgets it, so its cookie finds nothing any more, and who
   * waits on {@link #notifyOnExpire()} hears of it. Its attributes stay readable. Does nothing
   * if it has already expired.
   */
  public void expire() {
    if (expired) {
      return;
    }
    expired = true;
    idle.cancel();
    store.forget(this);
    List<Deferred<Session>> waiting = expiryWaiters;
    expiryWaiters = List.of();
    for (Deferred<Session> waiter : waiting) {
      waiter.callback(this);
    }
  }

  /** Returns whether the session has expired. */
  public boolean expired() {
    return expired;
  }

  /**
   * Returns a Deferred that fires with this session when it expires, idle or by {@link
   * #expire()}, or at once if it has; it never fails (Twisted's {@code notifyOnExpire}). Each
   * call returns a new Deferred; they fire in the order they were asked for.
   */
  public Deferred<Session> notifyOnExpire() {
    if (expired) {
      return Deferred.succeed(this);
    }
    Deferred<Session> waiter = new Deferred<>();
    expiryWaiters.add(waiter);
    return waiter;
  }

  /** Returns the identifier's first characters and whether the session has expired. */
  @Override
  public String toString() {
    return "Session[" + id.substring(0, 6) + "..." + (expired ? ", expired" : "") + "]";
  }
}
