package dev.twine.cli;

import dev.twine.application.Service;
import dev.twine.bytes.Bytes;
import dev.twine.internet.Reactor;
import dev.twine.web.Rendered;
import dev.twine.web.Resource;
import dev.twine.web.Site;
import dev.twine.web.http.HttpMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A test plugin, {@code twine whoserves}, that answers {@code GET /} with the name of the thread
 * that rendered it in an {@code X-Thread} header and checks that it is the thread of the reactor
 * whose site it is: how a test sees which reactors of {@code --reactors N} serve connections.
 */
@Command(description = "Answers each request with the name of the thread that served it.")
public final class WhoServesCommand implements TwineCommand {
  @Mixin private ListenOptions listen = new ListenOptions();
  @Mixin private ReactorsOption reactors = new ReactorsOption();

  @Override
  public String name() {
    return "whoserves";
  }

  @Override
  public Service makeService(Reactor reactor) {
    return reactors.service(reactor, listen, each -> new Site(root(each), each));
  }

  private static Resource root(Reactor reactor) {
    return new Resource().putChild("", new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("X-Thread", Thread.currentThread().getName());
      return Rendered.body(Bytes.ascii(reactor.inReactorThread() ? "own reactor" : "other reactor"));
    }));
  }
}
