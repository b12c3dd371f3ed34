"""A reopened TW IV receives again the Nilai SAKIP of the year's published evaluation."""

from django.dispatch import receiver

from sakip.evaluasi.actions import tuliskan_nilai_sakip
from sakip.evaluasi.models import Evaluasi
from sakip.pengukuran.linked import quarter_reopened, triwulan_for_period


@receiver(quarter_reopened, dispatch_uid="evaluasi-quarter-reopened")
def write_nilai_sakip_again(sender, opd, tahun, triwulan, **kwargs):
    if triwulan != triwulan_for_period("tahun"):
        return
    published = Evaluasi.objects.filter(
        pemda=opd.pemda, opd=opd, tahun=tahun, status=Evaluasi.Status.DIPUBLIKASIKAN
    )
    for evaluasi in published.select_related("opd__pemda", "instrumen"):
        tuliskan_nilai_sakip(evaluasi)
