package dev.twine.benchmarks.load;

/** Thrown when the server under load misbehaves: wrong bytes, a dropped connection, a stall. */
final class LoadFailure extends RuntimeException {
  LoadFailure(String message) {
    super(message, null, false, false);
  }
}
