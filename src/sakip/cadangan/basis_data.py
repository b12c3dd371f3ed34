"""The database part of a backup: dump and restore per vendor, the migration state, and whether
an installation holds any of sakip's data.

- SQLite: the online backup API, from Django's own connection (consistent while the app writes)
  to a file; restored through the same API into the configured file, in one step that other
  connections see whole (WAL and its -shm are handled by SQLite, not by replacing files).
- PostgreSQL: `pg_dump -Fc`; restored by `pg_restore --no-owner --no-privileges` as SQL into
  `psql` in one transaction that first drops every table of the target, so that a target
  migrated further than the archive keeps no table of its own; committed only when pg_restore
  finished without error. The connection comes from Django's settings as PG* environment
  variables: the password is never on a command line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing, suppress
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from sakip.cadangan import CadanganError

PG_ENV = {  # Django's settings → libpq's environment
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "PASSWORD": "PGPASSWORD",
    "NAME": "PGDATABASE",
}
PG_OPTIONS_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


def applied_migrations(connection) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def unknown_migrations(archived: set[tuple[str, str]]) -> list[str]:
    """Migrations the archive's database went through that this code does not have: the
    archive comes from a newer sakip."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, name in sorted(archived - known)]


def pending_migrations(connection) -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def sakip_tables(connection) -> list[str]:
    """The existing tables of sakip's apps and of the accounts, sorted."""
    existing = set(connection.introspection.table_names())
    user = get_user_model()
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name.startswith("sakip.") or model is user
    ]
    return sorted({m._meta.db_table for m in models} & existing)


def tables_with_rows(connection) -> list[str]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        filled = []
        for table in sakip_tables(connection):
            cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
            if cursor.fetchone():
                filled.append(table)
    return filled


def dump(connection, target: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as out:
            connection.connection.backup(out)
    else:
        _run(["pg_dump", "--format=custom", "--no-password", f"--file={target}"], connection)


def restore(connection, source: Path) -> None:
    if connection.vendor == "sqlite":
        connection.close()
        with (
            closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as archived,
            closing(sqlite3.connect(connection.settings_dict["NAME"])) as installed,
        ):
            archived.backup(installed)
    else:
        _restore_postgresql(connection, source)


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """This process's environment without its own PG* variables, plus the configured ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for key, variable in PG_ENV.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for key, variable in PG_OPTIONS_ENV.items():
        if settings_dict.get("OPTIONS", {}).get(key):
            env[variable] = str(settings_dict["OPTIONS"][key])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CadanganError(
            _(
                "Perintah %(alat)s tidak ditemukan. Pasang klien PostgreSQL (Debian: apt-get "
                "install postgresql-client) dengan versi yang sama atau lebih baru dari server."
            )
            % {"alat": name}
        )
    return path


def _run(command: list[str], connection) -> None:
    result = subprocess.run(
        [_tool(command[0]), *command[1:]],
        env=pg_environment(connection.settings_dict),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CadanganError(
            _("%(alat)s gagal: %(pesan)s") % {"alat": command[0], "pesan": result.stderr.strip()}
        )


def _restore_postgresql(connection, source: Path) -> None:
    quote = connection.ops.quote_name
    tables = connection.introspection.table_names()
    connection.close()
    env = pg_environment(connection.settings_dict)
    prelude = "BEGIN;\n"
    if tables:
        prelude += f"DROP TABLE IF EXISTS {', '.join(quote(t) for t in tables)} CASCADE;\n"
    with tempfile.TemporaryFile() as restore_errors, tempfile.TemporaryFile() as psql_errors:
        psql = subprocess.Popen(
            [_tool("psql"), "--no-psqlrc", "--quiet", "--no-password", "-v", "ON_ERROR_STOP=1"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=env,
        )
        pg_restore = subprocess.Popen(
            [_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(source)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
            env=env,
        )
        try:
            psql.stdin.write(prelude.encode())
            shutil.copyfileobj(pg_restore.stdout, psql.stdin)
            restored = pg_restore.wait() == 0
            if restored:  # otherwise psql ends without COMMIT: the transaction is rolled back
                psql.stdin.write(b"COMMIT;\n")
            psql.stdin.close()
        except BrokenPipeError:  # psql stopped at an error (ON_ERROR_STOP)
            pg_restore.kill()
            restored = False
            with suppress(BrokenPipeError):
                psql.stdin.close()
        finally:
            pg_restore.wait()
            psql.wait()
        if not restored or psql.returncode != 0:
            restore_errors.seek(0)
            psql_errors.seek(0)
            message = (restore_errors.read() + psql_errors.read()).decode(errors="replace")
            raise CadanganError(
                _("Pemulihan basis data PostgreSQL gagal; basis data tidak berubah: %(pesan)s")
                % {"pesan": message.strip()}
            )
