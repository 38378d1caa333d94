package dev.twine.benchmarks.run;

/**
 * Ends the measurement of one cell early with its outcome: {@link Cell.Unavailable} when the
 * peer cannot run here, {@link Cell.Failed} when it ran but gave no figure.
 */
final class CellException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Cell cell;

  private CellException(Cell cell, String message) {
    super(message, null, false, false);
    this.cell = cell;
  }

  /** Returns an exception whose cell reads "n/a" for {@code reason}. */
  static CellException unavailable(String reason) {
    return new CellException(new Cell.Unavailable(reason), reason);
  }

  /** Returns an exception whose cell is a failure for {@code reason}. */
  static CellException failed(String reason) {
    return new CellException(new Cell.Failed(reason), reason);
  }

  /** Returns the outcome of the cell. */
  Cell cell() {
    return cell;
  }
}
