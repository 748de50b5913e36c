"""A loopback HTTP forward proxy that records what it proxied, so a test can see that a call went through it.

- Absolute-form requests (`POST http://127.0.0.1:5000/ HTTP/1.1`, what a client sends to a proxy for
  an http:// endpoint) are forwarded to that URL and answered with the upstream's answer.
- CONNECT host:port (what a client sends for an https:// endpoint) opens a TCP tunnel to that address.
- Only loopback targets are reached: anything else (a real AWS endpoint) is recorded and answered 502 without
  being dialled, so a test can see where a call was going without it ever leaving the machine.
- GET /__proxied (origin form: asked of the proxy itself) returns the records as JSON: method, target,
  the user name of a Basic Proxy-Authorization header and the SHA-256 (hex) of its password, never the
  password itself.
Prints the port on its first line of stdout. Standard library only.
"""
import base64
import hashlib
import http.server
import ipaddress
import json
import select
import socket
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    recorded = []
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def record(self):
        user = password_sha256 = None
        authorization = self.headers.get("Proxy-Authorization", "")
        if authorization.startswith("Basic "):
            user, _, password = base64.b64decode(authorization[6:]).decode(errors="replace").partition(":")
            password_sha256 = hashlib.sha256(password.encode()).hexdigest()
        record = {"Method": self.command, "Target": self.path, "ProxyUser": user, "ProxyPasswordSha256": password_sha256}
        with Handler.lock:
            Handler.recorded.append(record)

    def reply(self, status, data, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/__proxied":
            with Handler.lock:
                return self.reply(200, json.dumps(Handler.recorded).encode())
        self.forward()

    def do_POST(self):
        self.forward()

    def forward(self):
        self.record()
        if not is_loopback(urllib.parse.urlsplit(self.path).hostname):
            return self.reply(502, b"the test proxy reaches loopback targets only", "text/plain")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        skip = ("host", "content-length", "proxy-authorization", "proxy-connection", "connection")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
        request = urllib.request.Request(self.path, data=body, headers=headers, method=self.command)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request) as response:
                status, data, ctype = response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, data, ctype = error.code, error.read(), error.headers.get("Content-Type", "")
        self.reply(status, data, ctype or "application/x-amz-json-1.1")

    def do_CONNECT(self):
        self.record()
        host, _, port = self.path.rpartition(":")
        if not is_loopback(host.strip("[]")):
            return self.reply(502, b"the test proxy tunnels to loopback targets only", "text/plain")
        try:
            upstream = socket.create_connection((host, int(port)), timeout=10)
        except OSError:
            return self.reply(502, b"cannot reach the target", "text/plain")
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        sockets = [self.connection, upstream]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 30)
                if not readable:
                    break
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is self.connection else self.connection).sendall(data)
        finally:
            upstream.close()


def is_loopback(host):
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
