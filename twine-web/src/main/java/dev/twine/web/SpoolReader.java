package dev.twine.web;

import dev.twine.bytes.Bytes;

/** Reads a request body into {@link SpooledBytes}: {@link Request#spooledContent}. */
final class SpoolReader extends UploadReader<SpooledBytes> {
  private final Spooler spooler;

  SpoolReader(SharedOutcome<SpooledBytes> result, Spooler spooler) {
    super(result);
    this.spooler = spooler;
  }

  @Override
  void received(Bytes data) {
    spooler.write(data);
  }

  @Override
  SpooledBytes ended() {
    return spooler.finish();
  }

  @Override
  void discard() {
    spooler.discard();
  }
}
