package dev.twine.web.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a {@code Range} field (RFC 9110 section 14.2) against the size of a file: which bytes
 * the client asked for, or that it asked for none the file has, or that the field is to be
 * ignored.
 *
 * <p>Only the {@code bytes} unit is known. A field that breaks the grammar ({@code bytes=5-1},
 * {@code bytes=a-b}, {@code items=0-1}, or more than {@link #MAX_RANGES} ranges) is ignored, and
 * the whole file is sent, as RFC 9110 lets a server do. Ranges that overlap or touch are joined,
 * in the order of the file, so that no byte is sent twice.
 */
final class RangeHeader {
  /** The most ranges a field may hold before it is ignored, against requests that cost much. */
  static final int MAX_RANGES = 32;

  /** What a {@code Range} field asks of a file. */
  sealed interface Result {}

  /** The field is to be ignored: the whole file is sent with 200. */
  record Ignored() implements Result {}

  /** Bytes the file has, in the file's order, none overlapping or touching. */
  record Satisfiable(List<ByteRange> ranges) implements Result {}

  /** Only bytes that the file does not have: 416. */
  record Unsatisfiable() implements Result {}

  private RangeHeader() {}

  /** Reads {@code value} against a file of {@code size} bytes, which is more than 0. */
  static Result parse(String value, long size) {
    int equals = value.indexOf('=');
    if (equals < 0 || !value.substring(0, equals).equalsIgnoreCase("bytes")) {
      return new Ignored();
    }
    List<ByteRange> ranges = new ArrayList<>();
    int specs = 0;
    for (String element : value.substring(equals + 1).split(",", -1)) {
      String spec = element.strip();
      if (spec.isEmpty()) {
        continue;
      }
      if (++specs > MAX_RANGES) {
        return new Ignored();
      }
      int dash = spec.indexOf('-');
      if (dash < 0) {
        return new Ignored();
      }
      long first = number(spec.substring(0, dash));
      long last = number(spec.substring(dash + 1));
      if (dash == 0) {
        if (last < 0) {
          return new Ignored();
        }
        if (last > 0) {
          ranges.add(new ByteRange(Math.max(0, size - last), size - 1));
        }
      } else if (first < 0 || (dash < spec.length() - 1 && (last < 0 || last < first))) {
        return new Ignored();
      } else if (first < size) {
        long end = dash == spec.length() - 1 ? size - 1 : Math.min(last, size - 1);
        ranges.add(new ByteRange(first, end));
      }
    }
    if (specs == 0) {
      return new Ignored();
    }
    return ranges.isEmpty() ? new Unsatisfiable() : new Satisfiable(coalesce(ranges));
  }

  /** Returns the value of {@code digits}, saturated at Long.MAX_VALUE, or -1 if it is not 1*DIGIT. */
  private static long number(String digits) {
    if (digits.isEmpty()) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
    }
    return value;
  }

  private static List<ByteRange> coalesce(List<ByteRange> ranges) {
    ranges.sort(Comparator.comparingLong(ByteRange::first));
    List<ByteRange> joined = new ArrayList<>(ranges.size());
    ByteRange current = ranges.get(0);
    for (int i = 1; i < ranges.size(); i++) {
      ByteRange next = ranges.get(i);
      if (next.first() <= current.last() + 1) {
        current = new ByteRange(current.first(), Math.max(current.last(), next.last()));
      } else {
        joined.add(current);
        current = next;
      }
    }
    joined.add(current);
    return List.copyOf(joined);
  }
}
