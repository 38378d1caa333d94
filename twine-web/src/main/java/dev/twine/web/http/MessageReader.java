package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What the request and response parsers share: the input, the reading of start lines, header
 * sections and bodies, the end of the input, and the failure that stops them for good.
 */
final class MessageReader {
  private static final OptionalLong NO_BODY = OptionalLong.of(0);

  private final Input input = new Input();
  private final int maxStartLine;
  private final Input.LineLimit startLineLimit;
  private final FieldReader headers;
  private final BodyReader body;
  private boolean ended;
  private int skipped;
  /** Whether a start line has been read and its header section has not ended yet. */
  private boolean inHead;
  private @Nullable HttpParseException failure;
  private @Nullable Framing framing;
  private long length;

  MessageReader(HttpLimits limits, Input.LineLimit startLineLimit) {
    this.maxStartLine = limits.maxStartLineLength();
    this.startLineLimit = startLineLimit;
    this.headers = new FieldReader(
        "header section", limits.maxHeaderSectionSize(), limits.maxHeaderCount());
    this.body = new BodyReader(limits);
  }

  void feed(Bytes data) {
    if (ended) {
      throw new IllegalStateException("cannot feed data after the end of the input");
    }
    if (failure == null) {
      input.add(data);
    }
  }

  void endOfInput() {
    ended = true;
  }

  /** Throws the failure that stopped this reader, if any. */
  void checkNotFailed() {
    if (failure != null) {
      throw failure;
    }
  }

  /** Records {@code error} as the failure that stops this reader, drops the input, returns it. */
  HttpParseException fail(HttpParseException error) {
    failure = error;
    input.drain();
    return error;
  }

  /** Returns whether bytes have been fed that no event has consumed yet, or a head is half read. */
  boolean holdsInput() {
    return inHead || !input.isEmpty();
  }

  boolean inBody() {
    return body.active();
  }

  @Nullable BodyEvent nextInBody() {
    return body.next(input, ended);
  }

  /**
   * Returns the next start line, or null if it has not fully arrived. With {@code skipEmpty},
   * empty lines before it are skipped, as RFC 9112 section 2.2 asks of servers, up to the
   * start-line limit in all.
   */
  @Nullable Bytes startLine(boolean skipEmpty) {
    while (true) {
      Bytes line = input.readLine(maxStartLine, startLineLimit);
      if (line == null) {
        return truncated();
      }
      if (!line.isEmpty() || !skipEmpty) {
        skipped = 0;
        inHead = true;
        return line;
      }
      skipped += 2;
      if (skipped > maxStartLine) {
        throw new HttpParseException(400, "too many empty lines before the request line");
      }
    }
  }

  /** Returns the header section once it has fully arrived, else null. */
  @Nullable Headers headers() {
    Headers fields = headers.read(input);
    if (fields == null) {
      return truncated();
    }
    inHead = false;
    return fields;
  }

  /** Starts reading the body of the message whose head was just read. */
  void startBody(FramingRules.Body framing) {
    body.start(framing);
    this.framing = framing.framing();
    this.length = framing.length();
  }

  Framing framing() {
    Framing current = framing;
    if (current == null) {
      throw new IllegalStateException("no message head has been read yet");
    }
    return current;
  }

  OptionalLong contentLength() {
    return switch (framing()) {
      case NONE -> NO_BODY;
      case CONTENT_LENGTH -> OptionalLong.of(length);
      case CHUNKED, UNTIL_CLOSE, SWITCH -> OptionalLong.empty();
    };
  }

  List<Bytes> drain() {
    return input.drain();
  }

  /** Returns null if more input may come; fails if the input ended inside a message head. */
  private <T> @Nullable T truncated() {
    if (ended && (inHead || !input.isEmpty())) {
      throw new HttpParseException(400, "connection closed in the middle of a message head");
    }
    return null;
  }
}
