package dev.twine.application;

import dev.twine.defer.Deferred;
import dev.twine.defer.DeferredList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A service made of other services (Twisted's {@code MultiService}): starting it starts them in
 * the order they were added; stopping it stops them in reverse order, all at once, and fires when
 * every one has stopped. A service added while it runs is started at once.
 *
 * <p>Threading: on the reactor thread.
 */
public final class MultiService implements Service {
  private final Map<String, Service> named = new LinkedHashMap<>();
  private final List<Service> services = new ArrayList<>();
  private boolean running;

  /** Adds {@code service} without a name. */
  public void addService(Service service) {
    Objects.requireNonNull(service, "service");
    if (services.contains(service)) {
      throw new IllegalArgumentException("service already added: " + service);
    }
    services.add(service);
    if (running) {
      service.startService();
    }
  }

  /**
   * Adds {@code service} under {@code name}.
   *
   * @throws IllegalArgumentException if the name is taken
   */
  public void addService(String name, Service service) {
    Objects.requireNonNull(name, "name");
    if (named.containsKey(name)) {
      throw new IllegalArgumentException("a service is already named \"" + name + "\"");
    }
    addService(service);
    named.put(name, service);
  }

  /** Removes {@code service}, stopping it if this runs; the Deferred fires when it has stopped. */
  public Deferred<@Nullable Void> removeService(Service service) {
    if (!services.remove(service)) {
      throw new IllegalArgumentException("not a child service: " + service);
    }
    named.values().removeIf(s -> s == service);
    return running ? service.stopService() : Deferred.succeed(null);
  }

  /** Returns the service added under {@code name}. */
  public Optional<Service> service(String name) {
    return Optional.ofNullable(named.get(name));
  }

  /** Returns the child services in the order they were added. */
  public List<Service> services() {
    return Collections.unmodifiableList(services);
  }

  @Override
  public void startService() {
    if (running) {
      return;
    }
    running = true;
    for (Service service : List.copyOf(services)) {
      service.startService();
    }
  }

  @Override
  public Deferred<@Nullable Void> stopService() {
    if (!running) {
      return Deferred.succeed(null);
    }
    running = false;
    List<Deferred<@Nullable Void>> stops = new ArrayList<>();
    List<Service> reversed = new ArrayList<>(services);
    Collections.reverse(reversed);
    for (Service service : reversed) {
      stops.add(Deferred.maybeDeferredWith(service::stopService));
    }
    return DeferredList.of(stops).map(outcomes -> null);
  }

  @Override
  public boolean running() {
    return running;
  }

  @Override
  public String toString() {
    return "MultiService" + services;
  }
}
