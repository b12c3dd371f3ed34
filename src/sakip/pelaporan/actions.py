"""Writes of the LKjIP's written parts: the OPD's planners, with history and edit conflicts."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.organisasi.access import Refusals
from sakip.organisasi.concurrency import save_if_unchanged
from sakip.pelaporan.models import LaporanTahunan
from sakip.perencanaan.actions import require_opd_staff

TULIS_LAPORAN = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat menulis bagian LKjIP."),
    own_opd=gettext_lazy("Anda hanya dapat menulis LKjIP OPD Anda sendiri."),
)
PARTS = (
    "kata_pengantar",
    "latar_belakang",
    "penyebab",
    "permasalahan",
    "langkah_antisipatif",
    "rekomendasi",
)


def simpan_laporan(user, opd, tahun: int, data: dict, versi: int | None) -> LaporanTahunan:
    require_opd_staff(user, opd, TULIS_LAPORAN)  # the OPD's report, not its plan
    with transaction.atomic():
        row = LaporanTahunan.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).first()
        if row is None:
            row = LaporanTahunan(pemda=opd.pemda, opd=opd, tahun=tahun)
        for name in ("tempat", "tanggal", *PARTS):
            setattr(row, name, data[name])
        save_if_unchanged(row, versi, _("ditulis di aplikasi"))
        return row
