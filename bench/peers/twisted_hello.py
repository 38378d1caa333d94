#!/usr/bin/env python3
"""Python Twisted's peer for the HTTP and WebSocket benchmarks: twisted_hello.py PORT DIR.

Serves on 127.0.0.1:PORT until killed:
  GET /plaintext   Hello, World!                  (text/plain)
  GET /json        {"message":"Hello, World!"}    (application/json, json.dumps per request)
  GET /files/NAME  the files of DIR               (twisted.web.static.File)
  /ws              a WebSocket echo, text as text and binary as binary (autobahn.twisted),
                   when autobahn can be imported (Debian: python3-autobahn)
twisted.web adds the Server and Date headers itself.
"""

import json
import sys

from twisted.internet import reactor
from twisted.web import resource, server, static

MESSAGE = "Hello, World!"


class Plaintext(resource.Resource):
    isLeaf = True

    def render_GET(self, request):
        request.setHeader(b"Content-Type", b"text/plain")
        return MESSAGE.encode("ascii")


class Json(resource.Resource):
    isLeaf = True

    def render_GET(self, request):
        request.setHeader(b"Content-Type", b"application/json")
        return json.dumps({"message": MESSAGE}, separators=(",", ":")).encode("utf-8")


def websocket_echo(port):
    """Returns the echo resource, or None when autobahn is not installed."""
    try:
        from autobahn.twisted.resource import WebSocketResource
        from autobahn.twisted.websocket import WebSocketServerFactory, WebSocketServerProtocol
    except ImportError:
        return None

    class Echo(WebSocketServerProtocol):
        def onMessage(self, payload, isBinary):
            self.sendMessage(payload, isBinary)

    factory = WebSocketServerFactory("ws://127.0.0.1:%d" % port)
    factory.protocol = Echo
    return WebSocketResource(factory)


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: twisted_hello.py PORT DIR")
    port, files = int(argv[1]), argv[2]
    root = resource.Resource()
    root.putChild(b"plaintext", Plaintext())
    root.putChild(b"json", Json())
    root.putChild(b"files", static.File(files))
    echo = websocket_echo(port)
    if echo is not None:
        root.putChild(b"ws", echo)
    else:
        print("twisted_hello.py: autobahn is not installed; no WebSocket echo at /ws", file=sys.stderr)
    reactor.listenTCP(port, server.Site(root), interface="127.0.0.1")
    reactor.run()


if __name__ == "__main__":
    main(sys.argv)
