"""Re-verifies the SigV4 signature of every request that reaches moto, with botocore's signer.

moto routes by the Authorization header but checks no signature, so a client that signs wrongly (a
signing key derived for the wrong day, region or service, a body changed after signing, a header left
out) would pass every test. With this middleware in front of moto's application, each signed request
is recomputed with botocore's SigV4Auth from the request as received (method, path, query, the headers
its SignedHeaders lists, body and X-Amz-Date) and the secret key registered for its access key id, and:

- verified      the whole Authorization header matches botocore's: passed on to moto;
- mismatch      it does not, the date is more than 15 minutes off (AWS: "Signature expired"), a
                signed x-amz-content-sha256 is not the body's hash, or a service call came unsigned:
                answered 400/403 as AWS answers a bad signature (so the call fails where it happens);
- unverifiable  no secret is known for the access key id: passed on to moto;
- harness       the harness's own direct calls (Invoke-MotoApi signs as the key id 'harness'):
                passed on, they are not the client under test;
- unsigned      moto's own API (/moto-api/...) and STS AssumeRoleWithWebIdentity, unsigned in AWS too.

Secrets come from sigv4_keys.txt next to this file (one "ACCESS_KEY_ID SECRET" a line), plus the
credentials moto's STS handed out (AssumeRole and friends), remembered across moto resets.

Active only when SMN_SIGV4_REPORT names a file (tests/Invoke-PesterSuite.ps1 sets it; the benchmarks
do not): every request appends one JSON line {"outcome", "key", "detail", "target"} to it, and the
suite runner sums them and fails on any mismatch or unverifiable request.
"""

import datetime
import hashlib
import io
import json
import os
import re
import threading
import urllib.parse

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

KEYS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sigv4_keys.txt")
HARNESS_KEY = "harness"
MAX_SKEW = datetime.timedelta(minutes=15)
AUTHORIZATION = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<key>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/,\s]+)/(?P<service>[^/,\s]+)/aws4_request"
    r"\s*,\s*SignedHeaders=(?P<signed>[^,\s]+)\s*,\s*Signature=(?P<signature>[0-9a-f]+)$"
)


def load_registered_keys(path=KEYS_FILE):
    """ACCESS_KEY_ID -> secret from the key file; '#' starts a comment. A key id listed twice is an error."""
    keys = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            if len(fields) != 2 or fields[0] in keys:
                raise ValueError(f"{path}:{number}: want one 'ACCESS_KEY_ID SECRET' pair per key id, got {line!r}")
            keys[fields[0]] = fields[1]
    return keys


class KeyRegistry:
    """The secret for an access key id: registered test keys first, then what moto's STS issued."""

    def __init__(self, registered):
        self.registered = dict(registered)
        self.issued = {}
        self.lock = threading.Lock()

    def secret_for(self, access_key):
        if access_key in self.registered:
            return self.registered[access_key]
        with self.lock:
            if access_key not in self.issued:
                self.issued.update(issued_by_moto_sts())
            return self.issued.get(access_key)


def issued_by_moto_sts():
    """Access key id -> secret of every session moto's STS has handed out since its last reset."""
    from moto.sts.models import sts_backends

    issued = {}
    for account in list(sts_backends.values()):
        for backend in list(account.values()):
            for role in list(backend.assumed_roles):
                issued[role.access_key_id] = role.secret_access_key
    return issued


class Request:
    """What the verifier needs of one WSGI request; the body is read once and put back for moto."""

    def __init__(self, environ):
        self.environ = environ
        self.method = environ["REQUEST_METHOD"]
        self.raw_uri = environ.get("REQUEST_URI") or environ.get("RAW_URI") or environ.get("PATH_INFO", "/")
        if environ.get("QUERY_STRING") and "?" not in self.raw_uri:
            self.raw_uri += "?" + environ["QUERY_STRING"]
        length = environ.get("CONTENT_LENGTH")
        stream = environ["wsgi.input"]
        self.body = stream.read(int(length)) if length else stream.read() if environ.get("wsgi.input_terminated") else b""
        environ["wsgi.input"] = io.BytesIO(self.body)

    def header(self, name):
        lowered = name.lower()
        if lowered in ("content-type", "content-length"):
            return self.environ.get(lowered.upper().replace("-", "_"))
        return self.environ.get("HTTP_" + lowered.upper().replace("-", "_"))

    def target(self):
        """The operation, for the report: X-Amz-Target, or a query-protocol Action."""
        if self.header("x-amz-target"):
            return self.header("x-amz-target")
        form = urllib.parse.parse_qs(urllib.parse.urlsplit(self.raw_uri).query)
        if "Action" not in form and (self.header("content-type") or "").startswith("application/x-www-form-urlencoded"):
            form = urllib.parse.parse_qs(self.body.decode("utf-8", "replace"))
        return form.get("Action", [""])[0] or self.raw_uri.split("?", 1)[0]


def expected_authorization(request, parts, secret, now):
    """botocore's Authorization header for this request as received, or the reason none can match."""
    stamp = request.header("x-amz-date")
    if not stamp:
        return None, "no X-Amz-Date header"
    try:
        signed_at = datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return None, f"X-Amz-Date {stamp!r} is not a SigV4 timestamp"
    if abs(now - signed_at) > MAX_SKEW:
        return None, f"signature expired or from the future: X-Amz-Date {stamp}, now {now:%Y%m%dT%H%M%SZ}"
    declared_hash = request.header("x-amz-content-sha256")
    if declared_hash and declared_hash != "UNSIGNED-PAYLOAD" and declared_hash != hashlib.sha256(request.body).hexdigest():
        return None, "x-amz-content-sha256 is not the SHA-256 of the body received"
    headers = {}
    for name in parts["signed"].split(";"):
        value = request.header(name)
        if value is None:
            return None, f"signed header {name!r} is not in the request"
        headers[name] = value
    aws_request = AWSRequest(method=request.method, url="http://" + headers.get("host", "unknown") + request.raw_uri,
                             data=request.body, headers=headers)
    aws_request.context["timestamp"] = stamp
    signer = SigV4Auth(Credentials(parts["key"], secret), parts["service"], parts["region"])
    canonical = signer.canonical_request(aws_request)
    signature = signer.signature(signer.string_to_sign(aws_request, canonical), aws_request)
    header = (f"AWS4-HMAC-SHA256 Credential={signer.scope(aws_request)}, "
              f"SignedHeaders={signer.signed_headers(signer.headers_to_sign(aws_request))}, Signature={signature}")
    return header, None


def verify(request, registry, now=None):
    """(outcome, access key id, detail) for one request; see the module docstring for the outcomes."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    authorization = request.header("authorization")
    if not authorization:
        if request.raw_uri.startswith("/moto-api") or request.target() == "AssumeRoleWithWebIdentity":
            return "unsigned", None, ""
        return "mismatch", None, "a service call came without an Authorization header"
    match = AUTHORIZATION.match(authorization.strip())
    if not match:
        return "mismatch", None, f"not a SigV4 Authorization header: {authorization[:40]!r}..."
    parts = match.groupdict()
    if parts["key"] == HARNESS_KEY:
        return "harness", HARNESS_KEY, ""
    secret = registry.secret_for(parts["key"])
    if secret is None:
        return "unverifiable", parts["key"], "no secret registered in sigv4_keys.txt or issued by moto's STS"
    expected, reason = expected_authorization(request, parts, secret, now)
    if reason:
        return "mismatch", parts["key"], reason
    if AUTHORIZATION.match(expected).groupdict() != parts:
        return "mismatch", parts["key"], f"received {authorization!r}, botocore computes {expected!r}"
    return "verified", parts["key"], "" if parts["key"] in registry.registered else "a session moto's STS issued"


class Report:
    """Appends one JSON line per request to the report file (several servers may share it)."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    def write(self, outcome, key, detail, target):
        line = json.dumps({"outcome": outcome, "key": key, "detail": detail, "target": target}) + "\n"
        with self.lock, open(self.path, "a", encoding="utf-8") as report:
            report.write(line)


def rejection(request, detail, start_response):
    """What AWS answers a bad signature: a JSON error for awsJson services, the query protocol's XML otherwise."""
    message = ("The request signature we calculated does not match the signature you provided. "
               f"(harness SigV4 check: {detail})")
    if request.header("x-amz-target"):
        body = json.dumps({"__type": "InvalidSignatureException", "message": message}).encode()
        status, content_type = "400 Bad Request", "application/x-amz-json-1.1"
    else:
        escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>{escaped}"
                "</Message></Error><RequestId>sigv4-check</RequestId></ErrorResponse>").encode()
        status, content_type = "403 Forbidden", "text/xml"
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def verifying(application, registry, report):
    """Wraps a WSGI application: each request is verified and reported before the application sees it."""

    def middleware(environ, start_response):
        request = Request(environ)
        try:
            outcome, key, detail = verify(request, registry)
        except Exception as error:  # a verifier bug must fail the suite, not pass silently
            outcome, key, detail = "mismatch", None, f"the verifier failed: {error!r}"
        report.write(outcome, key, detail, request.target())
        if outcome == "mismatch":
            return rejection(request, detail, start_response)
        return application(environ, start_response)

    return middleware


def install():
    """Makes moto.server.main serve through the verifier when SMN_SIGV4_REPORT is set."""
    path = os.environ.get("SMN_SIGV4_REPORT")
    if not path:
        return
    import moto.server

    registry = KeyRegistry(load_registered_keys())
    report = Report(path)
    dispatcher = moto.server.DomainDispatcherApplication

    class VerifyingDispatcher(dispatcher):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.verified = verifying(super().__call__, registry, report)

        def __call__(self, environ, start_response):
            return self.verified(environ, start_response)

    moto.server.DomainDispatcherApplication = VerifyingDispatcher
