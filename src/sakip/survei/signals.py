"""A reopened quarter receives again the IKM that the year's survey periods give it."""

from django.dispatch import receiver

from sakip.pengukuran.linked import quarter_reopened
from sakip.survei.tautan import perbarui_tahun


@receiver(quarter_reopened, dispatch_uid="survei-quarter-reopened")
def write_ikm_again(sender, opd, tahun, triwulan, **kwargs):
    if triwulan in (2, 4):
        perbarui_tahun(opd.pemda_id, opd.pk, tahun)
