"""Asks `twine web` with Python's own clients, http.client and urllib, and prints what it got.

Usage: python_http_client.py PORT
"""
import hashlib
import http.client
import sys
import urllib.request

port = int(sys.argv[1])
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

connection.request("HEAD", "/data.txt")
response = connection.getresponse()
response.read()
print("HEAD", response.status, response.getheader("Content-Length"),
      response.getheader("Accept-Ranges"))
socket = connection.sock

connection.request("GET", "/data.txt", headers={"Range": "bytes=10-19"})
response = connection.getresponse()
print("RANGE", response.status, response.getheader("Content-Range"), response.read().decode())
etag = response.getheader("ETag")

connection.request("GET", "/data.txt", headers={"If-None-Match": etag})
response = connection.getresponse()
response.read()
print("NOT-MODIFIED", response.status)
print("SAME-CONNECTION", connection.sock is socket)
connection.close()

with urllib.request.urlopen(f"http://127.0.0.1:{port}/medium.bin", timeout=30) as response:
    digest = hashlib.sha256()
    while chunk := response.read(65536):
        digest.update(chunk)
    print("URLLIB", response.status, digest.hexdigest())

with urllib.request.urlopen(f"http://127.0.0.1:{port}/sub", timeout=10) as response:
    print("REDIRECTED", response.status, response.geturl().endswith("/sub/"),
          "inner.txt" in response.read().decode())
