"""Bukti dukung: links to records of sakip, chosen from a list, and uploaded files.

A link is a key of `pilihan_rujukan` (the OPD's Renstra covering the year, its PK revisions of
the year, the quarterly realisations, the performance page, the LKjIP of the year): never a
free address or query. An upload is checked by size, by extension and by its content (the
first bytes, and for Word/Excel the parts inside the ZIP), stored under a name sakip chooses in
MEDIA_ROOT/bukti-dukung/<pemda id>/<evaluasi id>/ (sakip.files), served only through the
authorized download view, and deleted from disk when its row is (signals.py)."""

from __future__ import annotations

import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip import files
from sakip.perencanaan.models import PerjanjianKinerja, Renstra

FOLDER = "bukti-dukung"  # under MEDIA_ROOT; BuktiDukung.berkas is relative to it
MAX_BYTES = 10 * 1024 * 1024
TYPES = {  # extension → (content type, check of the content)
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
ZIP_PART = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}
MAGIC = {
    ".pdf": b"%PDF-",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".xlsx": b"PK\x03\x04",
    ".docx": b"PK\x03\x04",
}


def pilihan_rujukan(evaluasi) -> list[tuple[str, str]]:
    """(key, label) of the sakip records of the OPD-year an answer can point to."""
    opd, tahun = evaluasi.opd, evaluasi.tahun
    choices = []
    for renstra in Renstra.objects.filter(
        pemda=opd.pemda, opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
    ).order_by("tahun_awal", "versi"):
        choices.append(
            (
                f"renstra:{renstra.pk}",
                _("Renstra %(awal)s–%(akhir)s (%(versi)s)")
                % {
                    "awal": renstra.tahun_awal,
                    "akhir": renstra.tahun_akhir,
                    "versi": renstra.get_versi_display().lower(),
                },
            )
        )
    for pk in PerjanjianKinerja.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).order_by(
        "revisi"
    ):
        choices.append(
            (
                f"pk:{pk.revisi}",
                _("Perjanjian Kinerja %(tahun)s revisi %(revisi)s")
                % {"tahun": tahun, "revisi": pk.revisi},
            )
        )
    choices.append(("pengukuran", _("Capaian kinerja tahun %(tahun)s") % {"tahun": tahun}))
    for triwulan in range(1, 5):
        choices.append(
            (
                f"realisasi:{triwulan}",
                _("Realisasi triwulan %(triwulan)s tahun %(tahun)s")
                % {"triwulan": triwulan, "tahun": tahun},
            )
        )
    choices.append(("lkjip", _("LKjIP tahun %(tahun)s") % {"tahun": tahun}))
    return choices


def url_rujukan(evaluasi, kunci: str) -> str:
    """The page of a linked record; '' for a key no longer offered."""
    slug, tahun = evaluasi.opd.slug, evaluasi.tahun
    kind, _sep, rest = kunci.partition(":")
    if kind == "renstra":
        return reverse("renstra", args=[slug])
    if kind == "pk":
        return reverse("perjanjian_kinerja", args=[slug, tahun])
    if kind == "pengukuran":
        return reverse("pengukuran", args=[slug, tahun])
    if kind == "realisasi" and rest in ("1", "2", "3", "4"):
        return reverse("triwulan", args=[slug, tahun, int(rest)])
    if kind == "lkjip":
        return reverse("laporan", args=[slug, tahun])
    return ""


@dataclass(frozen=True)
class Checked:
    nama: str
    ukuran: int
    tipe: str
    ext: str


def _head(upload, size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _zip_has(upload, part: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return part in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)


def check_upload(upload) -> Checked:
    """Refuse what is too big, of a type not allowed, or not what its name says."""
    nama = files.display_name(upload.name, 200)
    ext = Path(nama).suffix.lower()
    allowed = "PDF, JPG, PNG, XLSX, DOCX"
    if ext not in TYPES:
        raise ValidationError(
            {
                "berkas": _("Jenis berkas %(ext)s tidak diterima; gunakan %(jenis)s.")
                % {"ext": ext or _("tanpa ekstensi"), "jenis": allowed}
            }
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {
                "berkas": _("Berkas %(nama)s berukuran %(ukuran)s MB, melebihi batas %(batas)s MB.")
                % {
                    "nama": nama,
                    "ukuran": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                    "batas": MAX_BYTES // (1024 * 1024),
                }
            }
        )
    if upload.size == 0:
        raise ValidationError({"berkas": _("Berkas %(nama)s kosong.") % {"nama": nama}})
    matches = _head(upload, 16).startswith(MAGIC[ext])
    if matches and ext in ZIP_PART:
        matches = _zip_has(upload, ZIP_PART[ext])
    if not matches:
        raise ValidationError(
            {
                "berkas": _(
                    "Isi berkas %(nama)s bukan %(jenis)s seperti namanya. Simpan ulang berkasnya "
                    "dalam format yang benar, lalu unggah lagi."
                )
                % {"nama": nama, "jenis": ext.lstrip(".").upper()}
            }
        )
    return Checked(nama, upload.size, TYPES[ext], ext)


def root() -> Path:
    return files.media_root() / FOLDER


@contextmanager
def removed_unless_committed():
    """Collects the relative paths `store` wrote; when the block fails (a refusal or a rollback
    after the file was written) they are deleted, so no file without its row stays on disk."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for relative in written:
            files.remove(relative, under=FOLDER)
        raise


def store(evaluasi, upload, checked: Checked) -> str:
    """Write the file; the stored name is a random token and the checked type's extension,
    never the user's."""
    relative = files.new_name(f"{evaluasi.pemda_id}/{evaluasi.pk}", checked.ext)
    files.write(relative, upload.chunks(), under=FOLDER)
    return relative


def path_of(bukti) -> Path | None:
    """The stored file of an upload, only when it lies inside the evidence folder."""
    return files.resolve(bukti.berkas, under=FOLDER)


def content_type(path: Path) -> str:
    """Served as the type of its stored extension (which sakip chose from the checked content),
    never the type the browser sent."""
    return TYPES.get(path.suffix.lower(), files.OCTET_STREAM)


def download_name(bukti, path: Path) -> str:
    """The user's name of the file, cleaned, ending in the stored (checked) extension."""
    nama = files.display_name(bukti.nama_berkas or f"bukti-dukung-{bukti.pk}")
    return nama if nama.lower().endswith(path.suffix.lower()) else nama + path.suffix
