"""Three Twisted LineReceiver clients in a chat server: each gives its name (a fourth first asks
for a name already taken), then alice says hello. Prints every line each client receives as
"NAME: LINE", in the order received. Exits 0 once bob and carol have heard alice, 1 on timeout.

    python3 twisted_chat_clients.py PORT
"""
import sys

from twisted.internet import defer, endpoints, task
from twisted.protocols import basic


class Member(basic.LineReceiver):
    def __init__(self, names):
        self.names = list(names)
        self.label = self.names[-1]
        self.welcomed = defer.Deferred()
        self.waiting = {}

    def lineReceived(self, line):
        text = line.decode("utf-8")
        print(f"{self.label}: {text}", flush=True)
        if text in ("What's your name?", "Name taken, please choose another."):
            self.sendLine(self.names.pop(0).encode("utf-8"))
        elif text.startswith("Welcome, "):
            self.welcomed.callback(self)
        elif text in self.waiting:
            self.waiting.pop(text).callback(text)

    def expect(self, line):
        self.waiting[line] = defer.Deferred()
        return self.waiting[line]


@defer.inlineCallbacks
def main(reactor, port):
    def join(*names):
        endpoint = endpoints.TCP4ClientEndpoint(reactor, "127.0.0.1", int(port), timeout=10)
        return endpoints.connectProtocol(endpoint, Member(names))

    alice = yield join("alice")
    yield alice.welcomed
    bob = yield join("bob")
    carol = yield join("alice", "carol")
    yield defer.gatherResults([bob.welcomed, carol.welcomed])
    heard = defer.gatherResults([bob.expect("<alice> hello, all"), carol.expect("<alice> hello, all")])
    alice.sendLine(b"hello, all")
    heard.addTimeout(10, reactor)
    yield heard
    for member in (alice, bob, carol):
        member.transport.loseConnection()


task.react(lambda reactor: main(reactor, sys.argv[1]).addTimeout(20, reactor))
