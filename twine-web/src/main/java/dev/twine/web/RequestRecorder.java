package dev.twine.web;

import dev.twine.internet.Address;
import dev.twine.internet.ReactorTime;
import dev.twine.web.http.RequestHead;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link RequestLog} of a site will hear of one exchange, gathered when its request
 * arrives; the exchange adds its status and body bytes when it is done.
 */
final class RequestRecorder {
  private static final System.Logger LOG = System.getLogger(Site.class.getName());

  private final RequestLog log;
  private final ReactorTime time;
  private final @Nullable RequestHead head;
  private final Address client;
  private final Instant received;
  private final double start;

  /**
   * Starts the record of the request {@code head} from {@code client}, or of input that could
   * not be read as a request if {@code head} is null.
   */
  RequestRecorder(RequestLog log, ReactorTime time, Instant received, @Nullable RequestHead head,
      Address client) {
    this.log = log;
    this.time = time;
    this.head = head;
    this.client = client;
    this.received = received;
    this.start = time.seconds();
  }

  /** Hands the entry to the log; what the log throws is logged here and goes no further. */
  void ended(int status, long bodyBytes, boolean complete) {
    Duration duration = Duration.ofNanos(Math.max(0, Math.round((time.seconds() - start) * 1e9)));
    RequestLog.Entry entry = new RequestLog.Entry(client, Optional.ofNullable(head), status,
        bodyBytes, received, duration, complete);
    try {
      log.log(entry);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "the request log failed on " + entry, e);
    }
  }
}
