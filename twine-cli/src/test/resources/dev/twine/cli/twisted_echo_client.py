"""Sends each argument after the port to an echo server as a line, with Twisted, and prints the
lines that come back. Exits 0 once all came back and the connection closed, 1 otherwise.

    python3 twisted_echo_client.py PORT LINE...
"""
import sys

from twisted.internet import defer, endpoints, task
from twisted.protocols import basic


class EchoClient(basic.LineReceiver):
    def __init__(self, lines):
        self.lines = lines
        self.received = []
        self.closed = defer.Deferred()

    def connectionMade(self):
        for line in self.lines:
            self.sendLine(line.encode("utf-8"))

    def lineReceived(self, line):
        self.received.append(line.decode("utf-8"))
        print(line.decode("utf-8"), flush=True)
        if len(self.received) == len(self.lines):
            self.transport.loseConnection()

    def connectionLost(self, reason):
        self.closed.callback(self.received)


def main(reactor, port, *lines):
    client = EchoClient(list(lines))
    endpoint = endpoints.TCP4ClientEndpoint(reactor, "127.0.0.1", int(port), timeout=10)
    connected = endpoints.connectProtocol(endpoint, client)
    connected.addCallback(lambda _: client.closed)
    connected.addTimeout(10, reactor)
    return connected


task.react(main, sys.argv[1:])
