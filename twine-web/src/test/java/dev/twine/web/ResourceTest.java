package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk from the root to the resource that renders a request. */
@TwineTest
class ResourceTest {
  /** Renders where the walk stopped: the prepath and the postpath. */
  private static Renderer where(String name) {
    return request -> Rendered.body(name + " " + request.prepath() + " " + request.postpath());
  }

  /** A leaf that renders the rest of the path. */
  private static final class Files extends Resource {
    Files() {
      on(HttpMethod.GET, where("files"));
    }

    @Override
    public boolean isLeaf() {
      return true;
    }
  }

  /** Makes a child per number on the fly. */
  private static final class Numbers extends Resource {
    @Override
    public Resource getChild(String name, Request request) {
      if (!name.matches("\\d+")) {
        return super.getChild(name, request);
      }
      return new Resource().on(HttpMethod.GET, r -> Rendered.body("number " + name));
    }
  }

  private static Resource tree() {
    Resource root = new Resource();
    root.putChild("", new Resource().on(HttpMethod.GET, where("home")));
    Resource docs = new Resource().on(HttpMethod.GET, where("docs"));
    docs.putChild("", new Resource().on(HttpMethod.GET, where("docs index")));
    docs.putChild("a b", new Resource().on(HttpMethod.GET, where("spaced")));
    root.putChild("docs", docs);
    root.putChild("files", new Files());
    root.putChild("n", new Numbers());
    return root;
  }

  private static List<String> bodies(Clock clock, String... paths) {
    Wire wire = new Wire(tree(), clock);
    for (String path : paths) {
      wire.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n");
    }
    List<String> bodies = wire.responses().stream().map(r -> r.status() + " " + r.body()).toList();
    wire.close();
    return bodies;
  }

  @Test
  void walksTheChildrenNamedByThePath(Clock clock) {
    assertThat(bodies(clock, "/", "/docs", "/docs/", "/docs/a%20b")).containsExactly(
        "200 home [] []", "200 docs [docs] []", "200 docs index [docs, ] []",
        "200 spaced [docs, a b] []");
  }

  @Test
  void stopsAtALeafAndLeavesItTheRestOfThePath(Clock clock) {
    assertThat(bodies(clock, "/files/a/b.txt", "/files")).containsExactly(
        "200 files [files] [a, b.txt]", "200 files [files] []");
  }

  @Test
  void asksGetChildForChildrenThatWereNotPut(Clock clock) {
    List<String> bodies = bodies(clock, "/n/42", "/n/x");
    assertThat(bodies.get(0)).isEqualTo("200 number 42");
    assertThat(bodies.get(1)).startsWith("404 ");
  }

  @Test
  void answers404ForEveryPathBelowAMissingChild(Clock clock) {
    assertThat(bodies(clock, "/nothing/below/here").get(0)).startsWith("404 ");
  }

  @Test
  void listsTheMethodsItAllows() {
    Resource resource = new Resource()
        .on(HttpMethod.POST, where("p"))
        .on(HttpMethod.GET, where("g"));
    assertThat(resource.allowedMethods()).containsExactly(
        HttpMethod.POST, HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    assertThat(new Resource().allowedMethods()).isEmpty();
  }

  @Test
  void keepsItsChildrenInOrderAndRefusesItself() {
    Resource root = new Resource();
    Resource a = new Resource();
    root.putChild("b", new Resource()).putChild("a", a);
    assertThat(root.children()).containsOnlyKeys("b", "a");
    assertThat(root.children().keySet()).containsExactly("b", "a");
    assertThatThrownBy(() -> a.putChild("self", a)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void servesAnErrorPageWithItsStatus(Clock clock) {
    Resource root = new Resource();
    root.putChild("gone", new ErrorPage(410, "Removed <for good>."));
    Wire wire = new Wire(root, clock);
    wire.send("GET /gone/and/below HTTP/1.1\r\nHost: a\r\n\r\n");
    Wire.Response response = wire.response();
    assertThat(response.status()).isEqualTo(410);
    assertThat(response.body()).contains("<h1>410 Gone</h1>").contains("Removed &lt;for good&gt;.");
    assertThat(response.header("Content-Type")).contains("text/html; charset=utf-8");
    assertThatThrownBy(() -> new ErrorPage(200, "fine"))
        .isInstanceOf(IllegalArgumentException.class);
    wire.close();
  }
}
