"""Backup and restore (`sakip cadangkan`, `sakip pulihkan`) on the database the suite runs on.

The source installation is this test's database (committed: transaction=True) and MEDIA_ROOT;
each restore goes into a fresh installation run as a `sakip` subprocess with its own data folder
and, on PostgreSQL, its own database created and dropped here. Compared after a round trip:
every table's rows (each value as the database writes it as text, rows sorted) and, on
PostgreSQL, every sequence's last value; every stored file's sha256."""

import hashlib
import io
import json
import os
import re
import secrets
import shutil
import sqlite3
import stat
import subprocess
import sys
import tarfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings

import sakip.demo
from sakip.cadangan import CadanganError, arsip
from sakip.cadangan.cadangkan import cadangkan
from sakip.dataset import load_file
from sakip.demo.accounts import ensure_demo_accounts
from sakip.evaluasi.actions import ajukan_tindak_lanjut
from sakip.evaluasi.demo import load_demo as load_evaluasi_demo
from sakip.evaluasi.models import Rekomendasi
from sakip.organisasi.actions_pemda import buat_pemda
from sakip.organisasi.models import PerangkatDaerah
from sakip.pelaporan.template import TEMPLATE_PATH
from sakip.pelaporan.templates_pemda import simpan_templat
from sakip.survei.demo import load_demo as load_survei_demo

pytestmark = pytest.mark.django_db  # the test database set up; writers commit (transaction=True)

SAKIP = shutil.which("sakip", path=str(Path(sys.executable).parent)) or "sakip"
DEMO_FILE = Path(sakip.demo.__file__).parent / "data" / "kecamatan-jati.yaml"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WAITING = "realisasi-impor/1/menunggu-terapkan.xlsx"


# --- reading an installation ---------------------------------------------------------------------


def sqlite_rows(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    rows = {}
    for (table,) in cursor.fetchall():
        cursor.execute(f'PRAGMA table_info("{table}")')
        values = ", ".join(f'quote("{column[1]}")' for column in cursor.fetchall())
        cursor.execute(f'SELECT {values} FROM "{table}"')  # quote(): text, whatever the type
        rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


def postgresql_rows(conninfo: dict) -> dict[str, list[str]]:
    import psycopg

    with psycopg.connect(**conninfo) as pg, pg.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'UTC'")
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        rows = {}
        for (table,) in sorted(cursor.fetchall()):
            cursor.execute(f'SELECT t::text FROM "{table}" AS t')
            rows[table] = sorted(row[0] for row in cursor.fetchall())
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        )
        rows["(sequences)"] = sorted(repr(row) for row in cursor.fetchall())
    return rows


def pg_conninfo(name: str) -> dict:
    s = connection.settings_dict
    info = {"dbname": name, "host": s["HOST"], "port": s["PORT"], "user": s["USER"]}
    return {k: v for k, v in {**info, "password": s["PASSWORD"]}.items() if v}


def source_rows() -> dict[str, list[str]]:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            return sqlite_rows(cursor)
    return postgresql_rows(pg_conninfo(connection.settings_dict["NAME"]))


def checksums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@dataclass
class Instalasi:
    """A fresh installation of its own: a data folder and, on PostgreSQL, a database."""

    data_dir: Path
    database: str | None = None  # PostgreSQL database name

    @property
    def media(self) -> Path:
        return self.data_dir / "media"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("SAKIP_DATABASE_URL", "PGPASSWORD")}
        env["SAKIP_DATA_DIR"] = str(self.data_dir)
        if self.database:
            url = urlparse(os.environ["SAKIP_DATABASE_URL"])
            env["SAKIP_DATABASE_URL"] = url._replace(path=f"/{self.database}").geturl()
        return env

    def sakip(self, *args, env=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [SAKIP, *map(str, args)],
            env=env or self.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )

    def rows(self) -> dict[str, list[str]]:
        if self.database:
            return postgresql_rows(pg_conninfo(self.database))
        with closing(sqlite3.connect(self.data_dir / "sakip.sqlite3")) as db:
            return sqlite_rows(db.cursor())

    def execute(self, sql: str) -> None:
        if self.database:
            import psycopg

            with psycopg.connect(**pg_conninfo(self.database)) as pg:
                pg.execute(sql)
        else:
            with closing(sqlite3.connect(self.data_dir / "sakip.sqlite3")) as db, db:
                db.execute(sql)


@pytest.fixture
def instalasi_baru(tmp_path):
    """Makes fresh installations; their PostgreSQL databases are dropped at the end."""
    made: list[Instalasi] = []

    def make() -> Instalasi:
        data_dir = tmp_path / f"instalasi-{len(made)}"
        database = None
        if connection.vendor == "postgresql":
            base = urlparse(os.environ["SAKIP_DATABASE_URL"]).path.lstrip("/") or "sakip"
            database = f"{base}_cadangan_{secrets.token_hex(4)}"
            _admin(f'CREATE DATABASE "{database}"')
        made.append(Instalasi(data_dir, database))
        return made[-1]

    yield make
    for instalasi in made:
        if instalasi.database:
            _admin(f'DROP DATABASE IF EXISTS "{instalasi.database}" WITH (FORCE)')


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(**pg_conninfo("postgres"), autocommit=True) as pg:
        pg.execute(sql)


# --- the source ----------------------------------------------------------------------------------


@pytest.fixture
def demo(settings):
    """The Kecamatan Jati demo as `sakip demo` loads it, a follow-up file uploaded by the OPD,
    the pemda's own LKjIP template, and an import file waiting for "Terapkan"."""
    load_file(DEMO_FILE)
    opd = PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-jati")
    ensure_demo_accounts(opd)
    load_survei_demo(opd)
    load_evaluasi_demo(opd)
    User = get_user_model()
    rekomendasi = Rekomendasi.objects.filter(status=Rekomendasi.Status.TERBUKA).first()
    upload = SimpleUploadedFile("bukti tindak lanjut.pdf", PDF)
    ajukan_tindak_lanjut(User.objects.get(username="operator-jati"), rekomendasi, "SOP.", upload)
    template = TEMPLATE_PATH.read_bytes()
    simpan_templat(User.objects.get(username="admin-blora"), "lkjip", template, "blora.docx")
    waiting = Path(settings.MEDIA_ROOT) / WAITING
    waiting.parent.mkdir(parents=True)
    waiting.write_bytes(b"xlsx")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def kecil(settings):
    """A small installation: one pemda with its admin, and one stored file."""
    buat_pemda("kabupaten-contoh", "Kabupaten Contoh", "kabupaten")
    stored = Path(settings.MEDIA_ROOT) / "templat" / "1" / "pk.docx"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"templat")
    return Path(settings.MEDIA_ROOT)


def backup(tmp_path) -> Path:
    return cadangkan(tmp_path / "cadangan.tar.gz").berkas


@pytest.fixture(scope="module")
def kosong(django_db_setup, django_db_blocker, tmp_path_factory):
    """A backup of the test database as it is between tests, with one stored file."""
    folder = tmp_path_factory.mktemp("kosong")
    stored = folder / "media" / "templat" / "1" / "pk.docx"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"templat")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=folder / "media"):
        return cadangkan(folder / "cadangan.tar.gz").berkas


# --- the round trip ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_restored_installation_has_every_row_and_every_file_of_the_backup(
    demo, tmp_path, instalasi_baru
):
    archive = backup(tmp_path)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    expected_files = checksums(demo)
    del expected_files[WAITING]  # waiting imports are not backed up
    pemda = PerangkatDaerah.objects.get(slug="kecamatan-jati").pemda_id  # not 1 in a full run
    assert {f"templat/{pemda}/lkjip.docx"} < set(expected_files)
    assert any(name.startswith("bukti-dukung/") for name in expected_files)
    expected_rows = source_rows()
    assert sum(1 for rows in expected_rows.values() if rows) > 40

    target = instalasi_baru()
    result = target.sakip("pulihkan", archive)

    assert result.returncode == 0, result.stderr
    assert "basis data" in result.stdout and f"{len(expected_files)} berkas" in result.stdout
    assert "tidak ada migrasi" in result.stdout
    assert target.rows() == expected_rows
    assert checksums(target.media) == expected_files

    # the restored installation backs itself up where the guide says, readable by its owner only
    again = target.sakip("cadangkan")
    assert again.returncode == 0, again.stderr
    [written] = (target.data_dir / "cadangan").glob("sakip-cadangan-*.tar.gz")
    assert re.fullmatch(r"sakip-cadangan-[A-Za-z0-9.-]+-\d{8}-\d{6}\.tar\.gz", written.name)
    assert str(written) in again.stdout
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    manifest = read_manifest(written)
    media = {f["path"]: f["sha256"] for f in manifest["files"] if f["path"].startswith("media/")}
    assert media == {f"media/{name}": sha for name, sha in expected_files.items()}
    assert manifest["database"]["vendor"] == connection.vendor


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile(arsip.MANIFEST))


@pytest.mark.django_db(transaction=True)
def test_a_non_empty_installation_is_refused_without_paksa_and_replaced_with_it(
    kecil, tmp_path, instalasi_baru
):
    archive = backup(tmp_path)
    expected_rows = source_rows()
    target = instalasi_baru()
    assert target.sakip("pulihkan", archive).returncode == 0
    buat_pemda("kota-lain", "Kota Lain", "kota")  # the source moves on: a second backup
    newer = cadangkan(tmp_path / "baru.tar.gz").berkas
    leftover = target.media / "sisa.txt"
    leftover.write_text("milik instalasi tujuan")

    refused = target.sakip("pulihkan", newer)

    assert refused.returncode != 0
    assert "Instalasi ini tidak kosong" in refused.stderr and "--paksa" in refused.stderr
    assert "tabel berisi data: auth_user" in refused.stderr
    assert "2 berkas di" in refused.stderr
    assert target.rows() == expected_rows and leftover.exists()

    forced = target.sakip("pulihkan", newer, "--paksa")

    assert forced.returncode == 0, forced.stderr
    assert target.rows() == source_rows() != expected_rows
    assert checksums(target.media) == checksums(kecil)  # the leftover file is gone


def test_an_archive_older_than_the_code_is_migrated_after_the_restore(kosong, instalasi_baru):
    first = instalasi_baru()
    assert first.sakip("pulihkan", kosong).returncode == 0
    # as if backed up before this migration (nothing depends on it; its schema is idempotent)
    first.execute(
        "DELETE FROM django_migrations WHERE app = 'evaluasi' AND name = '0003_batas_teks'"
    )
    older = first.data_dir / "lama.tar.gz"
    assert first.sakip("cadangkan", "--keluaran", older).returncode == 0
    target = instalasi_baru()

    result = target.sakip("pulihkan", older)

    assert result.returncode == 0, result.stderr
    assert "1 migrasi dijalankan (evaluasi.0003_batas_teks)" in result.stdout
    restored = target.rows()
    assert any("0003_batas_teks" in row for row in restored["django_migrations"])
    assert without_migrations(restored) == without_migrations(first.rows())


def without_migrations(rows: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every table but the migration records, and the counters of their ids."""
    return {
        table: [row for row in values if "django_migrations" not in row]
        for table, values in rows.items()
        if table != "django_migrations"
    }


# --- refusals ------------------------------------------------------------------------------------


def test_an_archive_of_a_newer_sakip_is_refused_before_anything_changes(
    kosong, tmp_path, instalasi_baru
):
    newer = rewrite(
        kosong,
        tmp_path / "baru.tar.gz",
        manifest_edited(lambda m: m["migrations"]["organisasi"].append("9999_dari_versi_baru")),
    )
    target = instalasi_baru()

    result = target.sakip("pulihkan", newer)

    assert result.returncode != 0
    assert "dibuat oleh sakip yang lebih baru" in result.stderr
    assert "organisasi.9999_dari_versi_baru" in result.stderr
    assert_untouched(target)


def assert_untouched(target: Instalasi) -> None:
    if target.database:
        assert target.rows() == {"(sequences)": []}
    assert not (target.data_dir / "sakip.sqlite3").exists()
    assert not target.media.exists()


def test_a_backup_of_another_database_vendor_is_refused(kosong, instalasi_baru):
    target = instalasi_baru()
    env = target.env()
    if connection.vendor == "sqlite":  # no server listens there: the refusal comes first
        env["SAKIP_DATABASE_URL"] = "postgresql://sakip@127.0.0.1:9/tidak_ada"
        shown = "dari basis data SQLite, sedangkan instalasi ini memakai PostgreSQL"
    else:
        del env["SAKIP_DATABASE_URL"]
        shown = "dari basis data PostgreSQL, sedangkan instalasi ini memakai SQLite"

    result = target.sakip("pulihkan", kosong, env=env)

    assert result.returncode != 0
    assert shown in result.stderr and "antarjenis basis data tidak didukung" in result.stderr
    assert_untouched(target)


def members(archive: Path) -> list[tuple[tarfile.TarInfo, bytes]]:
    with tarfile.open(archive) as tar:
        return [(m, tar.extractfile(m).read()) for m in tar.getmembers()]


def rewrite(archive: Path, target: Path, change) -> Path:
    """The archive again, each member through `change(member, content)`, which may rename the
    member and returns its new content (None: left out)."""
    with tarfile.open(target, "w:gz") as tar:
        for member, content in members(archive):
            content = change(member, content)
            if content is not None:
                member.size = len(content)
                tar.addfile(member, io.BytesIO(content))
    return target


def test_a_changed_file_in_the_archive_is_refused_and_nothing_changes(
    kosong, tmp_path, instalasi_baru
):
    changed = rewrite(
        kosong,
        tmp_path / "diubah.tar.gz",
        lambda member, content: b"lain" if member.name == "media/templat/1/pk.docx" else content,
    )
    target = instalasi_baru()

    result = target.sakip("pulihkan", changed)

    assert result.returncode != 0
    assert "rusak: isi media/templat/1/pk.docx tidak cocok dengan checksum" in result.stderr
    assert "Tidak ada yang diubah" in result.stderr
    assert_untouched(target)


def test_a_corrupt_or_foreign_archive_is_refused_with_its_reason(kosong, tmp_path):
    archive = kosong
    database = arsip.DATABASE_FILES[connection.vendor]
    truncated = tmp_path / "terpotong.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    foreign = tmp_path / "lain.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        tar.add(TEMPLATE_PATH, arcname="lkjip.docx")
    plain = tmp_path / "bukan.tar.gz"
    plain.write_bytes(b"bukan arsip")

    listing_more = manifest_edited(
        lambda m: m["files"].append({"path": "media/hilang.pdf", "size": 1, "sha256": "0" * 64})
    )
    cases = {
        truncated: "rusak: arsip terpotong atau tidak dapat dibaca",
        foreign: "bukan berkas cadangan sakip",
        plain: "bukan berkas cadangan sakip",
        rewrite(archive, tmp_path / "tanpa-manifest.tar.gz", keep_all_but(arsip.MANIFEST)): (
            "rusak: manifest.json tidak ada"
        ),
        rewrite(archive, tmp_path / "tanpa-db.tar.gz", keep_all_but(database)): (
            f"rusak: {database} tidak ada di arsip"
        ),
        rewrite(archive, tmp_path / "lebih.tar.gz", listing_more): (
            "rusak: media/hilang.pdf tidak ada di arsip"
        ),
        rewrite(
            archive,
            tmp_path / "jalur.tar.gz",
            renamed("media/templat/1/pk.docx", "media/../../etc/passwd"),
        ): ("rusak: isi media/../../etc/passwd tidak dikenal"),
        tmp_path / "tidak-ada.tar.gz": "tidak ditemukan",
    }
    for path, reason in cases.items():
        staging = tmp_path / f"staging-{path.name}"
        staging.mkdir()
        with pytest.raises(CadanganError) as refused:
            arsip.baca(path, staging)
        assert reason in str(refused.value), path.name
        assert not (tmp_path / "etc").exists()
    good = tmp_path / "staging-baik"
    good.mkdir()
    assert arsip.baca(archive, good).media_count == 1


def manifest_edited(edit):
    """A `change` for `rewrite` that passes the manifest through `edit` (the checksums stay)."""

    def change(member, content):
        if member.name != arsip.MANIFEST:
            return content
        manifest = json.loads(content)
        edit(manifest)
        return json.dumps(manifest).encode()

    return change


def keep_all_but(left_out: str):
    return lambda member, content: None if member.name == left_out else content


def renamed(old: str, new: str):
    def change(member, content):
        if member.name == old:
            member.name = new
        return content

    return change
