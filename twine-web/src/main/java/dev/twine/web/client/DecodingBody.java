package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.Transport;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import org.jspecify.annotations.Nullable;

/**
 * The decoded body of a response whose body is encoded: it reads the encoded body as a protocol
 * and hands the decoded pieces, at most {@link #PIECE} bytes each, to the protocol that asked for
 * the decoded body. Pausing the latter stops the decoding and the encoded body both; a body that
 * decodes to more than the limit, or does not decode, fails with {@link ResponseFailed}.
 */
final class DecodingBody implements BodySource {
  static final int PIECE = 16 * 1024;

  private final Response encoded;
  private final Supplier<Decoder> decoders;
  private final long maxSize;

  DecodingBody(Response encoded, Supplier<Decoder> decoders, long maxSize) {
    this.encoded = encoded;
    this.decoders = decoders;
    this.maxSize = maxSize;
  }

  @Override
  public void deliverTo(Protocol protocol) {
    encoded.deliverBody(new Decoding(protocol, decoders.get()));
  }

  /** Reads the encoded body and is the transport of the protocol that gets it decoded. */
  private final class Decoding extends Protocol implements Transport {
    private final Protocol receiver;
    private final Decoder decoder;
    private long decodedSize;
    private boolean paused;
    private boolean stopped;
    private @Nullable Failure end;
    private boolean ended;

    Decoding(Protocol receiver, Decoder decoder) {
      this.receiver = receiver;
      this.decoder = decoder;
    }

    @Override
    public void connectionMade() {
      receiver.makeConnection(this);
    }

    @Override
    public void dataReceived(Bytes data) {
      if (!ended) {
        decoder.feed(data);
        decode();
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      if (ended) {
        return;
      }
      Throwable cause = reason.exception();
      if (cause instanceof ResponseDone || cause instanceof PotentialDataLoss) {
        end = reason;
        decode();
      } else {
        finish(reason);
      }
    }

    /** Hands decoded pieces over until input runs out, the receiver pauses, or it all ended. */
    private void decode() {
      try {
        Bytes piece;
        while (!paused && !ended && (piece = decoder.next(PIECE)) != null) {
          decodedSize += piece.size();
          if (decodedSize > maxSize) {
            fail(new BodyTooLarge("decoded", maxSize));
            return;
          }
          receiver.dataReceived(piece);
        }
      } catch (DataFormatException e) {
        fail(new DataFormatException("cannot decode the body: " + e.getMessage()));
        return;
      }
      Failure last = end;
      if (!paused && !ended && last != null) {
        if (decoder.complete()) {
          finish(last);
        } else {
          finish(Failure.of(new ResponseFailed(
              new DataFormatException("the encoded body ended before its end"))));
        }
      }
    }

    private void fail(Throwable cause) {
      finish(Failure.of(new ResponseFailed(cause)));
      if (end == null) {
        transport().abortConnection();
      }
    }

    private void finish(Failure reason) {
      if (!ended) {
        ended = true;
        receiver.connectionLost(reason);
      }
    }

    // --- The receiver's transport ---

    @Override
    public void write(Bytes data) {
      throw new IllegalStateException("a response body cannot be written to");
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
      throw new IllegalStateException("a response body cannot be written to");
    }

    @Override
    public void unregisterProducer() {}

    @Override
    public void pauseProducing() {
      paused = true;
      if (end == null) {
        transport().pauseProducing();
      }
    }

    @Override
    public void resumeProducing() {
      paused = false;
      decode();
      if (!paused && end == null) {
        transport().resumeProducing();
      }
    }

    @Override
    public void stopProducing() {
      loseConnection();
    }

    @Override
    public void loseConnection() {
      if (!stopped) {
        stopped = true;
        if (end == null && !ended) {
          transport().loseConnection();
        } else {
          finish(Failure.of(new ResponseFailed(new ConnectionAborted(
              "the body protocol stopped the body", null))));
        }
      }
    }

    @Override
    public void abortConnection() {
      loseConnection();
    }

    @Override
    public boolean disconnecting() {
      return stopped || ended;
    }

    @Override
    public Address peer() {
      return transport().peer();
    }

    @Override
    public Address host() {
      return transport().host();
    }
  }
}
