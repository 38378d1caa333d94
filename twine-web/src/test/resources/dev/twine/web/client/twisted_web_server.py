"""A Twisted web server for the agent's interoperability tests.

Usage: twisted_web_server.py DIR

Serves the files of DIR on a free port of 127.0.0.1, /gzip.txt (DIR/gzip.txt, gzip-encoded for
clients that accept it), /old (301 to /hello.txt) and /echo (answers "METHOD LENGTH" of the
request body). Prints
"port N" once it listens; runs until killed.
"""
import os
import sys

from twisted.internet import endpoints, reactor
from twisted.web import resource, server, static


class Moved(resource.Resource):
    isLeaf = True

    def render_GET(self, request):
        request.setResponseCode(301)
        request.setHeader(b"location", b"/hello.txt")
        return b""


class Echo(resource.Resource):
    isLeaf = True

    def render_POST(self, request):
        body = request.content.read()
        request.setHeader(b"content-type", b"text/plain")
        return b"%s %d\n" % (request.method, len(body))


def main(directory):
    files = static.File(directory)
    files.putChild(b"old", Moved())
    files.putChild(b"echo", Echo())
    with open(os.path.join(directory, "gzip.txt"), "rb") as text:
        compressible = static.Data(text.read(), "text/plain")
    files.putChild(b"gzip.txt", resource.EncodingResourceWrapper(
        compressible, [server.GzipEncoderFactory()]))
    endpoint = endpoints.TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1")

    def listening(port):
        print("port %d" % port.getHost().port, flush=True)

    endpoint.listen(server.Site(files)).addCallback(listening)
    reactor.run()


if __name__ == "__main__":
    main(sys.argv[1])
