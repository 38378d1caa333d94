package dev.twine.web.client;

import dev.twine.internet.Protocol;

/** Where the body of a {@link Response} comes from: a connection, or a decoder over another body. */
interface BodySource {

  /**
   * Connects {@code protocol} to the body: {@code makeConnection} with a transport that pauses,
   * resumes and stops the body, then the data, then {@code connectionLost} with {@link
   * ResponseDone}, {@link PotentialDataLoss} or {@link ResponseFailed}. Called at most once.
   */
  void deliverTo(Protocol protocol);
}
