"""Asks `twine web` with Twisted's treq, and prints what it got.

Usage: treq_client.py PORT
"""
import hashlib
import sys

import treq
from twisted.internet import defer, task


async def ask(port):
    base = f"http://127.0.0.1:{port}"
    response = await treq.get(base + "/data.txt", headers={"Range": "bytes=0-9"})
    body = await response.content()
    print("RANGE", response.code, response.headers.getRawHeaders("Content-Range")[0],
          body.decode())

    response = await treq.get(base + "/medium.bin")
    body = await response.content()
    print("GET", response.code, len(body), hashlib.sha256(body).hexdigest())

    response = await treq.head(base + "/data.txt")
    await response.content()
    print("HEAD", response.code, response.headers.getRawHeaders("Content-Length")[0])

    response = await treq.get(base + "/sub")
    body = await response.text()
    print("REDIRECTED", response.code, "inner.txt" in body)


def main(reactor, port):
    return defer.ensureDeferred(ask(port))


task.react(main, [int(sys.argv[1])])
