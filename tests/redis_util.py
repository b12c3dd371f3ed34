"""The Redis the tests count in: SAKIP_TEST_REDIS_URL, else 127.0.0.1:6379 database 9. A test
that needs it is skipped only when it is unreachable; CI starts it (.ci/run)."""

import os

import pytest


def redis_url_or_skip() -> str:
    import redis

    url = os.environ.get("SAKIP_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {url}")
    return url
