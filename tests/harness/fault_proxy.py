"""A loopback HTTP proxy in front of a Secrets Manager endpoint that injects transport faults.

Each request is numbered from 1. Request n is faulty when (n - 1) % every < fail_first; the others
pass through untouched. Faults:
  reset          forward the request, then drop the client connection with a TCP reset (the write happened,
                 the answer is lost)
  stall          forward the request, then never answer (the client's timeout must cut it off)
  stall-before   never forward and never answer
  truncate       forward, then send the answer's headers and only half its body, then close
  html           do not forward; answer HTTP 502 with an HTML page, as a load balancer would
With --fail-first 0 it only forwards (listening on --listen, loopback by default). Prints "port N" once listening, and "request N faulty|passed" for each request, flushed, on stdout.
"""

import argparse
import asyncio
import socket
import struct
import sys

HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


def log(text):
    print(text, flush=True)


async def read_request(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return head, body


async def forward(upstream, head, body):
    reader, writer = await asyncio.open_connection(upstream[0], upstream[1])
    # One request per upstream connection, like moto itself (it always answers Connection: close).
    lines = [l for l in head.split(b"\r\n") if not l.lower().startswith(b"connection:")]
    head = b"\r\n".join(lines[:-2]) + b"\r\nConnection: close\r\n\r\n"
    writer.write(head + body)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    return answer


def reset(writer):
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class Proxy:
    def __init__(self, args):
        self.args = args
        self.count = 0
        host, _, port = args.upstream.replace("http://", "").partition(":")
        self.upstream = (host, int(port))

    async def handle(self, reader, writer):
        try:
            while True:
                try:
                    head, body = await read_request(reader)
                except (asyncio.IncompleteReadError, ConnectionError):
                    break
                self.count += 1
                faulty = (self.count - 1) % self.args.every < self.args.fail_first
                log(f"request {self.count} {'faulty' if faulty else 'passed'}")
                mode = self.args.mode if faulty else "pass"
                if mode == "html":
                    writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n"
                                 + f"Content-Length: {len(HTML_502)}\r\n\r\n".encode() + HTML_502)
                    await writer.drain()
                    continue
                if mode == "stall-before":
                    await asyncio.sleep(3600)
                answer = await forward(self.upstream, head, body)
                log(f"answered {self.count} upstream")  # the upstream has taken (and acted on) the request
                if mode == "reset":
                    reset(writer)
                    return
                if mode == "stall":
                    await asyncio.sleep(3600)
                if mode == "truncate":
                    split = answer.index(b"\r\n\r\n") + 4
                    payload = answer[split:]
                    writer.write(answer[:split] + payload[: len(payload) // 2])
                    await writer.drain()
                    reset(writer)
                    return
                writer.write(answer)
                await writer.drain()
                break  # upstream said Connection: close
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--mode", required=True, choices=["reset", "stall", "stall-before", "truncate", "html"])
    parser.add_argument("--fail-first", type=int, default=1)
    parser.add_argument("--every", type=int, default=1)
    # Another local address than loopback, for endpoints that must not look local (the version-quota advice).
    parser.add_argument("--listen", default="127.0.0.1")
    args = parser.parse_args()
    proxy = Proxy(args)
    server = await asyncio.start_server(proxy.handle, args.listen, 0)
    log(f"port {server.sockets[0].getsockname()[1]}")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
