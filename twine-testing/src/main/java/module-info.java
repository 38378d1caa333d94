/**
 * Twine's deterministic test kit: a {@code Clock} that tests advance by hand, in-memory
 * transports and reactors, Deferred assertions, chunked feeding and a JUnit 5 extension.
 */
module dev.twine.testing {
  requires transitive dev.twine.core;
  requires transitive org.junit.jupiter.api;
  requires static transitive org.jspecify;

  exports dev.twine.testing;
}
