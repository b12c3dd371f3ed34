"""The backup archive, one `.tar.gz`:

    FORMAT                  first member, the line "sakip-cadangan 1": a foreign archive is
                            refused before anything else is read
    basis-data.sqlite3      the database (SQLite online backup), or
    basis-data.pgdump       (PostgreSQL, `pg_dump -Fc`)
    media/<path>            every stored file of MEDIA_ROOT (uploads, pemda templates, documents)
    manifest.json           last, because each file's sha256 is taken while it is written: sakip
                            and Django versions, database vendor, applied migrations per app,
                            created at, host, and every member with its size and sha256

Reading (`baca`) writes the members into a staging folder and checks them against the manifest;
only an archive whose every member is listed, present and unchanged is handed on."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from sakip.cadangan import CadanganError

FORMAT_MEMBER = "FORMAT"
FORMAT_LINE = b"sakip-cadangan 1\n"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "basis-data.sqlite3", "postgresql": "basis-data.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MANIFEST_LIMIT = 64 * 1024 * 1024
CHUNK = 1024 * 1024


class _HashingReader:
    """A file read through once by tarfile, hashed on the way."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


class Penulis:
    """Writes the archive's members in order; `tutup` adds the manifest with every checksum."""

    def __init__(self, tar: tarfile.TarFile):
        self.tar = tar
        self.files: list[dict] = []
        self._add_bytes(FORMAT_MEMBER, FORMAT_LINE)

    def _add_bytes(self, name: str, content: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = len(content), 0o600, int(time.time())
        self.tar.addfile(info, io.BytesIO(content))

    def tambah(self, name: str, path: Path) -> None:
        with path.open("rb") as raw:
            # the size of this open file: a file replaced meanwhile (os.replace) stays whole
            stat = os.fstat(raw.fileno())
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = stat.st_size, 0o600, int(stat.st_mtime)
            reader = _HashingReader(raw)
            self.tar.addfile(info, reader)
        self.files.append({"path": name, "size": info.size, "sha256": reader.sha256.hexdigest()})

    def tutup(self, manifest: dict) -> None:
        content = {**manifest, "files": self.files}
        self._add_bytes(MANIFEST, json.dumps(content, indent=1, ensure_ascii=False).encode())


@dataclass(frozen=True)
class Arsip:
    """A checked archive, its members written under `folder`."""

    manifest: dict
    folder: Path

    @property
    def vendor(self) -> str:
        return self.manifest["database"]["vendor"]

    @property
    def database_file(self) -> Path:
        return self.folder / DATABASE_FILES[self.vendor]

    @property
    def media_folder(self) -> Path:
        return self.folder / MEDIA

    @property
    def media_count(self) -> int:
        return sum(1 for f in self.manifest["files"] if f["path"].startswith(MEDIA + "/"))

    @property
    def migrations(self) -> set[tuple[str, str]]:
        return {(app, name) for app, names in self.manifest["migrations"].items() for name in names}


def _rusak(berkas: Path, alasan: str) -> CadanganError:
    return CadanganError(
        _(
            "Berkas cadangan %(berkas)s rusak: %(alasan)s. Tidak ada yang diubah; pakai salinan "
            "cadangan yang lain."
        )
        % {"berkas": berkas, "alasan": alasan}
    )


def _bukan_cadangan(berkas: Path) -> CadanganError:
    return CadanganError(
        _("%(berkas)s bukan berkas cadangan sakip (yang dibuat dengan `sakip cadangkan`).")
        % {"berkas": berkas}
    )


def _member_path(name: str) -> PurePosixPath | None:
    """The member's relative path when it is one the format allows, else None."""
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        return None
    if name in (MANIFEST, *DATABASE_FILES.values()):
        return path
    if path.parts[0] == MEDIA and len(path.parts) > 1:
        return path
    return None


def baca(berkas: Path, folder: Path) -> Arsip:
    """Writes the archive's members under `folder` (empty, sakip's own) and checks them against
    the manifest; CadanganError for a missing, foreign, corrupt or newer-format archive."""
    if not berkas.is_file():
        raise CadanganError(_("Berkas %(berkas)s tidak ditemukan.") % {"berkas": berkas})
    try:
        tar = tarfile.open(berkas, mode="r|gz")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise _bukan_cadangan(berkas) from error
    with tar:
        try:
            first = tar.next()
            marker = b""
            if first is not None and first.isfile():
                marker = tar.extractfile(first).read(len(FORMAT_LINE) + 1)
        except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
            raise _bukan_cadangan(berkas) from error
        if marker != FORMAT_LINE or first.name != FORMAT_MEMBER:
            raise _bukan_cadangan(berkas)
        try:
            manifest_bytes, found = _read_members(berkas, tar, folder)
        except (tarfile.TarError, EOFError, zlib.error) as error:
            raise _rusak(
                berkas, _("arsip terpotong atau tidak dapat dibaca (%(e)s)") % {"e": error}
            ) from error
    manifest, listed = _manifest(berkas, manifest_bytes)
    _check_files(berkas, listed, found)
    return Arsip(manifest, folder)


def _read_members(berkas: Path, tar: tarfile.TarFile, folder: Path):
    """The manifest's bytes, and each other member's size and sha256 as written under `folder`."""
    found: dict[str, tuple[int, str]] = {}
    manifest_bytes = None
    while (member := tar.next()) is not None:  # iterating would start again at FORMAT
        path = _member_path(member.name)
        if path is None or not member.isfile():
            raise _rusak(berkas, _("isi %(nama)s tidak dikenal") % {"nama": member.name})
        if member.name in found or (member.name == MANIFEST and manifest_bytes is not None):
            raise _rusak(berkas, _("%(nama)s ada dua kali") % {"nama": member.name})
        source = tar.extractfile(member)
        if member.name == MANIFEST:
            manifest_bytes = source.read(MANIFEST_LIMIT)
        else:
            found[member.name] = (member.size, _write_member(source, folder / path))
    return manifest_bytes, found


def _write_member(source, target: Path) -> str:
    sha256 = hashlib.sha256()
    with _staging_write(target) as out:
        while chunk := source.read(CHUNK):
            sha256.update(chunk)
            out.write(chunk)
    return sha256.hexdigest()


@contextmanager
def _staging_write(target: Path):
    """A new file in the staging folder; a full disk there is said so, not blamed on the archive."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as out:
            yield out
    except OSError as error:  # reading the archive fails otherwise (TarError, EOFError, zlib)
        raise CadanganError(
            _("Tidak dapat menulis %(tujuan)s: %(e)s") % {"tujuan": target, "e": error}
        ) from error


def _manifest(berkas: Path, content: bytes | None) -> tuple[dict, dict[str, tuple[int, str]]]:
    """The manifest and its files' sizes and checksums, once its shape is checked."""
    if content is None:
        raise _rusak(berkas, _("manifest.json tidak ada"))
    try:
        manifest = json.loads(content)
        version = manifest["format_version"]
        vendor = manifest["database"]["vendor"]
        files = {f["path"]: (int(f["size"]), str(f["sha256"])) for f in manifest["files"]}
        migrations = {app: [str(n) for n in names] for app, names in manifest["migrations"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise _rusak(berkas, _("manifest.json tidak dapat dibaca")) from error
    if version != FORMAT_VERSION:
        raise CadanganError(
            _(
                "Cadangan %(berkas)s memakai format %(versi)s; sakip ini hanya membaca format "
                "%(dikenal)s. Pulihkan dengan versi sakip yang membuatnya."
            )
            % {"berkas": berkas, "versi": version, "dikenal": FORMAT_VERSION}
        )
    if vendor not in DATABASE_FILES or DATABASE_FILES[vendor] not in files:
        raise _rusak(berkas, _("basis data tidak ada di manifest"))
    return {**manifest, "migrations": migrations}, files


def _check_files(berkas: Path, listed: dict, found: dict[str, tuple[int, str]]) -> None:
    if unlisted := sorted(set(found) - set(listed)):
        raise _rusak(berkas, _("%(nama)s tidak tercantum di manifest") % {"nama": unlisted[0]})
    if missing := sorted(set(listed) - set(found)):
        raise _rusak(berkas, _("%(nama)s tidak ada di arsip") % {"nama": missing[0]})
    if changed := sorted(name for name in listed if found[name] != listed[name]):
        raise _rusak(
            berkas,
            _("isi %(nama)s tidak cocok dengan checksum di manifest") % {"nama": changed[0]},
        )
