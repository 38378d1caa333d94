package dev.twine.internet.nio;

import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectionClosed;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;

/** The stream transport contract over TCP on 127.0.0.1. */
class TcpIPv4TransportTest extends StreamTransportContract {
  @Override
  ListeningPort listen(Factory factory) {
    return reactor.listenTcp(0, factory, BACKLOG, "127.0.0.1");
  }

  @Override
  ListeningPort listenOn(Address address, Factory factory) {
    IPv4Address inet = (IPv4Address) address;
    return reactor.listenTcp(inet.port(), factory, BACKLOG, inet.host());
  }

  @Override
  Connector connect(Address address, ClientFactory factory) {
    IPv4Address inet = (IPv4Address) address;
    return reactor.connectTcp(inet.host(), inet.port(), factory, RunningReactor.PATIENCE, null);
  }

  @Override
  Class<? extends ConnectionClosed> peerReasonWhenAborted() {
    return ConnectionLost.class;
  }

  @Override
  Class<? extends ConnectError> refusedWhenNothingListens() {
    return ConnectionRefused.class;
  }
}
