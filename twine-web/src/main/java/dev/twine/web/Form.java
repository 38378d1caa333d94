package dev.twine.web;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields and files of a form sent in a request body, as {@link Request#form()} reads it
 * from an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body.
 *
 * <pre>{@code
 * Rendered.later(request.form().map(form -> {
 *   String title = form.field("title").orElse("untitled");
 *   for (UploadedFile photo : form.files("photo")) {
 *     album.add(title, photo.filename(), photo.content());
 *   }
 *   return Bytes.ascii("thanks");
 * }));
 * }</pre>
 *
 * <p>A form holds the body only: the arguments of the query stay in {@link Request#args()}
 * (where Twisted's {@code request.args} merges both), so that a value can be told apart by
 * where it came from. Names and values are in order of appearance; values of the fields are
 * text, decoded as UTF-8 unless a part's {@code Content-Type} names another charset.
 *
 * <p>Instances are immutable.
 */
public final class Form {
  static final Form EMPTY = new Form(Map.of(), Map.of());

  private final Map<String, List<String>> fields;
  private final Map<String, List<UploadedFile>> files;

  /** Creates a form of unmodifiable maps of unmodifiable lists. */
  Form(Map<String, List<String>> fields, Map<String, List<UploadedFile>> files) {
    this.fields = fields;
    this.files = files;
  }

  /** Returns the fields by name, each with its values in order. Unmodifiable. */
  public Map<String, List<String>> fields() {
    return fields;
  }

  /** Returns the values of the field {@code name} in order, empty if there is none. */
  public List<String> fields(String name) {
    return fields.getOrDefault(name, List.of());
  }

  /** Returns the first value of the field {@code name}, if there is one. */
  public Optional<String> field(String name) {
    List<String> values = fields.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns the files by the name of their field, in order. Unmodifiable. */
  public Map<String, List<UploadedFile>> files() {
    return files;
  }

  /** Returns the files sent for the field {@code name} in order, empty if there is none. */
  public List<UploadedFile> files(String name) {
    return files.getOrDefault(name, List.of());
  }

  /** Returns the first file sent for the field {@code name}, if there is one. */
  public Optional<UploadedFile> file(String name) {
    List<UploadedFile> sent = files.get(name);
    return sent == null ? Optional.empty() : Optional.of(sent.get(0));
  }

  /** Returns the names of the fields and files. */
  @Override
  public String toString() {
    return "Form[fields=" + fields.keySet() + ", files=" + files.keySet() + "]";
  }

  /** Returns {@code map} and its lists unmodifiable. */
  static <V> Map<String, List<V>> freeze(Map<String, List<V>> map) {
    map.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return Collections.unmodifiableMap(map);
  }
}
