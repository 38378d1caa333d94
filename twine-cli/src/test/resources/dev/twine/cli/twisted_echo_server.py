"""An echo server in Twisted on a free loopback port: prints "listening on PORT", then serves
until it is killed, or for a minute at most.

    python3 twisted_echo_server.py
"""
from twisted.internet import endpoints, protocol, task


class Echo(protocol.Protocol):
    def dataReceived(self, data):
        self.transport.write(data)


def main(reactor):
    endpoint = endpoints.TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1")
    listening = endpoint.listen(protocol.Factory.forProtocol(Echo))

    def serve(port):
        print("listening on", port.getHost().port, flush=True)
        return task.deferLater(reactor, 60, lambda: None)

    return listening.addCallback(serve)


task.react(main)
