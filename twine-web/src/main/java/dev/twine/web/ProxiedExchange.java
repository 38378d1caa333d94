package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import dev.twine.internet.ConnectTimedOut;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import dev.twine.web.client.PotentialDataLoss;
import dev.twine.web.client.RequestTimedOut;
import dev.twine.web.client.Response;
import dev.twine.web.client.ResponseDone;
import dev.twine.web.client.ResponseFailed;
import org.jspecify.annotations.Nullable;

/**
 * One request a {@link ReverseProxyResource} forwards, from the upstream's answer to the end of
 * the response: the upstream's status and fields become the response's, and its body streams to
 * the client as the client reads it. A failure before the response starts is answered {@code
 * 504 Gateway Timeout} for a timeout and {@code 502 Bad Gateway} otherwise; one after it has
 * started aborts the client's connection, which is then the only honest answer. A client that
 * goes away cancels the upstream exchange, or stops its body.
 */
final class ProxiedExchange {
  private static final System.Logger LOG = System.getLogger(ReverseProxyResource.class.getName());

  private final Request request;
  private final String upstream;
  private final Deferred<Response> pending;
  private boolean clientGone;

  /**
   * Creates the exchange of {@code request}, forwarded to {@code upstream} (named in the log),
   * whose answer {@code response} will be.
   */
  ProxiedExchange(Request request, String upstream, Deferred<Response> response) {
    this.request = request;
    this.upstream = upstream;
    this.pending = response;
  }

  /** Waits for the upstream's answer, and for the client to go away. */
  void start() {
    request.notifyFinish().transform(outcome -> {
      if (outcome instanceof Outcome.Failed<@Nullable Void>) {
        clientGone();
      }
      return null;
    });
    pending.transform(outcome -> {
      switch (outcome) {
        case Outcome.Success<Response> success -> arrived(success.value());
        case Outcome.Failed<Response> failed -> failed(failed.failure());
      }
      return null;
    });
  }

  private void clientGone() {
    clientGone = true;
    pending.cancel();
  }

  /**
   * The head of the upstream's answer arrived (never after the client went away, which cancels
   * the exchange first); its status is from 200 to 599, as the parser holds it to.
   */
  private void arrived(Response response) {
    request.setResponseCode(response.status());
    ProxyHeaders.downstream(response.headers(), request);
    response.deliverBody(new Relay());
  }

  /** The upstream exchange failed before its response arrived. */
  private void failed(Failure failure) {
    if (clientGone) {
      return;
    }
    int status = status(failure.exception());
    LOG.log(System.Logger.Level.WARNING, "forwarding " + request + " to " + upstream
        + " failed, answering " + status + ": " + failure.message());
    request.exchange().sendPage(status, status == 504
        ? "The upstream server did not answer in time."
        : "The upstream server could not be reached or sent an invalid response.", null, false);
  }

  /** The body of the upstream's response ended with {@code reason}. */
  private void bodyEnded(Failure reason) {
    Throwable error = reason.exception();
    if (error instanceof ResponseDone || error instanceof PotentialDataLoss) {
      request.finish();
      return;
    }
    int status = status(error);
    LOG.log(System.Logger.Level.WARNING, "the response to " + request + " from " + upstream
        + " broke off: " + reason.message());
    request.exchange().takeOver(status, "The upstream server's response broke off.", reason);
  }

  /** Returns 504 for a timeout, 502 for any other failure of the upstream. */
  private static int status(Throwable error) {
    Throwable cause = error instanceof ResponseFailed && error.getCause() != null
        ? error.getCause() : error;
    return cause instanceof ConnectTimedOut || cause instanceof RequestTimedOut ? 504 : 502;
  }

  /**
   * Receives the upstream's body and writes it to the response, as the response's streaming
   * producer: the server pauses it while the client reads slower than the upstream sends, which
   * pauses reading the upstream, and stops it if the client goes away, which aborts the
   * upstream connection.
   */
  private final class Relay extends Protocol implements PushProducer {
    private boolean stopped;

    @Override
    public void connectionMade() {
      transport().pauseProducing();
      request.registerProducer(this, true);
    }

    @Override
    public void dataReceived(Bytes data) {
      request.write(data);
    }

    @Override
    public void connectionLost(Failure reason) {
      if (!stopped) {
        bodyEnded(reason);
      }
    }

    @Override
    public void pauseProducing() {
      transport().pauseProducing();
    }

    @Override
    public void resumeProducing() {
      transport().resumeProducing();
    }

    @Override
    public void stopProducing() {
      if (!stopped) {
        stopped = true;
        transport().abortConnection();
      }
    }
  }
}
