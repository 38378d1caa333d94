package dev.twine.benchmarks.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code chart.svg}: a grouped bar chart, one group per workload and one bar per peer, each
 * peer's figure divided by Twine's so that Twine's bars are all 1.0 (a dashed line). A peer
 * without a figure (n/a, failed, or no Twine figure to divide by) has no bar, only a grey mark.
 * Bars beyond the axis are cut at its top and keep their real value in the label.
 */
final class SvgChart {
  private static final int BAR = 16;
  private static final int GROUP_GAP = 28;
  private static final int LEFT = 56;
  private static final int TOP = 100;
  private static final int PLOT = 300;
  private static final int BOTTOM = 70;
  private static final double MAX_AXIS = 4.0;

  private SvgChart() {}

  /** Returns the chart of {@code rows} (one reactor count), titled {@code title}. */
  static String render(List<Results.Row> rows, String title) {
    Set<Peer> peers = EnumSet.noneOf(Peer.class);
    rows.forEach(row -> peers.addAll(row.cells().keySet()));
    double top = axisTop(rows);
    int width = LEFT + 20 + rows.stream().mapToInt(row -> groupWidth(row)).sum();
    width = Math.max(width, 640);
    int height = TOP + PLOT + BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
        + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\">%n",
        width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    text(svg, LEFT, 24, 16, "start", "bold", title);
    text(svg, LEFT, 42, 11, "start", "normal", "Each peer's figure divided by Twine's (Twine = 1.0).");
    text(svg, LEFT, 56, 11, "start", "normal",
        "Above 1.0: a larger figure, better for rates, worse where \u2193 (memory, start-up).");
    legend(svg, peers);
    axis(svg, width, top);
    int x = LEFT + 12;
    for (Results.Row row : rows) {
      group(svg, row, x, top);
      x += groupWidth(row);
    }
    return svg.append("</svg>\n").toString();
  }

  private static int groupWidth(Results.Row row) {
    return Math.max(row.cells().size() * (BAR + 2) + GROUP_GAP, 96);
  }

  private static double axisTop(List<Results.Row> rows) {
    double max = 1.0;
    for (Results.Row row : rows) {
      for (Peer peer : row.cells().keySet()) {
        OptionalDouble ratio = row.ratio(peer);
        if (ratio.isPresent()) {
          max = Math.max(max, ratio.getAsDouble());
        }
      }
    }
    return Math.min(MAX_AXIS, Math.ceil(max * 1.1 * 2) / 2);
  }

  private static void axis(StringBuilder svg, int width, double top) {
    for (double tick = 0; tick <= top + 1e-9; tick += 0.5) {
      double y = y(tick, top);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
          + " stroke=\"%s\" stroke-width=\"1\"%s/>%n", LEFT, y, width - 8, y,
          tick == 1.0 ? "#333" : "#ddd", tick == 1.0 ? " stroke-dasharray=\"6 4\"" : ""));
      text(svg, LEFT - 6, y + 4, 11, "end", "normal", String.format(Locale.ROOT, "%.1f", tick));
    }
  }

  private static void legend(StringBuilder svg, Set<Peer> peers) {
    int x = LEFT;
    for (Peer peer : peers) {
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"66\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, colour(peer)));
      text(svg, x + 16, 76, 12, "start", "normal", peer.label());
      x += 28 + peer.label().length() * 7;
    }
  }

  private static void group(StringBuilder svg, Results.Row row, int x0, double top) {
    int x = x0;
    for (Peer peer : row.cells().keySet()) {
      OptionalDouble ratio = row.ratio(peer);
      if (ratio.isPresent()) {
        double value = ratio.getAsDouble();
        double barTop = y(Math.min(value, top), top);
        svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" data-peer=\"%s\" x=\"%d\""
            + " y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>%n",
            peer.label(), x, barTop, BAR, y(0, top) - barTop, colour(peer), escape(peer.label()),
            escape(row.workload().name()), Figures.ratio(value)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\""
            + " transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n", x + BAR / 2.0 + 3.5, barTop - 3,
            x + BAR / 2.0 + 3.5, barTop - 3, Figures.ratio(value)));
      } else {
        text(svg, x + BAR / 2.0, y(0, top) - 4, 9, "middle", "normal", "\u00d7");
      }
      x += BAR + 2;
    }
    double centre = x0 + (x - x0) / 2.0;
    List<String> lines = wrap(row.workload().title() + (row.workload().lowerIsBetter() ? " \u2193" : ""), 18);
    for (int i = 0; i < lines.size(); i++) {
      text(svg, centre, TOP + PLOT + 16 + i * 13, 11, "middle", "normal", lines.get(i));
    }
  }

  private static double y(double ratio, double top) {
    return TOP + PLOT * (1 - ratio / top);
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static void text(StringBuilder svg, double x, double y, int size, String anchor,
      String weight, String text) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\""
        + " text-anchor=\"%s\" font-weight=\"%s\" fill=\"#222\">%s</text>%n",
        x, y, size, anchor, weight, escape(text)));
  }

  private static String colour(Peer peer) {
    return switch (peer) {
      case TWINE -> "#d9531e";
      case NETTY_NIO, NETTY -> "#2f6db3";
      case NETTY_EPOLL -> "#7fb0e0";
      case VERTX -> "#7a4fb3";
      case TWISTED -> "#3f9a56";
      case NGINX -> "#8a8a8a";
    };
  }

  /** Returns {@code text} with XML's special characters escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
