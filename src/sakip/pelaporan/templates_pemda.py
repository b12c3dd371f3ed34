"""A pemda's own document templates: checked on upload, used by every renderer of the pemda."""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.organisasi.access import akun_of, require_role
from sakip.organisasi.models import Akun
from sakip.pelaporan.models import TemplatDokumen

MAX_BYTES = 5 * 1024 * 1024
# the placeholders a template must keep for the document to be complete
REQUIRED = {
    "lkjip": {"kata_pengantar", "bab1", "bab2", "bab3", "bab4", "lampiran"},
    "pk": {"pernyataan", "lampiran"},
}


def template_for(pemda, jenis: str) -> Path | None:
    """The pemda's template for `jenis`, or None for the built-in one."""
    row = TemplatDokumen.objects.filter(pemda=pemda, jenis=jenis).first()
    return Path(settings.MEDIA_ROOT) / row.berkas if row else None


def check_template(content: bytes, jenis: str) -> None:
    from io import BytesIO

    from docxtpl import DocxTemplate

    if len(content) > MAX_BYTES:
        raise ValidationError(_("Berkas lebih dari 5 MB."))
    try:
        with zipfile.ZipFile(BytesIO(content)) as docx:
            if "word/document.xml" not in docx.namelist():
                raise zipfile.BadZipFile
        names = DocxTemplate(BytesIO(content)).get_undeclared_template_variables()
    except Exception as error:  # any unreadable file is the same mistake for the user
        raise ValidationError(
            _("Berkas ini bukan dokumen Word (.docx) yang dapat dibaca: %(e)s") % {"e": error}
        ) from error
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
    relative = Path("templat") / str(akun.pemda_id) / f"{jenis}.docx"
    (Path(settings.MEDIA_ROOT) / relative).write_bytes(content)
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
    TemplatDokumen.objects.filter(pemda=akun.pemda, jenis=jenis).delete()
