import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow by design; tests create many accounts. Production keeps Argon2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache of its own process (the SKM rate limit counts there):
    nothing carried over from an earlier test or run through the file cache under DATA_DIR."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored files (evidence, SKM imports, documents) go to the test's own folder, laid out as
    in production (DATA_DIR/media): never shared with another test, never the checkout's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the suite's database is a file, named as in a data folder (sakip.sqlite3), so a
    `sakip` subprocess given SAKIP_DATA_DIR=<its folder> works on it (tests/test_worker.py)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "sakip.sqlite3")


@pytest.fixture(autouse=True)
def tasks_run_immediately(settings):
    """Tasks run as they are enqueued: no test needs a worker unless it starts one."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
