"""Production settings pass Django's deployment checklist."""

import os
import secrets
import subprocess
import sys


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        # browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process: not for production
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("SAKIP_DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "SAKIP_HTTPS": "1",
        "SAKIP_SECRET_KEY": secrets.token_urlsafe(60),
        "SAKIP_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "sakip.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_https_settings_the_checklist_complains(tmp_path):
    env = {
        **os.environ,
        "SAKIP_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "sakip.settings",
    }
    env.pop("SAKIP_HTTPS", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stdout + result.stderr
