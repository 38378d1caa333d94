package dev.twine.benchmarks.run;

/** What a peer server is started to serve; each workload drives one of these. */
enum Service {
  /** TCP echo. */
  ECHO(Readiness.TCP),
  /** UDP echo. */
  UDP_ECHO(Readiness.UDP),
  /** TCP echo over TLS, with the run's self-signed certificate. */
  TLS_ECHO(Readiness.TCP),
  /** HTTP: {@code /plaintext}, {@code /json} and WebSocket echo at {@code /ws}. */
  HTTP(Readiness.TCP),
  /** HTTP: the run's files directory. */
  FILES(Readiness.TCP);

  private final Readiness readiness;

  Service(Readiness readiness) {
    this.readiness = readiness;
  }

  /** Returns how a server of this service is known to be ready. */
  Readiness readiness() {
    return readiness;
  }
}
