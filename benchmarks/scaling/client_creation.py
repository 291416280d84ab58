"""PFL501: what creating an SDK client costs on each invocation of a
handler, with no network involved (boto3 only reads its service models).
Needs boto3 (`pip install boto3`); says so and stops when it is missing."""

import time


def per_call_ms(function, repeat=20):
    function()  # warm up: the first call also imports and caches
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat * 1e3


if __name__ == "__main__":
    try:
        import boto3
    except ImportError:
        raise SystemExit("boto3 is not installed: pip install boto3") from None
    client = per_call_ms(lambda: boto3.client("s3", region_name="us-east-1"))
    session = per_call_ms(lambda: boto3.session.Session().client("s3", region_name="us-east-1"))
    print(f"boto3 {boto3.__version__}: boto3.client('s3') {client:.1f} ms per call")
    print(f"boto3 {boto3.__version__}: Session().client('s3') {session:.1f} ms per call")
