package dev.twine.web.files;

import dev.twine.web.Request;
import dev.twine.web.http.HttpDates;
import dev.twine.web.http.HttpMethod;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The validators of a file, {@code ETag} and {@code Last-Modified}, and the conditional requests
 * (RFC 9110 section 13) evaluated against them.
 *
 * <p>The entity tag is strong, made of the file's size and its modification time in
 * nanoseconds: {@code "1a2b-17f0c3e1d2a45b00"}. It changes whenever the file is rewritten
 * with another size or at another time, which is what serving from a file system can know; a
 * rewrite of the same size within the same tick of the file system's clock would keep it.
 * Being strong, it lets {@code If-Range} resume a download. {@code Last-Modified} is the
 * modification time in whole seconds.
 *
 * <p>The preconditions are evaluated in the order of RFC 9110 section 13.2.2: {@code If-Match}
 * (strong comparison), else {@code If-Unmodified-Since}, failing with 412; then {@code
 * If-None-Match} (weak comparison), else {@code If-Modified-Since} for {@code GET} and {@code
 * HEAD}, answering 304 ({@code 412} for other methods). Dates that do not parse are ignored.
 */
record Validators(String etag, Instant lastModified) {

  /** What the preconditions of a request decide. */
  enum Decision { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

  /** Returns the validators of a file with {@code attributes}. */
  static Validators of(BasicFileAttributes attributes) {
    long nanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    String etag = "\"" + Long.toHexString(attributes.size()) + "-" + Long.toHexString(nanos) + "\"";
    return new Validators(etag,
        attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS));
  }

  /** Returns the value of the {@code Last-Modified} field. */
  String lastModifiedHeader() {
    return HttpDates.format(lastModified);
  }

  /** Evaluates the preconditions of {@code request}. */
  Decision evaluate(Request request) {
    Optional<List<String>> ifMatch = tags(request, "If-Match");
    if (ifMatch.isPresent()) {
      if (!matches(ifMatch.get(), true)) {
        return Decision.PRECONDITION_FAILED;
      }
    } else if (date(request, "If-Unmodified-Since").filter(lastModified::isAfter).isPresent()) {
      return Decision.PRECONDITION_FAILED;
    }
    boolean safe = request.method().equals(HttpMethod.GET)
        || request.method().equals(HttpMethod.HEAD);
    Optional<List<String>> ifNoneMatch = tags(request, "If-None-Match");
    if (ifNoneMatch.isPresent()) {
      if (matches(ifNoneMatch.get(), false)) {
        return safe ? Decision.NOT_MODIFIED : Decision.PRECONDITION_FAILED;
      }
    } else if (safe
        && date(request, "If-Modified-Since").filter(since -> !lastModified.isAfter(since))
            .isPresent()) {
      return Decision.NOT_MODIFIED;
    }
    return Decision.PROCEED;
  }

  /**
   * Returns whether a {@code Range} of {@code request} applies: it has no {@code If-Range}, or
   * one that names this file's entity tag (strongly) or exactly its {@code Last-Modified} date.
   */
  boolean rangeApplies(Request request) {
    Optional<String> ifRange = request.header("If-Range").map(String::strip);
    if (ifRange.isEmpty()) {
      return true;
    }
    String value = ifRange.get();
    if (value.startsWith("\"")) {
      return value.equals(etag);
    }
    if (value.startsWith("W/")) {
      return false;
    }
    return HttpDates.parse(value).filter(lastModified::equals).isPresent();
  }

  private boolean matches(List<String> tags, boolean strong) {
    for (String tag : tags) {
      if (tag.equals("*") || tag.equals(etag) || (!strong && tag.equals("W/" + etag))) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Instant> date(Request request, String name) {
    return request.header(name).flatMap(HttpDates::parse);
  }

  /**
   * Returns the entity tags of every {@code name} field of {@code request}, {@code *} included,
   * or empty if there is no such field. Tags are kept as sent, {@code W/} included; a malformed
   * list yields the tags read before the fault, so it matches less, never more.
   */
  private static Optional<List<String>> tags(Request request, String name) {
    List<String> fields = request.requestHeaders().all(name);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    List<String> tags = new ArrayList<>();
    for (String field : fields) {
      int i = 0;
      while (i < field.length()) {
        char c = field.charAt(i);
        if (c == ' ' || c == '\t' || c == ',') {
          i++;
        } else if (c == '*') {
          tags.add("*");
          i++;
        } else {
          int start = i;
          if (field.startsWith("W/", i)) {
            i += 2;
          }
          int close = i < field.length() && field.charAt(i) == '"' ? field.indexOf('"', i + 1) : -1;
          if (close < 0) {
            break;
          }
          tags.add(field.substring(start, close + 1));
          i = close + 1;
        }
      }
    }
    return Optional.of(tags);
  }
}
