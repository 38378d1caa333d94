package dev.twine.cli;

import dev.twine.internet.Address;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.Reactor;
import dev.twine.internet.nio.NioReactor;
import dev.twine.internet.nio.NioReactorGroup;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A factory for a reactor group that hands each connection to the factory of the reactor that
 * accepted it, so that each reactor's connections share only what its own factory holds.
 *
 * <p>Threading: {@link #buildProtocol} runs on the accepting reactor's thread and fails with
 * {@link IllegalStateException} on any other; starting and stopping reach every factory.
 */
final class PerReactorFactory implements Factory {
  private final List<NioReactor> reactors;
  private final List<Factory> factories;

  /** Creates it with one factory from {@code factories} for each reactor of {@code group}, in order. */
  PerReactorFactory(NioReactorGroup group, Function<? super Reactor, ? extends Factory> factories) {
    this.reactors = group.reactors();
    this.factories = reactors.stream().<Factory>map(factories::apply).toList();
  }

  @Override
  public @Nullable Protocol buildProtocol(Address address) {
    for (int i = 0; i < reactors.size(); i++) {
      if (reactors.get(i).inReactorThread()) {
        return factories.get(i).buildProtocol(address);
      }
    }
    throw new IllegalStateException("a connection from " + address + " was accepted on "
        + Thread.currentThread().getName() + ", which runs none of the group's reactors");
  }

  @Override
  public void startFactory() {
    factories.forEach(Factory::startFactory);
  }

  @Override
  public void stopFactory() {
    factories.forEach(Factory::stopFactory);
  }
}
