#!/usr/bin/python3
"""Twisted's echo servers, the Python column of the echo benchmarks.

Usage: twisted_echo.py PORT

Listens on 127.0.0.1:PORT over TCP (every byte a client sends comes back to it) and over UDP
(every datagram goes back to its sender), the way Twisted's own echoserv.py and echoserv_udp.py
examples do, on the best reactor Twisted picks (epoll on Linux). Runs until it is killed.
"""
import sys

from twisted.internet import protocol, reactor


class Echo(protocol.Protocol):
    def dataReceived(self, data):
        self.transport.write(data)


class DatagramEcho(protocol.DatagramProtocol):
    def datagramReceived(self, data, addr):
        self.transport.write(data, addr)


def main(argv):
    if len(argv) != 2 or not argv[1].isdigit():
        sys.stderr.write("usage: twisted_echo.py PORT\n")
        return 1
    port = int(argv[1])
    factory = protocol.Factory.forProtocol(Echo)
    reactor.listenTCP(port, factory, interface="127.0.0.1")
    reactor.listenUDP(port, DatagramEcho(), interface="127.0.0.1")
    reactor.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
