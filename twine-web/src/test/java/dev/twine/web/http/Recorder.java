package dev.twine.web.http;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Feeds a parser one split of an input and gathers the events into whole messages, checking
 * that they come in order: a head, content, an end.
 */
final class Recorder {
  /** A message as the events told it, its body joined from its pieces. */
  record Message<H>(H head, Bytes body, Headers trailers) {}

  /**
   * What came out: the complete messages, the head of one whose end has not come (if any), and
   * the failure's status (0 if none).
   */
  record Outcome<H>(List<Message<H>> messages, @Nullable H unfinished, int status, String reason) {
    Message<H> only() {
      if (messages.size() != 1 || unfinished != null || status != 0) {
        throw new AssertionError("expected exactly one complete message, got " + this);
      }
      return messages.get(0);
    }
  }

  private Recorder() {}

  /** Returns the bytes of {@code text}, one byte per character (so U+00E9 is 0xE9). */
  static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static Outcome<RequestHead> requests(
      RequestParser parser, List<byte[]> chunks, boolean endOfInput) {
    return run(RequestHead.class, chunks, endOfInput,
        chunk -> parser.feed(chunk), parser::endOfInput, parser::next);
  }

  static Outcome<ResponseHead> responses(
      ResponseParser parser, List<byte[]> chunks, boolean endOfInput) {
    return run(ResponseHead.class, chunks, endOfInput,
        chunk -> parser.feed(chunk), parser::endOfInput, parser::next);
  }

  private static <H> Outcome<H> run(Class<H> headType, List<byte[]> chunks, boolean endOfInput,
      Consumer<Bytes> feed, Runnable end, Supplier<Optional<?>> next) {
    List<Message<H>> messages = new ArrayList<>();
    H head = null;
    Buffer body = new Buffer();
    try {
      for (int i = 0; i <= chunks.size(); i++) {
        if (i < chunks.size()) {
          feed.accept(Bytes.wrap(chunks.get(i).clone()));
        } else if (endOfInput) {
          end.run();
        }
        for (Optional<?> event = next.get(); event.isPresent(); event = next.get()) {
          Object e = event.get();
          if (headType.isInstance(e)) {
            check(head == null, "a head inside a message: " + e);
            head = headType.cast(e);
          } else if (e instanceof Content content) {
            check(head != null, "content outside a message: " + e);
            body.write(content.data());
          } else if (e instanceof MessageEnd messageEnd && head != null) {
            messages.add(new Message<>(head, body.readAll(), messageEnd.trailers()));
            head = null;
          } else {
            throw new AssertionError("unexpected event " + e);
          }
        }
      }
      return new Outcome<>(messages, head, 0, "");
    } catch (HttpParseException e) {
      return new Outcome<>(messages, head, e.status(), e.reason());
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
