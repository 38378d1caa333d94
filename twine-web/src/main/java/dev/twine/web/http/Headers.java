package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The header or trailer fields of an HTTP message: an ordered list of name and value pairs in
 * which names compare without regard to ASCII case and a name may occur several times (Twisted's
 * {@code Headers}).
 *
 * <pre>{@code
 * Headers headers = new Headers()
 *     .add("Content-Type", "text/plain")
 *     .add("Set-Cookie", "a=1")
 *     .add("set-cookie", "b=2");
 * headers.first("content-type");   // Optional[text/plain]
 * headers.all("Set-Cookie");       // [a=1, b=2]
 * }</pre>
 *
 * <p>Fields keep the order and the spelling of their names as added, and are written in that
 * order. Names must be tokens (RFC 9110 section 5.1); values must be field content (section
 * 5.5): visible ASCII, SP, HTAB and obs-text (characters U+0080 to U+00FF, which stand for the
 * bytes 0x80 to 0xFF) with no whitespace at either end. CR, LF, NUL and the other control
 * characters are refused, so that a value taken from user input can never split a message.
 * Invalid names and values fail with {@link IllegalArgumentException} naming the character.
 *
 * <p>Equality: two instances are equal when they hold the same fields in the same order, names
 * compared without regard to ASCII case and values exactly.
 *
 * <p>Threading: not thread-safe. Instances are mutable: a parsed message's headers belong to
 * whoever handles that message.
 */
public final class Headers {
  private static final Object[] NONE = new Object[0];

  /**
   * Names at even indexes, values at odd ones. A value the parser read is kept as its bytes until
   * it is first asked for, so that the many fields a server never reads cost no string.
   */
  private Object[] fields = NONE;
  private int size;

  /** Creates an empty list of fields. */
  public Headers() {}

  /**
   * Returns headers holding the given names and values, alternating: name, value, name, value.
   *
   * @throws IllegalArgumentException if the count is odd or a name or value is invalid
   */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "names and values must alternate, got an odd count: " + namesAndValues.length);
    }
    Headers headers = new Headers();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  /**
   * Appends a field, after any others of the same name.
   *
   * @throws IllegalArgumentException if {@code name} is not a token or {@code value} is not
   *     field content, naming the offending character and its index
   */
  public Headers add(String name, String value) {
    checkName(name);
    checkValue(name, value);
    appendField(name, value);
    return this;
  }

  /**
   * Replaces every field named {@code name} with one holding {@code value}, where the first of
   * them was, or at the end if there was none.
   *
   * @throws IllegalArgumentException as {@link #add} does
   */
  public Headers set(String name, String value) {
    checkName(name);
    checkValue(name, value);
    int first = indexOf(name, 0);
    if (first < 0) {
      appendField(name, value);
      return this;
    }
    fields[2 * first] = name;
    fields[2 * first + 1] = value;
    removeFrom(name, first + 1);
    return this;
  }

  /** Removes every field named {@code name}; returns how many there were. */
  public int remove(String name) {
    return removeFrom(name, 0);
  }

  /** Returns the value of the first field named {@code name}, if there is one. */
  public Optional<String> first(String name) {
    int index = indexOf(name, 0);
    return index < 0 ? Optional.empty() : Optional.of(valueAt(index));
  }

  /** Returns the values of every field named {@code name}, in order; empty if there is none. */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>(1);
    for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
      values.add(valueAt(i));
    }
    return values;
  }

  /** Returns whether there is a field named {@code name}. */
  public boolean contains(String name) {
    return indexOf(name, 0) >= 0;
  }

  /** Returns how many fields are named {@code name}. */
  public int count(String name) {
    int count = 0;
    for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
      count++;
    }
    return count;
  }

  /**
   * Returns whether a field named {@code name} holds {@code token} as an element of its
   * comma-separated list, without regard to ASCII case: {@code containsToken("Connection",
   * "close")} is true for {@code Connection: keep-alive, Close}.
   */
  public boolean containsToken(String name, String token) {
    for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
      for (String element : Syntax.listElements(valueAt(i))) {
        if (Syntax.equalsIgnoreAsciiCase(element, token)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns the number of fields. */
  public int size() {
    return size;
  }

  /** Returns whether there are no fields. */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Returns the name of the field at {@code index}, spelled as it was added.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  public String name(int index) {
    return nameAt(Objects.checkIndex(index, size));
  }

  /**
   * Returns the value of the field at {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  public String value(int index) {
    return valueAt(Objects.checkIndex(index, size));
  }

  /** Returns an independent copy of these fields. */
  public Headers copy() {
    Headers copy = new Headers();
    copy.fields = Arrays.copyOf(fields, 2 * size);
    copy.size = size;
    return copy;
  }

  /**
   * Appends a field that the parser has already validated, its value still as the bytes read:
   * each byte stands for the character of the same value (U+0000 to U+00FF).
   */
  void append(String name, Bytes value) {
    appendField(name, value);
  }

  private void appendField(String name, Object value) {
    if (2 * size == fields.length) {
      fields = Arrays.copyOf(fields, Math.max(12, 2 * fields.length));
    }
    fields[2 * size] = name;
    fields[2 * size + 1] = value;
    size++;
  }

  private String nameAt(int i) {
    return (String) fields[2 * i];
  }

  private String valueAt(int i) {
    Object value = fields[2 * i + 1];
    if (value instanceof String text) {
      return text;
    }
    String text = ((Bytes) value).string(StandardCharsets.ISO_8859_1);
    fields[2 * i + 1] = text;
    return text;
  }

  /** Returns the index of the first field named {@code name} at or after {@code from}, or -1. */
  int indexOf(String name, int from) {
    for (int i = from; i < size; i++) {
      if (Syntax.equalsIgnoreAsciiCase(nameAt(i), name)) {
        return i;
      }
    }
    return -1;
  }

  private int removeFrom(String name, int from) {
    int kept = from;
    for (int i = from; i < size; i++) {
      if (!Syntax.equalsIgnoreAsciiCase(nameAt(i), name)) {
        fields[2 * kept] = fields[2 * i];
        fields[2 * kept + 1] = fields[2 * i + 1];
        kept++;
      }
    }
    int removed = size - kept;
    Arrays.fill(fields, 2 * kept, 2 * size, null);
    size = kept;
    return removed;
  }

  private static void checkName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("header name must not be empty");
    }
    int bad = Syntax.firstNonToken(name);
    if (bad >= 0) {
      throw new IllegalArgumentException(String.format(
          "header name \"%s\" has a character that is not allowed in a token: U+%04X at index %d",
          name, (int) name.charAt(bad), bad));
    }
  }

  private static void checkValue(String name, String value) {
    int length = value.length();
    if (length > 0 && (Syntax.isWhitespace(value.charAt(0))
        || Syntax.isWhitespace(value.charAt(length - 1)))) {
      throw new IllegalArgumentException(
          "value of header " + name + " must not start or end with whitespace: \"" + value + "\"");
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (!Syntax.isFieldContent(c)) {
        throw new IllegalArgumentException(String.format(
            "value of header %s has a character that is not allowed in a field: U+%04X at index %d",
            name, (int) c, i));
      }
    }
  }

  /** Returns whether {@code other} holds the same fields in the same order. */
  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof Headers that) || that.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!Syntax.equalsIgnoreAsciiCase(nameAt(i), that.nameAt(i))
          || !valueAt(i).equals(that.valueAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Returns a hash of the fields, with names folded to lower case. */
  @Override
  public int hashCode() {
    int hash = 1;
    for (int i = 0; i < size; i++) {
      String name = nameAt(i);
      for (int j = 0; j < name.length(); j++) {
        hash = 31 * hash + Syntax.lower(name.charAt(j));
      }
      hash = 31 * hash + valueAt(i).hashCode();
    }
    return hash;
  }

  /** Returns the fields as {@code {Name: value, Name: value}}, for diagnostics. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      text.append(i == 0 ? "" : ", ").append(nameAt(i)).append(": ").append(valueAt(i));
    }
    return text.append('}').toString();
  }
}
