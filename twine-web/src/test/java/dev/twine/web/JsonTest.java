package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON request bodies read into types, and JSON responses. */
@TwineTest
class JsonTest {
  /** An order as a client sends it. */
  record Order(String item, int quantity) {}

  /** A receipt as the server answers it. */
  record Receipt(String itemName, int total) {}

  private static Resource root(Json json) {
    Resource root = new Resource();
    root.putChild("orders", new Resource()
        .on(HttpMethod.POST, request -> Rendered.later(json.body(request, Order.class)
            .map(order -> {
              request.setResponseCode(201);
              return json.write(request, new Receipt(order.item(), order.quantity() * 3));
            })))
        .on(HttpMethod.GET, request -> json.response(request, List.of(new Order("tea", 2)))));
    root.putChild("sum", new Resource().on(HttpMethod.POST, request -> Rendered.later(
        json.body(request, new TypeReference<List<Integer>>() {})
            .map(numbers -> json.write(request, numbers.stream().mapToInt(n -> n).sum())))));
    root.putChild("unwritable", new Resource().on(HttpMethod.GET,
        request -> json.response(request, new Object())));
    root.putChild("ok", new Resource().on(HttpMethod.GET, request -> Rendered.body("ok")));
    return root;
  }

  private static Wire post(Clock clock, Json json, String path, String type, String body) {
    Wire wire = new Wire(root(json), clock);
    wire.send("POST " + path + " HTTP/1.1\r\nHost: a\r\n"
        + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n")
        + "Content-Length: " + body.length() + "\r\n\r\n" + body
        + "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n");
    return wire;
  }

  @Test
  void readsABodyIntoATypeAndAnswersWithJson(Clock clock) {
    Wire wire = post(clock, Json.standard(), "/orders", "application/json; charset=utf-8",
        "{\"item\": \"tea\", \"quantity\": 2}");
    Wire.Response response = wire.responses().get(0);
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("Content-Type")).contains("application/json");
    assertThat(response.body()).isEqualTo("{\"itemName\":\"tea\",\"total\":6}");
    wire.close();
  }

  @Test
  void readsGenericTypesAndStructuredSyntaxSuffixes(Clock clock) {
    Wire wire = post(clock, Json.standard(), "/sum", "application/vnd.api+json", "[1, 2, 39]");
    assertThat(wire.responses().get(0).body()).isEqualTo("42");
    wire.close();
  }

  @Test
  void answersWithJsonAtOnce(Clock clock) {
    Wire wire = new Wire(root(Json.standard()), clock);
    wire.send("GET /orders HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.response().body()).isEqualTo("[{\"item\":\"tea\",\"quantity\":2}]");
    assertThat(wire.response().header("Content-Type")).contains("application/json");
    wire.close();
  }

  @Test
  void usesTheMapperItIsGiven(Clock clock) {
    Json snake = new Json(new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    Wire wire = post(clock, snake, "/orders", "application/json", "{\"item\":\"a\",\"quantity\":1}");
    assertThat(wire.responses().get(0).body()).isEqualTo("{\"item_name\":\"a\",\"total\":3}");
    assertThat(snake.mapper()).isNotSameAs(Json.standard().mapper());
    wire.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "text/plain | {} | 415 | The request body must be JSON, sent with Content-Type: application/json.",
      "'' | {} | 415 | The request body must be JSON",
      "application/json; charset | {} | 415 | The request body must be JSON",
      "application/json | {\"item\": | 400 | The request body is not valid JSON (line 1, column 9).",
      "application/json | '' | 400 | The request body does not have the expected form",
      "application/json | {\"item\":\"a\",\"quantity\":\"many\"} | 400"
          + " | The request body does not have the expected form (line 1, column 24).",
  })
  void answersABodyThatIsNotTheJsonExpected(String type, String body, int status, String detail,
      Clock clock) {
    Wire wire = post(clock, Json.standard(), "/orders", type, body);
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).extracting(Wire.Response::status).containsExactly(status, 200);
    assertThat(responses.get(0).body()).contains(ErrorPage.escape(detail))
        .doesNotContain("Exception");
    wire.close();
  }

  @Test
  void failsWithoutSettingTheTypeWhenAValueCannotBeWritten(Clock clock) {
    Wire wire = new Wire(root(Json.standard()), clock);
    wire.send("GET /unwritable HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.response().status()).isEqualTo(500);
    assertThat(wire.response().header("Content-Type")).contains("text/html; charset=utf-8");
    wire.close();
  }
}
