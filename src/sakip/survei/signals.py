"""A reopened quarter receives again the IKM of the survey periods that write to it."""

from django.dispatch import receiver

from sakip.pengukuran.linked import quarter_reopened, triwulan_for_period
from sakip.survei.models import PeriodeSurvei
from sakip.survei.tautan import perbarui_realisasi


@receiver(quarter_reopened, dispatch_uid="survei-quarter-reopened")
def write_ikm_again(sender, opd, tahun, triwulan, **kwargs):
    periods = PeriodeSurvei.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun)
    for periode in periods.select_related("opd__pemda"):
        if triwulan_for_period(periode.jenis) == triwulan:
            perbarui_realisasi(periode)
