package dev.twine.internet.nio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The file of a listening UNIX socket, and its optional lock file ({@code path.lock}, holding the
 * owner's PID): with a lock, a socket left behind by a dead process is replaced and one held by a
 * live process is not.
 */
final class UnixSocketFile {
  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
  };

  private final Path path;
  private final Path lock;
  private final boolean locking;

  UnixSocketFile(Path path, boolean locking) {
    this.path = path;
    this.lock = path.resolveSibling(path.getFileName() + ".lock");
    this.locking = locking;
  }

  /** Takes the lock, if locking, and removes a stale socket file it guarded. */
  void prepare() throws IOException {
    if (!locking) {
      return;
    }
    if (Files.exists(lock)) {
      long owner = readOwner();
      if (owner > 0 && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
        throw new IOException("in use by process " + owner + " (lock file " + lock + ")");
      }
      Files.deleteIfExists(lock);
      Files.deleteIfExists(path);
    }
    Files.writeString(lock, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
  }

  /** Sets the socket file's permission bits from an octal {@code mode} such as {@code 0660}. */
  void setMode(int mode) throws IOException {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        permissions.add(BITS[bit]);
      }
    }
    Files.setPosixFilePermissions(path, permissions);
  }

  /** Removes the socket file and the lock. */
  void remove() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      System.getLogger(UnixSocketFile.class.getName())
          .log(System.Logger.Level.WARNING, "cannot remove " + path, e);
    }
    unlock();
  }

  /** Removes the lock taken by {@link #prepare}, if locking, and leaves the socket file alone. */
  void unlock() {
    if (!locking) {
      return;
    }
    try {
      Files.deleteIfExists(lock);
    } catch (IOException e) {
      System.getLogger(UnixSocketFile.class.getName())
          .log(System.Logger.Level.WARNING, "cannot remove " + lock, e);
    }
  }

  private long readOwner() {
    try {
      return Long.parseLong(Files.readString(lock, StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
