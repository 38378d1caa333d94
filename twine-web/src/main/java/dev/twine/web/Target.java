package dev.twine.web;

import dev.twine.web.http.HttpParseException;
import dev.twine.web.http.RequestHead;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request target taken apart: its path as sent, its query, the authority of an absolute-form
 * target, and the path's segments, decoded and with dot segments resolved.
 *
 * <p>The path splits on {@code /} before decoding, so {@code %2F} stays inside a segment. Each
 * segment is percent-decoded as UTF-8. Then, as RFC 3986 section 5.2.4 does, a {@code .}
 * segment is dropped and a {@code ..} segment drops the one before it, never climbing above the
 * root; both count once decoded, so {@code %2e%2E} is {@code ..}. A path that ends with a dot
 * segment ends as if with {@code /}. Empty segments stay: {@code /} is {@code [""]}, {@code
 * /a/} is {@code ["a", ""]} and {@code //a} is {@code ["", "a"]}.
 *
 * @param path the path as sent, percent-encoding and dot segments included: {@code *} for {@code
 *     OPTIONS *}, empty for {@code CONNECT}
 * @param query what followed the {@code ?}, as sent, or null if there was no {@code ?}
 * @param authority the {@code host[:port]} of an absolute-form or authority-form target, else
 *     null
 * @param segments the decoded segments
 */
record Target(String path, @Nullable String query, @Nullable String authority,
    List<String> segments) {

  /**
   * Takes the target of {@code head} apart.
   *
   * @throws HttpParseException with 400 if a segment is not UTF-8 once decoded, or an
   *     absolute-form target has no authority
   */
  static Target of(RequestHead head) {
    String target = head.target();
    return switch (head.targetForm()) {
      case ASTERISK -> new Target("*", null, null, List.of());
      case AUTHORITY -> new Target("", null, target, List.of());
      case ORIGIN -> split(target, 0, null);
      case ABSOLUTE -> absolute(target);
    };
  }

  private static Target absolute(String target) {
    int scheme = target.indexOf(':');
    if (!target.startsWith("//", scheme + 1)) {
      throw new HttpParseException(400, "absolute-form target without an authority");
    }
    int from = scheme + 3;
    int end = from;
    while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
      end++;
    }
    String authority = target.substring(from, end);
    if (end == target.length() || target.charAt(end) == '?') {
      return split("/" + target.substring(end), 0, authority);
    }
    return split(target, end, authority);
  }

  private static Target split(String target, int from, @Nullable String authority) {
    int question = target.indexOf('?', from);
    String path = question < 0 ? target.substring(from) : target.substring(from, question);
    String query = question < 0 ? null : target.substring(question + 1);
    return new Target(path, query, authority, segments(path));
  }

  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>(4);
    boolean endsWithDot = false;
    int start = 1;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String segment = PercentDecoding.strict(path.substring(start, end));
      if (segment == null) {
        throw new HttpParseException(400, "the request path is not UTF-8 once decoded");
      }
      endsWithDot = segment.equals(".") || segment.equals("..");
      if (segment.equals("..")) {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
      } else if (!segment.equals(".")) {
        segments.add(segment);
      }
      start = end + 1;
    }
    if (endsWithDot) {
      segments.add("");
    }
    return Collections.unmodifiableList(segments);
  }
}
