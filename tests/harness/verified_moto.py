"""moto's server (the moto_server command), every request's SigV4 signature re-verified with botocore's signer
when SMN_SIGV4_REPORT is set (see sigv4_verifier.py).

usage: verified_moto.py -H 127.0.0.1 -p PORT
"""

import sys

import moto.server

import sigv4_verifier

if __name__ == "__main__":
    sigv4_verifier.install()
    sys.exit(moto.server.main())
