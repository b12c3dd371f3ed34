"""`sakip cadangkan`: one archive of the installation (see `arsip` for its layout).

The database is dumped first, then the files are read: a file uploaded meanwhile is in the
archive without its row (harmless), and the window for a file removed meanwhile is the few
seconds between the two. The import files waiting between a preview and "Terapkan" are left out:
they last a day, belong to a browser session, and are of no use after a restore. The archive is
written next to its final name and renamed once complete, readable by its owner only (it holds
personal data: names, NIP, accounts)."""

from __future__ import annotations

import os
import re
import socket
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import django
from django.conf import settings
from django.db import connections
from django.utils import timezone

from sakip import files
from sakip.cadangan import arsip, basis_data
from sakip.pengukuran.impor_realisasi import TEMPAT as TEMPAT_REALISASI
from sakip.perencanaan.impor_target_pk import TEMPAT as TEMPAT_TARGET_PK
from sakip.survei.impor import TEMPAT as TEMPAT_SKM

WAITING_IMPORTS = {t.folder for t in (TEMPAT_REALISASI, TEMPAT_TARGET_PK, TEMPAT_SKM)}


@dataclass(frozen=True)
class HasilCadangan:
    berkas: Path
    ukuran: int
    vendor: str
    jumlah_berkas: int


def folder_bawaan() -> Path:
    return Path(settings.DATA_DIR) / "cadangan"


def nama_bawaan() -> str:
    host = re.sub(r"[^A-Za-z0-9.-]+", "-", socket.gethostname()).strip("-.") or "host"
    return f"sakip-cadangan-{host}-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def media_files() -> list[tuple[str, Path]]:
    """Every regular file under MEDIA_ROOT as (POSIX path relative to it, path), sorted;
    symbolic links are not followed (sakip writes none)."""
    root = files.media_root()
    found = []
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        if here == root:
            dirs[:] = [d for d in dirs if d not in WAITING_IMPORTS]
        for name in names:
            path = here / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def sakip_version() -> str:
    try:
        return metadata.version("sakip")
    except metadata.PackageNotFoundError:
        return "tidak diketahui"


def cadangkan(keluaran: Path | None = None) -> HasilCadangan:
    """Writes the archive to `keluaran` (a file, or a folder for the default name; default:
    DATA_DIR/cadangan/sakip-cadangan-<host>-<YYYYmmdd-HHMMSS>.tar.gz)."""
    connection = connections["default"]
    target = Path(keluaran) if keluaran else folder_bawaan()
    if target.is_dir() or not keluaran:
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = target / nama_bawaan()
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".sebagian", dir=target.parent)
    try:  # mkstemp made it 0600
        with (
            os.fdopen(fd, "wb") as raw,
            tempfile.TemporaryDirectory(prefix=".cadangan-", dir=target.parent) as work,
        ):
            database = Path(work) / arsip.DATABASE_FILES[connection.vendor]
            migrations = basis_data.applied_migrations(connection)
            basis_data.dump(connection, database)
            media = media_files()
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                writer = arsip.Penulis(tar)
                writer.tambah(database.name, database)
                for relative, path in media:
                    writer.tambah(f"{arsip.MEDIA}/{relative}", path)
                writer.tutup(_manifest(connection, migrations))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return HasilCadangan(target, target.stat().st_size, connection.vendor, len(media))


def _manifest(connection, migrations: dict[str, list[str]]) -> dict:
    return {
        "format": "sakip-cadangan",
        "format_version": arsip.FORMAT_VERSION,
        "sakip_version": sakip_version(),
        "django_version": django.get_version(),
        "created_at": timezone.now().isoformat(),
        "host": socket.gethostname(),
        "database": {"vendor": connection.vendor, "file": arsip.DATABASE_FILES[connection.vendor]},
        "migrations": migrations,
    }
