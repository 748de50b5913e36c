"""Loopback stand-ins for the credential and region sources the tests cannot reach for real.

One HTTP server that speaks, on its own paths:
  - the EC2 instance metadata protocol (IMDSv2: PUT token, then role, credentials and region);
  - the container credentials protocol (GET /container-credentials), handing out credentials valid for
    --container-lifetime seconds (GET /__container_issued counts what was handed out);
  - the SSO portal's GetRoleCredentials (GET /federation/credentials with the x-amz-sso_bearer_token
    header): the one token it was started with gets role credentials; any other token is refused as
    the real portal refuses an expired one (401 UnauthorizedException);
  - a recording proxy: every other request is forwarded to the upstream (moto), after its
    Authorization header's access key id and region (and the session token, test dummies only) and the
    operation (the Query protocol's Action, as STS's AssumeRole, or the JSON protocol's X-Amz-Target) are
    noted; GET /__recorded returns them.
So a test learns which key and region were really used from what a server received.
With --tls-cert and --tls-key it speaks HTTPS (TLS on loopback with a test CA's certificate).
Prints the port on its first line of stdout. Standard library only.
"""
import argparse
import datetime
import http.server
import json
import re
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

TOKEN = "stand-in-imds-token"
ROLE = "stand-in-role"
SCOPE = re.compile(r"Credential=([^/]+)/\d{8}/([^/]+)/")


def expiration(seconds=3600):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def credentials_document(access_key, lifetime=3600):
    return {"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": access_key, "SecretAccessKey": "stand-in-secret",
            "Token": "stand-in-token", "Expiration": expiration(lifetime), "LastUpdated": expiration(0)}


def operation(headers, body):
    """The operation a forwarded request calls: X-Amz-Target's (JSON protocol) or the form's Action (Query)."""
    target = headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1]
    form = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if body else {}
    return form.get("Action", [None])[0]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    recorded = []
    sso_issued = 0
    sso_refused = 0
    container_issued = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="text/plain", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_PUT(self):
        self.body()
        if self.path == "/latest/api/token":
            ttl = self.headers.get("x-aws-ec2-metadata-token-ttl-seconds", "21600")
            return self.reply(200, TOKEN, headers=[("x-aws-ec2-metadata-token-ttl-seconds", ttl)])
        self.reply(404, "not found")

    def do_GET(self):
        options = self.server.options
        if self.path == "/__recorded":
            with Handler.lock:
                return self.reply(200, json.dumps(Handler.recorded), "application/json")
        if self.path == "/__sso_issued":
            with Handler.lock:
                return self.reply(200, str(Handler.sso_issued))
        if self.path == "/__container_issued":
            with Handler.lock:
                return self.reply(200, str(Handler.container_issued))
        if self.path == "/__sso_refused":
            with Handler.lock:
                return self.reply(200, str(Handler.sso_refused))
        if self.path.startswith("/container-credentials"):
            if not options.container_key:
                return self.reply(404, "not found")
            with Handler.lock:
                Handler.container_issued += 1
            document = credentials_document(options.container_key, options.container_lifetime)
            return self.reply(200, json.dumps(document), "application/json")
        if self.path.startswith("/federation/credentials"):
            return self.sso_role_credentials()
        if self.path.startswith("/latest/"):
            if self.headers.get("x-aws-ec2-metadata-token") != TOKEN:
                return self.reply(401, "token required")
            base = "/latest/meta-data/iam/security-credentials/"
            if self.path == base and options.imds_key:
                return self.reply(200, ROLE)
            if self.path == base + ROLE and options.imds_key:
                return self.reply(200, json.dumps(credentials_document(options.imds_key)), "application/json")
            if self.path == "/latest/meta-data/placement/region" and options.imds_region:
                return self.reply(200, options.imds_region)
            return self.reply(404, "not found")
        self.forward("GET", b"")

    def sso_role_credentials(self):
        options = self.server.options
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        if not options.sso_key or self.headers.get("x-amz-sso_bearer_token") != options.sso_token:
            with Handler.lock:
                Handler.sso_refused += 1   # GET /__sso_refused counts the refusals
            return self.reply(401, json.dumps({"message": "Session token not found or invalid"}), "application/json",
                              headers=[("x-amzn-ErrorType", "UnauthorizedException")])
        if not query.get("role_name") or not query.get("account_id"):
            return self.reply(400, json.dumps({"message": "role_name and account_id are required"}), "application/json",
                              headers=[("x-amzn-ErrorType", "InvalidRequestException")])
        # The role "already-expired" gets credentials that expired a minute ago: a client that caches
        # credentials must fetch new ones for every call. GET /__sso_issued counts what was handed out.
        lifetime = -60 if query["role_name"][0] == "already-expired" else 3600
        expires = int((time.time() + lifetime) * 1000)
        with Handler.lock:
            Handler.sso_issued += 1
        document = {"roleCredentials": {"accessKeyId": options.sso_key, "secretAccessKey": "stand-in-secret",
                                        "sessionToken": "stand-in-token", "expiration": expires}}
        self.reply(200, json.dumps(document), "application/json")

    def do_POST(self):
        self.forward("POST", self.body())

    def forward(self, method, body):
        match = SCOPE.search(self.headers.get("Authorization", ""))
        with Handler.lock:
            Handler.recorded.append({"AccessKey": match.group(1) if match else None,
                                     "Region": match.group(2) if match else None,
                                     "SessionToken": self.headers.get("x-amz-security-token"),
                                     "Action": operation(self.headers, body)})
        # The Host header goes along unchanged: it is signed, and moto's signature check (sigv4_verifier.py)
        # recomputes the signature from what it receives.
        headers = {k: v for k, v in self.headers.items() if k.lower() != "content-length"}
        request = urllib.request.Request(self.server.options.upstream + self.path, data=body or None,
                                         headers=headers, method=method)
        try:
            with urllib.request.urlopen(request) as response:
                status, data, ctype = response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, data, ctype = error.code, error.read(), error.headers.get("Content-Type", "")
        self.reply(status, data, ctype or "application/x-amz-json-1.1")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--imds-key")
    parser.add_argument("--imds-region")
    parser.add_argument("--container-key")
    parser.add_argument("--container-lifetime", type=int, default=3600, help="seconds the container credentials last")
    parser.add_argument("--sso-key", help="access key id the SSO portal hands out")
    parser.add_argument("--sso-token", help="the only bearer token the SSO portal accepts")
    parser.add_argument("--tls-cert", help="PEM certificate to serve HTTPS with (with --tls-key)")
    parser.add_argument("--tls-key")
    options = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.options = options
    if options.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options.tls_cert, options.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
