package dev.twine.web.client;

import dev.twine.internet.Address;

/** What a {@link ResponseBody} asks of the connection it arrives on. */
interface BodyFlow {

  /** Stops reading from the connection (true) or starts again (false). */
  void setReadingPaused(boolean paused);

  /** Aborts the connection, which is not reused; the body then ends with {@code reason}. */
  void abort(Throwable reason);

  /** Returns the address of the server. */
  Address peer();

  /** Returns the address of this end. */
  Address host();
}
