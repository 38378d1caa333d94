package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of one message after another, as its framing says: a known length, the chunked
 * coding with its trailer section, or everything until the input ends. Body bytes come out as
 * slices of the input.
 */
final class BodyReader {
  private static final Input.LineLimit CHUNK_LINE_LIMIT =
      new Input.LineLimit(400, "chunk size line too long");
  private static final Input.LineLimit CHUNK_END_LIMIT =
      new Input.LineLimit(400, "chunk data not followed by CRLF");

  private enum State { IDLE, END, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE }

  private final long maxBody;
  private final int maxDigits;
  private final int maxExtensions;
  private final int maxTrailerSize;
  private final int maxFields;
  /** Reads trailer sections; made for the first one, as most connections never see one. */
  private @Nullable FieldReader trailers;
  private State state = State.IDLE;
  private long remaining;
  private long received;

  BodyReader(HttpLimits limits) {
    this.maxBody = limits.maxBodySize();
    this.maxDigits = limits.maxChunkSizeDigits();
    this.maxExtensions = limits.maxChunkExtensionLength();
    this.maxTrailerSize = limits.maxTrailerSectionSize();
    this.maxFields = limits.maxHeaderCount();
  }

  /**
   * Starts a body framed as {@code body} says.
   *
   * @throws HttpParseException with 413 if its length is known and above the limit
   */
  void start(FramingRules.Body body) {
    received = 0;
    state = switch (body.framing()) {
      case NONE, SWITCH -> State.END;
      case CHUNKED -> State.CHUNK_SIZE;
      case UNTIL_CLOSE -> State.UNTIL_CLOSE;
      case CONTENT_LENGTH -> {
        if (body.length() > maxBody) {
          throw tooLarge();
        }
        remaining = body.length();
        yield State.FIXED;
      }
    };
  }

  /** Returns whether a body has started and its end has not been returned yet. */
  boolean active() {
    return state != State.IDLE;
  }

  /**
   * Returns the next piece or the end of the body, or null if more input is needed. {@code
   * ended} says that no more input will come.
   *
   * @throws HttpParseException if the body breaks its framing or a limit, or the input ended
   *     before the body did
   */
  @Nullable BodyEvent next(Input input, boolean ended) {
    while (true) {
      switch (state) {
        case IDLE -> throw new IllegalStateException("no body has started");
        case END -> {
          state = State.IDLE;
          return new MessageEnd(new Headers());
        }
        case FIXED, CHUNK_DATA -> {
          Bytes data = input.read(remaining);
          if (data == null) {
            return truncated(ended);
          }
          remaining -= data.size();
          if (remaining == 0) {
            state = state == State.FIXED ? State.END : State.CHUNK_END;
          }
          return new Content(data);
        }
        case CHUNK_SIZE -> {
          Bytes line = input.readLine(maxDigits + maxExtensions, CHUNK_LINE_LIMIT);
          if (line == null) {
            return truncated(ended);
          }
          startChunk(ChunkLine.size(line, maxDigits, maxExtensions));
        }
        case CHUNK_END -> {
          if (input.readLine(0, CHUNK_END_LIMIT) == null) {
            return truncated(ended);
          }
          state = State.CHUNK_SIZE;
        }
        case TRAILERS -> {
          Headers fields = trailers().read(input);
          if (fields == null) {
            return truncated(ended);
          }
          state = State.IDLE;
          return new MessageEnd(fields);
        }
        case UNTIL_CLOSE -> {
          return untilClose(input, ended);
        }
      }
    }
  }

  private FieldReader trailers() {
    FieldReader reader = trailers;
    if (reader == null) {
      reader = new FieldReader("trailer section", maxTrailerSize, maxFields);
      trailers = reader;
    }
    return reader;
  }

  private void startChunk(long size) {
    if (size == 0) {
      state = State.TRAILERS;
      return;
    }
    received += size;
    if (received > maxBody) {
      throw tooLarge();
    }
    remaining = size;
    state = State.CHUNK_DATA;
  }

  private @Nullable BodyEvent untilClose(Input input, boolean ended) {
    Bytes data = input.read(Long.MAX_VALUE);
    if (data == null) {
      if (!ended) {
        return null;
      }
      state = State.IDLE;
      return new MessageEnd(new Headers());
    }
    received += data.size();
    if (received > maxBody) {
      throw tooLarge();
    }
    return new Content(data);
  }

  private static @Nullable BodyEvent truncated(boolean ended) {
    if (ended) {
      throw new HttpParseException(400, "connection closed before the end of the body");
    }
    return null;
  }

  private HttpParseException tooLarge() {
    return new HttpParseException(413, "body larger than " + maxBody + " bytes");
  }
}
