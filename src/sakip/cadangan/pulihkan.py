"""`sakip pulihkan`: an archive of `sakip cadangkan` back into an installation.

Nothing is changed before the whole archive is read and checked (every member against the
manifest's sha256), its database vendor is this installation's, its migrations are known to this
code, and the installation is empty (no row in sakip's tables or the accounts, no file under
MEDIA_ROOT) or `paksa` is given. Then the database is restored, MEDIA_ROOT's content replaced
by the archive's, and `migrate` run when the archive is older than the code."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connections
from django.utils.translation import gettext as _

from sakip import files
from sakip.cadangan import CadanganError, arsip, basis_data


@dataclass(frozen=True)
class HasilPemulihan:
    manifest: dict
    jumlah_berkas: int
    migrasi: list[str]  # the migrations run after the restore


def pulihkan(berkas: Path, paksa: bool = False) -> HasilPemulihan:
    connection = connections["default"]
    media = files.media_root()
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".pulihkan-", dir=media.parent) as staging:
        checked = arsip.baca(Path(berkas), Path(staging) / "arsip")
        _check_vendor(checked, connection.vendor)
        _check_known_migrations(checked)
        if not paksa:
            _check_empty(connection, media)
        basis_data.restore(connection, checked.database_file)
        _replace_media(checked.media_folder, media, Path(staging) / "media-lama")
    pending = basis_data.pending_migrations(connection)
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
    return HasilPemulihan(checked.manifest, checked.media_count, pending)


def _check_vendor(checked: arsip.Arsip, vendor: str) -> None:
    if checked.vendor != vendor:
        names = arsip.VENDOR_NAMES
        raise CadanganError(
            _(
                "Cadangan ini dari basis data %(asal)s, sedangkan instalasi ini memakai "
                "%(tujuan)s. Pemulihan antarjenis basis data tidak didukung: pulihkan ke "
                "instalasi yang memakai %(asal)s."
            )
            % {"asal": names[checked.vendor], "tujuan": names.get(vendor, vendor)}
        )


def _check_known_migrations(checked: arsip.Arsip) -> None:
    unknown = basis_data.unknown_migrations(checked.migrations)
    if unknown:
        raise CadanganError(
            _(
                "Cadangan ini dibuat oleh sakip yang lebih baru (%(versi)s): migrasi %(daftar)s "
                "tidak dikenal versi ini. Pasang versi sakip yang sama atau lebih baru, lalu "
                "pulihkan lagi."
            )
            % {"versi": checked.manifest.get("sakip_version", "?"), "daftar": ", ".join(unknown)}
        )


def _check_empty(connection, media: Path) -> None:
    filled = basis_data.tables_with_rows(connection)
    stored = sum(1 for path in media.rglob("*") if not path.is_dir()) if media.is_dir() else 0
    found = []
    if filled:
        shown = ", ".join(filled[:5]) + (", …" if len(filled) > 5 else "")
        found.append(_("%(n)s tabel berisi data: %(tabel)s") % {"n": len(filled), "tabel": shown})
    if stored:
        found.append(_("%(n)s berkas di %(folder)s") % {"n": stored, "folder": media})
    if found:
        raise CadanganError(
            _(
                "Instalasi ini tidak kosong (%(isi)s). Pemulihan menimpa semuanya; jika memang "
                "itu yang dimaksud, ulangi dengan --paksa."
            )
            % {"isi": "; ".join(found)}
        )


def _replace_media(restored: Path, media: Path, old: Path) -> None:
    """MEDIA_ROOT's content becomes the archive's; the folder itself stays (it may be a mount)."""
    media.mkdir(parents=True, exist_ok=True)
    old.mkdir()
    for entry in list(media.iterdir()):
        shutil.move(entry, old / entry.name)
    if restored.is_dir():
        for entry in list(restored.iterdir()):
            shutil.move(entry, media / entry.name)
