// Over 500 lines on purpose: one socket's write queue (bytes and file regions), read loop,
// half-close and close states interlock (a close waits for the queue and the producer; a half-close
// on both sides ends it), and the routing to an inserted layer must see the same state. The layer's
// view is LayerSocket.java; a file region is FileRegion.java.
package dev.twine.internet.nio;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ByteBufferProtocol;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.LayerableTransport;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;
import dev.twine.internet.StreamTransport;
import dev.twine.internet.Transport;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A connected TCP or UNIX socket: the {@link StreamTransport} its protocol writes to.
 *
 * <p>Writes queue; the reactor flushes each connection written to during a dispatch once, after
 * the dispatch, with one write: small buffers are copied into one native buffer first, larger
 * ones go in a gathering write. {@code OP_WRITE} is set only while the kernel pushes back.
 * A registered push producer is paused when more than {@link #HIGH_WATER} bytes are queued and
 * resumed below {@link #LOW_WATER}; a pull producer is asked for more whenever the queue empties.
 * The protocol's {@code connectionLost} always runs after the callback that caused it returns.
 *
 * <p>A connection asked to close, wholly or its writing half, while bytes are still queued is
 * aborted if it goes {@link NioReactor.Options#closeTimeout()} without sending any of them: a peer
 * that stops reading cannot hold it open for ever.
 *
 * <p>A {@linkplain #writeFile file region} waits in the same queue as the bytes, counted by its
 * size, and is sent with {@code FileChannel.transferTo} when its turn comes; its Deferred fires
 * after the whole dispatch of the flush that sent its last byte.
 *
 * <p>A layer such as TLS can be inserted ({@link #insertLayer}): the socket's events then go to the
 * layer, the calls the protocol makes on this transport go to the layer's transport, and the layer
 * itself reaches the socket through a view that bypasses the routing.
 *
 * <p>Threading: confined to its reactor's thread.
 */
final class StreamConnection implements StreamTransport, LayerableTransport, Selectable {
  static final int HIGH_WATER = 64 * 1024;
  static final int LOW_WATER = 32 * 1024;
  /** The smallest buffer that {@link #write(ByteBuffer)} sends at once rather than queues. */
  static final int WRITE_THROUGH = 4096;

  private static final System.Logger LOG = System.getLogger(StreamConnection.class.getName());

  private final NioReactor reactor;
  private final SocketChannel channel;
  private Protocol protocol;
  private final Address host;
  private final Address peer;
  private final boolean tcp;
  private final Consumer<Failure> onLost;
  /**
   * What waits to be written: {@link Bytes} and {@link FileRegion}s, in order. It starts with room
   * for two, as most flushes send one or two pieces, so that an idle connection keeps little.
   */
  private final ArrayDeque<Object> queue = new ArrayDeque<>(2);
  /** Fire the Deferreds of regions sent, failed or dropped, once the queue is consistent. */
  private final List<Runnable> regionOutcomes = new ArrayList<>();
  private @Nullable SelectionKey key;
  private long queued;
  private int interest;
  private boolean flushScheduled;
  private boolean readPaused;
  private boolean readClosed;
  private boolean disconnecting;
  private boolean writeDisconnecting;
  private boolean writeClosed;
  private boolean closed;
  private @Nullable Failure lossToReport;
  private @Nullable Producer producer;
  private boolean producerStreaming;
  private boolean producerPaused;
  private @Nullable Transport upper;
  /** When the last bytes were sent while closing with a queue, in {@link System#nanoTime}. */
  private long closeProgress;
  private @Nullable DelayedCall closeWatch;

  StreamConnection(
      NioReactor reactor,
      SocketChannel channel,
      Protocol protocol,
      Address host,
      Address peer,
      Consumer<Failure> onLost) {
    this.reactor = reactor;
    this.channel = channel;
    this.protocol = protocol;
    this.host = host;
    this.peer = peer;
    this.onLost = onLost;
    this.tcp = !(host instanceof dev.twine.internet.UnixAddress);
  }

  /** Registers the socket for reading and tells the protocol it is connected. */
  void start() throws IOException {
    if (tcp) {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }
    interest = SelectionKey.OP_READ;
    key = reactor.register(channel, interest, this);
    callProtocol(() -> protocol.makeConnection(this));
  }

  // --- Transport ---

  @Override
  public void write(Bytes data) {
    Objects.requireNonNull(data, "data");
    if (upper != null) {
      upper.write(data);
    } else {
      queueWrite(data);
    }
  }

  /**
   * Sends a buffer of {@link #WRITE_THROUGH} bytes or more at once when nothing is queued, and
   * queues a copy of what the kernel does not take; see {@link Transport#write(ByteBuffer)}.
   */
  @Override
  public void write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (upper != null) {
      upper.write(data);
      return;
    }
    if (closed || writeClosed || writeDisconnecting) {
      data.position(data.limit());
      return;
    }
    if (data.remaining() >= WRITE_THROUGH && queue.isEmpty() && !disconnecting) {
      try {
        channel.write(data);
      } catch (IOException e) {
        data.position(data.limit());
        closeNow(Failure.of(new ConnectionLost("connection lost while writing: " + e.getMessage(), e)));
        return;
      }
    }
    queueWrite(Bytes.copyOf(data));
  }

  void queueWrite(Bytes data) {
    if (closed || writeClosed || writeDisconnecting || data.size() == 0) {
      return;
    }
    queue.add(data);
    queuedMore(data.size());
  }

  /**
   * Queues the region, to be sent with {@code transferTo} (see {@link FileRegion}); through an
   * inserted layer, hands it to the layer's transport, which reads it.
   */
  @Override
  public Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
    Objects.requireNonNull(file, "file");
    Transport.checkRegion(position, count);
    if (upper != null) {
      return upper.writeFile(file, position, count);
    }
    if (closed || writeClosed || writeDisconnecting || count == 0) {
      return Deferred.succeed(null);
    }
    FileRegion region = new FileRegion(file, position, count);
    queue.add(region);
    queuedMore(count);
    return region.sent();
  }

  /** Returns true unless a layer is inserted: then the layer's transport reads the regions. */
  @Override
  public boolean sendsFilesDirectly() {
    return upper == null;
  }

  private void queuedMore(long count) {
    queued += count;
    scheduleFlush();
    if (queued > HIGH_WATER && producer instanceof PushProducer push && producerStreaming
        && !producerPaused) {
      producerPaused = true;
      push.pauseProducing();
    }
  }

  /**
   * Closes once everything queued is written; from now on nothing more is read, as in Twisted, so
   * a peer that keeps sending cannot make the protocol buffer without bound.
   */
  @Override
  public void loseConnection() {
    if (upper != null) {
      upper.loseConnection();
    } else {
      closeWhenFlushed();
    }
  }

  void closeWhenFlushed() {
    if (closed || disconnecting) {
      return;
    }
    disconnecting = true;
    updateInterest();
    scheduleFlush();
  }

  @Override
  public void loseWriteConnection() {
    if (upper instanceof StreamTransport layered) {
      layered.loseWriteConnection();
      return;
    }
    if (upper != null) {
      throw new IllegalStateException(upper + " cannot close only its writing half");
    }
    closeWriteWhenFlushed();
  }

  void closeWriteWhenFlushed() {
    if (closed || writeDisconnecting) {
      return;
    }
    writeDisconnecting = true;
    scheduleFlush();
  }

  @Override
  public void abortConnection() {
    if (upper != null) {
      upper.abortConnection();
    } else {
      abort();
    }
  }

  void abort() {
    closeNow(Failure.of(new ConnectionAborted("connection was aborted", null)));
  }

  @Override
  public boolean disconnecting() {
    return upper != null ? upper.disconnecting() : closing();
  }

  /** Returns whether the socket itself is closing or closed, whatever layer is inserted. */
  boolean closing() {
    return disconnecting || closed;
  }

  @Override
  public Address peer() {
    return peer;
  }

  @Override
  public Address host() {
    return host;
  }

  @Override
  public boolean noDelay() {
    return tcp && option(StandardSocketOptions.TCP_NODELAY);
  }

  @Override
  public void setNoDelay(boolean noDelay) {
    if (tcp) {
      setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
    }
  }

  @Override
  public boolean keepAlive() {
    return tcp && option(StandardSocketOptions.SO_KEEPALIVE);
  }

  @Override
  public void setKeepAlive(boolean keepAlive) {
    if (tcp) {
      setOption(StandardSocketOptions.SO_KEEPALIVE, keepAlive);
    }
  }

  // --- Producer and consumer ---

  @Override
  public void registerProducer(Producer newProducer, boolean streaming) {
    Objects.requireNonNull(newProducer, "producer");
    if (upper != null) {
      upper.registerProducer(newProducer, streaming);
    } else {
      register(newProducer, streaming);
    }
  }

  void register(Producer newProducer, boolean streaming) {
    dev.twine.internet.Consumer.checkRegistration(producer, newProducer, streaming);
    if (closed) {
      newProducer.stopProducing();
      return;
    }
    producer = newProducer;
    producerStreaming = streaming;
    producerPaused = false;
    if (streaming && queued > HIGH_WATER) {
      producerPaused = true;
      ((PushProducer) newProducer).pauseProducing();
    } else if (!streaming) {
      ((PullProducer) newProducer).resumeProducing();
    }
  }

  @Override
  public void unregisterProducer() {
    if (upper != null) {
      upper.unregisterProducer();
    } else {
      unregister();
    }
  }

  void unregister() {
    producer = null;
    if (disconnecting) {
      scheduleFlush();
    }
  }

  @Override
  public void pauseProducing() {
    if (upper != null) {
      upper.pauseProducing();
    } else {
      setReadPaused(true);
    }
  }

  @Override
  public void resumeProducing() {
    if (upper != null) {
      upper.resumeProducing();
    } else {
      setReadPaused(false);
    }
  }

  @Override
  public void stopProducing() {
    loseConnection();
  }

  void setReadPaused(boolean paused) {
    readPaused = paused;
    updateInterest();
  }

  @Override
  public boolean secure() {
    return upper != null && upper.secure();
  }

  // --- Layers ---

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public Transport insertLayer(Protocol layer, Transport layerTransport) {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(layerTransport, "upper");
    if (closed || disconnecting || writeDisconnecting) {
      throw new IllegalStateException("cannot insert a layer into " + this + ": it is closed or closing");
    }
    if (upper != null) {
      throw new IllegalStateException("cannot insert a layer into " + this + ": " + upper + " is already inserted");
    }
    if (producer != null) {
      throw new IllegalStateException("cannot insert a layer into " + this + " while producer " + producer
          + " is registered; unregister it first");
    }
    protocol = layer;
    upper = layerTransport;
    return new LayerSocket(this);
  }

  // --- Readiness ---

  @Override
  public void ready(SelectionKey selected) {
    if (!selected.isValid()) {
      return;
    }
    int ready = selected.readyOps();
    if ((ready & SelectionKey.OP_WRITE) != 0) {
      flushScheduled();
    }
    if ((ready & SelectionKey.OP_READ) != 0 && !closed) {
      read();
    }
  }

  private void read() {
    ByteBuffer buffer = reactor.readBuffer();
    int reads = reactor.options().readsPerTurn();
    while (reads-- > 0 && !closed && !readPaused && !readClosed) {
      int count;
      buffer.clear();
      try {
        count = channel.read(buffer);
      } catch (IOException e) {
        closeNow(Failure.of(new ConnectionLost("connection lost: " + e.getMessage(), e)));
        return;
      }
      if (count < 0) {
        readEnded();
        return;
      }
      if (count == 0) {
        return;
      }
      buffer.flip();
      deliver(buffer);
      if (count < buffer.capacity()) {
        return;
      }
    }
  }

  /**
   * Hands what {@code buffer} holds to the protocol: a read-only view of it to a {@link
   * ByteBufferProtocol}, which must consume it before returning, and a copy to any other.
   */
  private void deliver(ByteBuffer buffer) {
    if (protocol instanceof ByteBufferProtocol borrowing) {
      ByteBuffer view = reactor.readView();
      view.clear().limit(buffer.limit());
      callProtocol(() -> borrowing.bufferReceived(view));
    } else {
      Bytes data = Bytes.copyOf(buffer);
      callProtocol(() -> protocol.dataReceived(data));
    }
  }

  private void readEnded() {
    readClosed = true;
    updateInterest();
    if (protocol instanceof HalfCloseableProtocol halfCloseable && !disconnecting) {
      callProtocol(halfCloseable::readConnectionLost);
      if (writeClosed && !closed) {
        closeNow(Failure.of(new ConnectionDone("connection was closed cleanly")));
      }
    } else {
      closeNow(Failure.of(new ConnectionDone("connection was closed cleanly")));
    }
  }

  // --- Flushing ---

  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      reactor.scheduleFlush(this);
    }
  }

  /** Writes what is queued, then carries out a pending close; called by the reactor. */
  void flushScheduled() {
    flushScheduled = false;
    if (closed) {
      reportLoss();
      return;
    }
    if (!queue.isEmpty() && !writeQueue()) {
      return;
    }
    if (!queue.isEmpty() && (disconnecting || writeDisconnecting)) {
      watchClose();
    }
    reportRegions();
    if (queue.isEmpty() && !closed) {
      drained();
    }
  }

  /** Writes as much as the kernel takes; returns false if the connection closed meanwhile. */
  private boolean writeQueue() {
    try {
      boolean kernelFull = false;
      while (!queue.isEmpty() && !kernelFull) {
        kernelFull = queue.peek() instanceof FileRegion region
            ? !writeRegion(region)
            : !writeBuffers();
      }
    } catch (EOFException e) {
      closeNow(Failure.of(new ConnectionAborted("a file being sent got shorter", e)));
      return false;
    } catch (IOException e) {
      closeNow(Failure.of(new ConnectionLost("connection lost while writing: " + e.getMessage(), e)));
      return false;
    }
    updateInterest();
    if (queued < LOW_WATER && producerPaused && producer instanceof PushProducer push) {
      producerPaused = false;
      callProtocol(push::resumeProducing);
    }
    return !closed;
  }

  /**
   * Writes the bytes at the head of the queue together; returns whether the kernel took all.
   * Several pieces that fit in the reactor's coalescing buffer are copied into it and go in one
   * plain write: the copy to native memory happens anyway, and one buffer spares the per-buffer
   * work of a gathering write (many small responses to pipelined requests are the common case).
   */
  private boolean writeBuffers() throws IOException {
    ByteBuffer coalesced = reactor.coalesceBuffer();
    int max = reactor.gatherArray().length;
    int count = 0;
    long total = 0;
    for (Object item : queue) {
      if (!(item instanceof Bytes data) || count == max) {
        break;
      }
      count++;
      total += data.size();
    }
    long written = count > 1 && total <= coalesced.capacity()
        ? writeCoalesced(coalesced, count)
        : writeGathered(count);
    sent(written);
    consume(written);
    return written == total;
  }

  /** Copies the first {@code count} pieces into {@code coalesced} and writes it. */
  private int writeCoalesced(ByteBuffer coalesced, int count) throws IOException {
    coalesced.clear();
    int copied = 0;
    for (Object item : queue) {
      if (copied++ == count) {
        break;
      }
      ((Bytes) item).copyTo(coalesced);
    }
    coalesced.flip();
    return channel.write(coalesced);
  }

  /** Writes the first {@code count} pieces with a gathering write. */
  private long writeGathered(int count) throws IOException {
    ByteBuffer[] gather = reactor.gatherArray();
    int gathered = 0;
    for (Object item : queue) {
      if (gathered == count) {
        break;
      }
      gather[gathered++] = ((Bytes) item).asReadOnlyByteBuffer();
    }
    try {
      // One buffer takes the JDK's lighter single write.
      return count == 1 ? channel.write(gather[0]) : channel.write(gather, 0, count);
    } finally {
      Arrays.fill(gather, 0, count, null);
    }
  }

  /** Counts {@code count} bytes as gone to the kernel: progress for a close being watched. */
  private void sent(long count) {
    queued -= count;
    if (count > 0 && closeWatch != null) {
      closeProgress = System.nanoTime();
    }
  }

  /** Drops the first {@code written} bytes of the queue: whole pieces, then part of the next. */
  private void consume(long written) {
    long left = written;
    while (left > 0) {
      Bytes head = (Bytes) queue.poll();
      if (head.size() > left) {
        queue.addFirst(head.slice((int) left, head.size()));
        return;
      }
      left -= head.size();
    }
  }

  /** Sends what the kernel takes of the region at the head; returns whether it took all. */
  private boolean writeRegion(FileRegion region) throws IOException {
    try {
      sent(region.transferTo(channel));
    } catch (IOException e) {
      queue.poll();
      queued -= region.remaining();
      regionOutcomes.add(() -> region.sent().errback(e));
      throw e;
    }
    if (region.remaining() > 0) {
      return false;
    }
    queue.poll();
    regionOutcomes.add(() -> region.sent().callback(null));
    return true;
  }

  /** Fires the Deferreds of the regions that are done, in order, while the connection is open. */
  private void reportRegions() {
    while (!regionOutcomes.isEmpty() && !closed) {
      callProtocol(regionOutcomes.remove(0));
    }
  }

  /** The queue is empty: feed a pull producer, or carry out a pending half-close or close. */
  private void drained() {
    if (producer instanceof PullProducer pull && !producerStreaming) {
      callProtocol(pull::resumeProducing);
      if (closed || !queue.isEmpty()) {
        return;
      }
    }
    if (producer != null) {
      return;
    }
    if (disconnecting) {
      closeNow(Failure.of(new ConnectionDone("connection was closed cleanly")));
    } else if (writeDisconnecting && !writeClosed) {
      shutdownOutput();
    }
  }

  private void shutdownOutput() {
    writeClosed = true;
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      closeNow(Failure.of(new ConnectionLost("connection lost: " + e.getMessage(), e)));
      return;
    }
    if (protocol instanceof HalfCloseableProtocol halfCloseable) {
      callProtocol(halfCloseable::writeConnectionLost);
    }
    if (readClosed && !closed) {
      closeNow(Failure.of(new ConnectionDone("connection was closed cleanly")));
    }
  }

  private void updateInterest() {
    if (closed || key == null) {
      return;
    }
    int wanted = (readPaused || readClosed || disconnecting ? 0 : SelectionKey.OP_READ)
        | (queue.isEmpty() ? 0 : SelectionKey.OP_WRITE);
    if (wanted != interest) {
      interest = wanted;
      key.interestOps(wanted);
    }
  }

  // --- Closing ---

  /**
   * Closes the socket now and arranges for the protocol to hear {@code reason} once the current
   * callback has returned.
   */
  private void closeNow(Failure reason) {
    if (closed) {
      return;
    }
    closed = true;
    lossToReport = reason;
    for (Object item : queue) {
      if (item instanceof FileRegion region) {
        regionOutcomes.add(() -> region.sent().errback(reason));
      }
    }
    queue.clear();
    queued = 0;
    if (key != null) {
      key.cancel();
    }
    DelayedCall watch = closeWatch;
    closeWatch = null;
    if (watch != null && watch.active()) {
      watch.cancel();
    }
    if (tcp && reason.exception() instanceof ConnectionAborted) {
      resetOnClose();
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing " + this + " failed", e);
    }
    reactor.closed(this);
    flushScheduled = false;
    scheduleFlush();
  }

  /**
   * Makes closing send a reset instead of ending the stream, so that the peer of an aborted
   * connection hears that it was lost rather than closed cleanly (as Twisted does).
   */
  private void resetOnClose() {
    try {
      channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "setting SO_LINGER on " + this + " failed", e);
    }
  }

  private void reportLoss() {
    Failure reason = lossToReport;
    if (reason == null) {
      return;
    }
    lossToReport = null;
    Producer stopped = producer;
    producer = null;
    if (stopped != null) {
      callProtocol(stopped::stopProducing);
    }
    for (Runnable outcome : regionOutcomes) {
      callProtocol(outcome);
    }
    regionOutcomes.clear();
    callProtocol(() -> protocol.connectionLost(reason));
    onLost.accept(reason);
  }

  /** Starts watching that a close with bytes still queued makes progress. */
  private void watchClose() {
    if (closeWatch == null && !closed && !queue.isEmpty()) {
      closeProgress = System.nanoTime();
      closeWatch = reactor.callLater(reactor.options().closeTimeout(), this::checkClose);
    }
  }

  /** Aborts the connection if nothing was sent for the close timeout; else looks again later. */
  private void checkClose() {
    closeWatch = null;
    if (closed || queue.isEmpty()) {
      return;
    }
    long timeout = reactor.options().closeTimeout().toNanos();
    long quiet = System.nanoTime() - closeProgress;
    if (quiet >= timeout) {
      LOG.log(System.Logger.Level.DEBUG, "{0} sent nothing of {1} bytes for {2} ms while closing;"
          + " aborting it", this, queued, timeout / 1_000_000);
      abort();
    } else {
      closeWatch = reactor.callLater(Duration.ofNanos(timeout - quiet), this::checkClose);
    }
  }

  @Override
  public void shutdownNow() {
    closeNow(Failure.of(new ConnectionLost("the reactor shut down", null)));
  }

  /** Calls the protocol or its producer; if it throws, logs it and aborts the connection. */
  private void callProtocol(Runnable call) {
    long start = System.nanoTime();
    try {
      call.run();
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR,
          "protocol " + protocol.getClass().getName() + " of " + this + " threw; aborting the connection", e);
      closeNow(Failure.of(new ConnectionAborted("the protocol threw: " + e, e)));
    }
    reactor.reportIfSlow(start, protocol);
  }

  private boolean option(java.net.SocketOption<Boolean> option) {
    try {
      return channel.getOption(option);
    } catch (IOException e) {
      return false;
    }
  }

  private void setOption(java.net.SocketOption<Boolean> option, boolean value) {
    try {
      channel.setOption(option, value);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "setting " + option + " on " + this + " failed", e);
    }
  }

  @Override
  public String toString() {
    return "StreamConnection[" + host + " <-> " + peer + (closed ? ", closed" : "") + "]";
  }
}
