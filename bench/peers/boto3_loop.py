"""Per-call cost of boto3 in one Python process: one call (reported apart), then N sequential
PutSecretValue calls; prints one JSON line like Cmdlet.ps1. Usage: boto3_loop.py ENDPOINT CALLS"""
import json
import sys
import time

import boto3

endpoint, calls = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
client = boto3.client(
    "secretsmanager",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="testing",
    aws_secret_access_key="testing",
)
client.put_secret_value(SecretId="bench/secret", SecretString="bench-value")
first = (time.perf_counter() - start) * 1e3
start = time.perf_counter()
for _ in range(calls):
    client.put_secret_value(SecretId="bench/secret", SecretString="bench-value")
per_call = (time.perf_counter() - start) * 1e3 / calls
print(json.dumps({"first_ms": first, "per_call_ms": per_call}))
