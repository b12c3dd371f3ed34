"""What bench/nasional.py and bench/beban.py share: a throwaway PostgreSQL database of their own,
Django set up on it (or on SQLite in a data folder), and the schema made in seconds.

The schema is created straight from the models (`migrate --run-syncdb` with the migrations
switched off, as pytest-django's --nomigrations does): the same tables, indexes and constraints
as the migrations give, in about 3 s instead of about 50 s on these 2 cores. The database
therefore has no django_migrations rows; it is for the bench only."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
DEFAULT_SERVER = f"postgresql://postgres@{HOST}:5432"


def database_url(server: str, name: str) -> str:
    parsed = urlparse(server)
    return urlunparse(parsed._replace(path=f"/{name}"))


def _admin(server: str):
    import psycopg

    return psycopg.connect(database_url(server, "postgres"), autocommit=True)


def create_database(server: str, name: str) -> str:
    """A new, empty database `name` (an old one of that name is dropped first); its URL."""
    from psycopg import sql

    with _admin(server) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url(server, name)


def drop_database(server: str, name: str) -> None:
    from psycopg import sql

    with _admin(server) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def setup_django(url: str | None, data_dir: Path) -> None:
    """Django on `url` (PostgreSQL), or on SQLite in `data_dir` when `url` is None."""
    if url:
        os.environ["SAKIP_DATABASE_URL"] = url
    else:
        os.environ.pop("SAKIP_DATABASE_URL", None)
    os.environ["SAKIP_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def create_schema() -> None:
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)
