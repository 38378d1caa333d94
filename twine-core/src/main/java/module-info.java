/**
 * Twine's core: {@code Deferred} results, immutable bytes, the reactor and its capabilities,
 * protocols and transports.
 */
module dev.twine.core {
  requires static org.jspecify;

  exports dev.twine.bytes;
  exports dev.twine.defer;
  exports dev.twine.internet;
}
