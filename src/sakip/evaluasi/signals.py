"""A reopened TW IV receives again the Nilai SAKIP of the year's published evaluation; an
uploaded evidence file leaves the disk with its row (deleted by the OPD, or by a cascade from
its answer, follow-up, evaluation or pemda) or when the row's file is replaced, once the
transaction commits: a rolled-back deletion keeps the file."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from sakip import files
from sakip.evaluasi import evidence
from sakip.evaluasi.actions import tuliskan_nilai_sakip
from sakip.evaluasi.models import BuktiDukung, Evaluasi
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


@receiver(post_delete, sender=BuktiDukung, dispatch_uid="evaluasi-bukti-dihapus")
def remove_file_of_deleted_evidence(sender, instance, **kwargs):
    files.remove_on_commit(instance.berkas, under=evidence.FOLDER)


@receiver(pre_save, sender=BuktiDukung, dispatch_uid="evaluasi-bukti-diganti-sebelum")
def remember_stored_file(sender, instance, raw=False, **kwargs):
    instance._berkas_tersimpan = (
        BuktiDukung.objects.filter(pk=instance.pk).values_list("berkas", flat=True).first()
        if instance.pk and not raw
        else None
    )


@receiver(post_save, sender=BuktiDukung, dispatch_uid="evaluasi-bukti-diganti")
def remove_replaced_file(sender, instance, **kwargs):
    before = getattr(instance, "_berkas_tersimpan", None)
    if before and before != instance.berkas:
        files.remove_on_commit(before, under=evidence.FOLDER)
