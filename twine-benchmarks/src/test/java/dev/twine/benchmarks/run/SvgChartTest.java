package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {
  private static Cell measured(double value) {
    return new Cell.Measured(value, "req/s", Map.of());
  }

  private static Results results() {
    List<Workload> workloads = Catalog.workloads();
    Results results = new Results();
    results.add(workloads.get(0), 1, Peer.TWINE, new Samples(List.of(measured(100))));
    results.add(workloads.get(0), 1, Peer.NETTY_NIO, new Samples(List.of(measured(120))));
    results.add(workloads.get(0), 1, Peer.NGINX, new Samples(List.of(new Cell.Unavailable("nginx is not installed"))));
    results.add(workloads.get(1), 1, Peer.TWINE, new Samples(List.of(measured(50))));
    results.add(workloads.get(1), 1, Peer.NETTY_NIO, new Samples(List.of(new Cell.Failed("not ready"))));
    results.add(workloads.get(1), 1, Peer.TWISTED, new Samples(List.of(measured(900))));
    return results;
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> bars(Document svg) {
    NodeList rects = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
    List<Element> bars = new ArrayList<>();
    for (int i = 0; i < rects.getLength(); i++) {
      Element rect = (Element) rects.item(i);
      if (rect.getAttribute("class").equals("bar")) {
        bars.add(rect);
      }
    }
    return bars;
  }

  @Test
  void drawsOneBarPerMeasuredCellAndNoneForTheOthers() throws Exception {
    Document svg = parse(SvgChart.render(results().rows(1), "Twine & peers <test>"));

    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(bars(svg)).extracting(bar -> bar.getAttribute("data-peer"))
        .containsExactly("twine", "netty-nio", "twine", "twisted");
  }

  @Test
  void barsAreNormalisedToTwineAndCutAtTheTopOfTheAxis() throws Exception {
    List<Element> bars = bars(parse(SvgChart.render(results().rows(1), "chart")));
    double twine = Double.parseDouble(bars.get(0).getAttribute("height"));
    double netty = Double.parseDouble(bars.get(1).getAttribute("height"));
    double twisted = Double.parseDouble(bars.get(3).getAttribute("height"));

    assertThat(Double.parseDouble(bars.get(2).getAttribute("height"))).isEqualTo(twine);
    assertThat(netty / twine).isCloseTo(1.2, org.assertj.core.api.Assertions.within(0.01));
    assertThat(twisted / twine).isCloseTo(4.0, org.assertj.core.api.Assertions.within(0.01));
    assertThat(bars.get(3).getTextContent()).isEqualTo("twisted http-json: 18.0");
  }
}
