package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.web.http.Headers;
import java.nio.charset.StandardCharsets;

/**
 * A streaming parser of {@code multipart} bodies (RFC 2046 section 5.1, as RFC 7578 uses it for
 * {@code multipart/form-data}): fed the body in pieces of any size, it tells its {@link
 * Handler} of each part's header fields and content as they arrive, holding back no more than
 * the length of a delimiter. How the body is cut makes no difference to what the handler hears,
 * except how the content of a part is cut.
 *
 * <p>The preamble before the first boundary and the epilogue after the last are ignored.
 * Delimiter and header lines end with CRLF; a boundary may be followed by spaces and tabs (the
 * transport padding). Part header fields follow the rules of {@link Headers}, bytes taken as
 * ISO-8859-1; obs-fold is refused.
 *
 * <p>Input that breaks these rules fails with {@link HttpError} 400; more parts than allowed,
 * or a part header section past its bound, with 413. After a failure the parser must not be
 * fed again.
 */
final class MultipartParser {
  /** Hears the parts of a body in order; what it throws comes out of {@link #feed}. */
  interface Handler {
    /** A part begins with these header fields. */
    void partStarted(Headers headers);

    /** The next piece of the current part's content, never empty. */
    void partData(Bytes data);

    /** The current part has ended. */
    void partEnded();
  }

  private enum State { PREAMBLE, AFTER_BOUNDARY, HEADERS, BODY, EPILOGUE }

  private static final Bytes CRLF = Bytes.ascii("\r\n");
  /** The most spaces and tabs allowed after a boundary. */
  private static final int MAX_PADDING = 256;

  private final Bytes delimiter;
  private final Handler handler;
  private final int maxParts;
  private final int maxHeaderSize;
  private State state = State.PREAMBLE;
  /** What has arrived and is not handled yet; it starts with a CRLF so the first boundary can. */
  private Bytes pending = CRLF;
  private Headers headers = new Headers();
  private int headerBytes;
  private int parts;

  /**
   * Creates a parser of a body whose parts are separated by {@code boundary}, as the {@code
   * boundary} parameter of its {@code Content-Type} gave it.
   *
   * @throws HttpError with 400 if {@code boundary} is not 1 to 70 of the characters RFC 2046
   *     allows, or ends with a space
   */
  MultipartParser(String boundary, int maxParts, int maxHeaderSize, Handler handler) {
    checkBoundary(boundary);
    this.delimiter = Bytes.ascii("\r\n--" + boundary);
    this.maxParts = maxParts;
    this.maxHeaderSize = maxHeaderSize;
    this.handler = handler;
  }

  private static void checkBoundary(String boundary) {
    boolean valid = !boundary.isEmpty() && boundary.length() <= 70 && !boundary.endsWith(" ");
    for (int i = 0; valid && i < boundary.length(); i++) {
      char c = boundary.charAt(i);
      valid = c < 0x80 && (Character.isLetterOrDigit(c) || "'()+_,-./:=? ".indexOf(c) >= 0);
    }
    if (!valid) {
      throw new HttpError(400, "The multipart boundary is not valid.");
    }
  }

  /** Parses the next piece of the body. */
  void feed(Bytes data) {
    pending = pending.concat(data);
    boolean more = true;
    while (more) {
      more = switch (state) {
        case PREAMBLE -> preamble();
        case AFTER_BOUNDARY -> afterBoundary();
        case HEADERS -> headerLine();
        case BODY -> content();
        case EPILOGUE -> {
          pending = Bytes.EMPTY;
          yield false;
        }
      };
    }
  }

  /**
   * Checks that the body, which has ended, was complete.
   *
   * @throws HttpError with 400 if the closing boundary has not come
   */
  void end() {
    if (state != State.EPILOGUE) {
      throw new HttpError(400, "The multipart body ends before its closing boundary.");
    }
  }

  private boolean preamble() {
    int at = findDelimiter();
    if (at < 0) {
      pending = pending.slice(keepFrom(), pending.size());
      return false;
    }
    pending = pending.slice(at + delimiter.size(), pending.size());
    state = State.AFTER_BOUNDARY;
    return true;
  }

  private boolean afterBoundary() {
    if (pending.size() >= 2 && pending.get(0) == '-') {
      if (pending.get(1) != '-') {
        throw new HttpError(400, "A multipart boundary is followed by other text.");
      }
      state = State.EPILOGUE;
      return true;
    }
    int i = 0;
    while (i < pending.size() && (pending.get(i) == ' ' || pending.get(i) == '\t')) {
      i++;
    }
    if (i > MAX_PADDING) {
      throw new HttpError(400, "A multipart boundary is followed by other text.");
    }
    if (i + 2 > pending.size()) {
      return false;
    }
    if (pending.get(i) != '\r' || pending.get(i + 1) != '\n') {
      throw new HttpError(400, "A multipart boundary is followed by other text.");
    }
    pending = pending.slice(i + 2, pending.size());
    if (++parts > maxParts) {
      throw new HttpError(413, "The form has more than " + maxParts + " parts.");
    }
    headers = new Headers();
    headerBytes = 0;
    state = State.HEADERS;
    return true;
  }

  private boolean headerLine() {
    int end = pending.indexOf(CRLF);
    if (end < 0) {
      if (headerBytes + pending.size() > maxHeaderSize) {
        throw tooLargeHeader();
      }
      return false;
    }
    headerBytes += end + 2;
    if (headerBytes > maxHeaderSize) {
      throw tooLargeHeader();
    }
    Bytes line = pending.slice(0, end);
    pending = pending.slice(end + 2, pending.size());
    if (line.isEmpty()) {
      handler.partStarted(headers);
      state = State.BODY;
    } else {
      addField(line.string(StandardCharsets.ISO_8859_1));
    }
    return true;
  }

  private HttpError tooLargeHeader() {
    return new HttpError(413, "The header of a form part is larger than " + maxHeaderSize
        + " bytes.");
  }

  private void addField(String line) {
    int colon = line.indexOf(':');
    if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      throw new HttpError(400, "A form part has a malformed header line.");
    }
    int from = colon + 1;
    int to = line.length();
    while (from < to && (line.charAt(from) == ' ' || line.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (line.charAt(to - 1) == ' ' || line.charAt(to - 1) == '\t')) {
      to--;
    }
    try {
      headers.add(line.substring(0, colon), line.substring(from, to));
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "A form part has a malformed header line.");
    }
  }

  private boolean content() {
    int at = findDelimiter();
    if (at >= 0) {
      if (at > 0) {
        handler.partData(pending.slice(0, at));
      }
      pending = pending.slice(at + delimiter.size(), pending.size());
      state = State.AFTER_BOUNDARY;
      handler.partEnded();
      return true;
    }
    int keep = keepFrom();
    if (keep > 0) {
      handler.partData(pending.slice(0, keep));
      pending = pending.slice(keep, pending.size());
    }
    return false;
  }

  /** Returns where the delimiter first occurs in what is pending, or -1. */
  private int findDelimiter() {
    int last = pending.size() - delimiter.size();
    for (int i = pending.indexOf((byte) '\r'); i >= 0 && i <= last;
        i = pending.indexOf((byte) '\r', i + 1)) {
      if (pending.slice(i, i + delimiter.size()).equals(delimiter)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns where the part of the pending bytes that may begin a delimiter starts: the first CR
   * among the last bytes, fewer than a delimiter; the size if there is none.
   */
  private int keepFrom() {
    int from = Math.max(0, pending.size() - delimiter.size() + 1);
    int cr = pending.indexOf((byte) '\r', from);
    return cr < 0 ? pending.size() : cr;
  }
}
