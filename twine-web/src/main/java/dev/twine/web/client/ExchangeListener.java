package dev.twine.web.client;

/** What a connection tells the exchange it carries out, besides the response Deferred. */
interface ExchangeListener {

  /** The whole request, body included, has been written. */
  void requestSent();

  /** The exchange is over: the body ended, or the exchange failed. */
  void ended();
}
