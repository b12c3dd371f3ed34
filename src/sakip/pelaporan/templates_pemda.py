"""A pemda's own document templates: checked on upload, used by every renderer of the pemda."""

from __future__ import annotations

import logging
import os
import zipfile
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate

from sakip import files
from sakip.dokumen import templat
from sakip.organisasi.access import akun_of, require_role
from sakip.organisasi.models import Akun
from sakip.pelaporan.models import TemplatDokumen

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
# the placeholders a template must keep for the document to be complete
REQUIRED = {
    "lkjip": {"kata_pengantar", "bab1", "bab2", "bab3", "bab4", "lampiran"},
    "pk": {"pernyataan", "lampiran"},
}


def template_for(pemda, jenis: str) -> Path | None:
    """The pemda's template for `jenis`, or None for the built-in one. A stored template is
    checked again before use (once per file content): one that the rules refuse, stored before
    they existed or put on disk by other means, is not used; the built-in one is, and the
    templates page shows the admin why."""
    path = stored_path(pemda, jenis)
    if path is None:
        return None
    if temuan_tersimpan(path, jenis):
        logger.warning("template %s of pemda %s refused at use; built-in used", jenis, pemda.pk)
        return None
    return path


def stored_path(pemda, jenis: str) -> Path | None:
    """Where the pemda's template for `jenis` is kept (it may be missing on disk), or None
    when it has none or its stored path leads outside the templates folder."""
    row = TemplatDokumen.objects.filter(pemda=pemda, jenis=jenis).first()
    return stored_path_of(row)


def stored_path_of(row: TemplatDokumen | None) -> Path | None:
    return files.resolve(row.berkas, must_exist=False) if row else None


def temuan_tersimpan(path: Path, jenis: str) -> tuple[templat.Temuan, ...]:
    """What the template rules refuse in the stored file (empty: it may be used)."""
    try:
        content = path.read_bytes()
    except OSError as error:
        return (templat.Temuan(_("berkas"), None, path.name, str(error)),)
    return templat.periksa_tersimpan(content, jenis)


def check_template(content: bytes, jenis: str) -> None:
    """Refuses (ValidationError, one message per problem) a file that is no readable Word
    document, uses a tag its document's variable list does not allow, or lost a placeholder
    the document needs."""
    if len(content) > MAX_BYTES:
        raise ValidationError(_("Berkas lebih dari 5 MB."))
    try:
        with zipfile.ZipFile(BytesIO(content)) as docx:
            if "word/document.xml" not in docx.namelist():
                raise zipfile.BadZipFile("word/document.xml")
        temuan = templat.periksa(content, jenis)
    except (zipfile.BadZipFile, templat.TemplatTidakTerbaca) as error:
        raise ValidationError(
            _("Berkas ini bukan dokumen Word (.docx) yang dapat dibaca: %(e)s") % {"e": error}
        ) from error
    if temuan:
        raise ValidationError(
            [_("Templat ditolak: penanda yang tidak diizinkan.")] + [str(t) for t in temuan]
        )
    names = DocxTemplate(BytesIO(content)).get_undeclared_template_variables()
    missing = sorted(REQUIRED[jenis] - set(names))
    if missing:
        raise ValidationError(
            _(
                "Templat ini kehilangan penanda %(names)s. Mulai dari templat bawaan dan jangan "
                "hapus penanda {{p …}} itu."
            )
            % {"names": ", ".join("{{p " + name + " }}" for name in missing)}
        )


def simpan_templat(user, jenis: str, content: bytes, nama_asli: str) -> TemplatDokumen:
    akun = akun_of(user)
    require_role(
        akun, Akun.Peran.ADMIN_PEMDA, refusal=_("Hanya %(allowed)s yang dapat mengganti templat.")
    )
    check_template(content, jenis)
    folder = Path(settings.MEDIA_ROOT) / "templat" / str(akun.pemda_id)
    folder.mkdir(parents=True, exist_ok=True)
    relative = Path("templat") / str(akun.pemda_id) / f"{jenis}.docx"  # a name sakip chooses
    partial = folder / f".{jenis}.docx.baru"
    partial.write_bytes(content)
    os.replace(partial, Path(settings.MEDIA_ROOT) / relative)  # a reader never sees half a file
    with transaction.atomic():
        row, _created = TemplatDokumen.objects.update_or_create(
            pemda=akun.pemda,
            jenis=jenis,
            defaults={"berkas": str(relative), "nama_asli": nama_asli[:200], "diunggah_oleh": user},
        )
    return row


def hapus_templat(user, jenis: str) -> None:
    akun = akun_of(user)
    require_role(
        akun, Akun.Peran.ADMIN_PEMDA, refusal=_("Hanya %(allowed)s yang dapat mengganti templat.")
    )
    with transaction.atomic():
        for row in TemplatDokumen.objects.filter(pemda=akun.pemda, jenis=jenis):
            row.delete()
            files.remove_on_commit(row.berkas)
