"""For tests that run sakip in a process of its own: a free loopback port, and an environment
that is the suite's without its database, cache and settings (the child reads its own)."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def child_env(data_dir: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAKIP_", "DJANGO_"))}
    return {
        **env,
        "SAKIP_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "sakip.settings",
        **extra,
    }


GET_PATHS = """
import json, sys, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
answers = {}
for path in sys.argv[2:]:
    response = client.get(path, HTTP_X_REQUEST_ID=sys.argv[1])
    answers[path] = [response.status_code, response.content.decode()]
print(json.dumps(answers))
"""


def get_in_child(env: dict, request_id: str, *paths: str) -> tuple[dict, str]:
    """GETs the paths through Django's test client in a process with this environment's
    settings: {path: [status, body]}, and what it wrote on stderr (its log)."""
    result = subprocess.run(
        [sys.executable, "-c", GET_PATHS, request_id, *paths],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1]), result.stderr
