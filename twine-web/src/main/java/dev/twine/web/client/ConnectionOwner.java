package dev.twine.web.client;

/** The pool a connection returns to between exchanges. */
interface ConnectionOwner {

  /** {@code connection} finished an exchange and may carry another. */
  void released(HttpConnection connection);

  /** {@code connection} has closed. */
  void lost(HttpConnection connection);
}
