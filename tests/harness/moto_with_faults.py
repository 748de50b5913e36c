"""moto's server with service faults: PutSecretValue call n raises the given AWS error when
(n - 1) % every < fail_first, before anything is stored (so a failed call never creates a version).
Logs "put N faulty|passed SECRET_ID" for each call, flushed, on stdout.

usage: moto_with_faults.py --error ThrottlingException --fail-first 1 --every 2 -- -H 127.0.0.1 -p PORT
"""

import argparse
import sys

from moto.core.exceptions import JsonRESTError
from moto.secretsmanager.models import SecretsManagerBackend
import moto.server

import sigv4_verifier

MESSAGES = {"ThrottlingException": "Rate exceeded", "InternalServiceError": "An internal error occurred."}
STATUS = {"ThrottlingException": 400, "InternalServiceError": 500}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--error", required=True, choices=sorted(MESSAGES))
    parser.add_argument("--fail-first", type=int, default=1)
    parser.add_argument("--every", type=int, default=1)
    args, rest = parser.parse_known_args()
    original = SecretsManagerBackend.put_secret_value
    calls = {"n": 0}

    def faulty_put_secret_value(self, *a, **kw):
        calls["n"] += 1
        # The secret id ends the line, so that a test can wait for a marker write of its own.
        secret_id = kw.get("secret_id", a[0] if a else "")
        if (calls["n"] - 1) % args.every < args.fail_first:
            print(f"put {calls['n']} faulty {secret_id}", flush=True)
            error = JsonRESTError(args.error, MESSAGES[args.error])
            error.code = STATUS[args.error]
            raise error
        print(f"put {calls['n']} passed {secret_id}", flush=True)
        return original(self, *a, **kw)

    SecretsManagerBackend.put_secret_value = faulty_put_secret_value
    sigv4_verifier.install()
    moto.server.main([a for a in rest if a != "--"])


if __name__ == "__main__":
    sys.exit(main())
