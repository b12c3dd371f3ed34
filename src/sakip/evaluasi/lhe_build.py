"""The LHE of one evaluation from the records, in a fixed number of queries.

The scores are the worksheet's: the evaluator's grades (`scoring.rows_of`) scored by
`scoring.score`, the LKE engine with the evaluation's own instrument version and grade values.
The Inspektur (signature, Penanggung Jawab) is the head of the pemda's Inspektorat as
recorded on that OPD; the team is the evaluation's ketua tim and evaluator; the fieldwork runs
from the submission to the review, the report is dated on publication.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.evaluasi import scoring
from sakip.evaluasi.lhe import (
    AnggotaTim,
    KriteriaLhe,
    Lhe,
    Pembanding,
    Rekomendasi,
    catatan_belum_dinilai,
    komponen_dari_hasil,
    pembanding,
    ringkasan,
)
from sakip.evaluasi.models import Evaluasi
from sakip.evaluasi.models import Rekomendasi as RekomendasiRow
from sakip.organisasi.models import Akun, PerangkatDaerah
from sakip.organisasi.orang import nama_orang
from sakip.pelaporan.model import Pejabat

PERPRES_SAKIP = (
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah"
)


def _akun_of(pemda, *users) -> dict:
    """The accounts of the team (their NIP and pangkat), by user id, in one query."""
    ids = [user.pk for user in users if user is not None]
    return {a.user_id: a for a in Akun.objects.filter(pemda=pemda, user_id__in=ids)}


def _tanggal(moment):
    return timezone.localdate(moment) if moment else None


def inspektur_of(pemda) -> Pejabat | None:
    inspektorat = (
        PerangkatDaerah.objects.filter(pemda=pemda, jenis=PerangkatDaerah.Jenis.INSPEKTORAT)
        .exclude(kepala_nama="")
        .order_by("pk")
        .first()
    )
    if inspektorat is None:
        return None
    return Pejabat(
        inspektorat.kepala_nama,
        inspektorat.kepala_jabatan or _("Inspektur"),
        inspektorat.kepala_pangkat,
        inspektorat.kepala_nip,
    )


def tahun_lalu(evaluasi: Evaluasi, total) -> Pembanding | None:
    """The OPD's latest published result before this year, as published (its frozen total)."""
    earlier = (
        Evaluasi.objects.filter(
            pemda_id=evaluasi.pemda_id,
            opd_id=evaluasi.opd_id,
            tahun__lt=evaluasi.tahun,
            status=Evaluasi.Status.DIPUBLIKASIKAN,
            nilai_akhir__isnull=False,
        )
        .order_by("-tahun")
        .first()
    )
    if earlier is None:
        return None
    return pembanding(earlier.tahun, earlier.nilai_akhir, earlier.predikat, total)


def build_lhe(evaluasi: Evaluasi) -> Lhe:
    """`evaluasi` as fetched by `access.evaluasi_for_user` (opd, pemda, instrumen, evaluator
    and ketua tim loaded)."""
    rows = list(scoring.rows_of(evaluasi))
    result = scoring.as_published(evaluasi, scoring.score(evaluasi, rows, scoring.EVALUATOR))
    kriteria: dict[str, list[KriteriaLhe]] = {}
    dimensi: dict[str, str] = {}
    for row in rows:
        sub = row.kriteria.sub_komponen
        dimensi[sub.kode] = sub.get_dimensi_display()
        kriteria.setdefault(sub.kode, []).append(
            KriteriaLhe(
                row.kriteria.kode,
                row.kriteria.uraian,
                row.nilai_evaluator or None,
                row.catatan_evaluator,
            )
        )
    komponen = komponen_dari_hasil(result, kriteria, dimensi)
    kekuatan, kelemahan = ringkasan(komponen)
    opd, pemda, instrumen = evaluasi.opd, evaluasi.opd.pemda, evaluasi.instrumen
    inspektur = inspektur_of(pemda)
    tim = []
    if inspektur is not None:
        tim.append(AnggotaTim(inspektur.nama, _("Penanggung Jawab"), inspektur.nip))
    ketua = evaluasi.ketua_tim
    akun = _akun_of(pemda, ketua, evaluasi.evaluator)
    ketua_akun = akun.get(ketua.pk) if ketua else None
    if ketua is not None:
        tim.append(
            AnggotaTim(nama_orang(ketua), _("Ketua Tim"), ketua_akun.nip if ketua_akun else "")
        )
    if evaluasi.evaluator is not None and evaluasi.evaluator_id != evaluasi.ketua_tim_id:
        anggota = akun.get(evaluasi.evaluator_id)
        tim.append(
            AnggotaTim(
                nama_orang(evaluasi.evaluator), _("Anggota Tim"), anggota.nip if anggota else ""
            )
        )
    rekomendasi = tuple(
        Rekomendasi(r.uraian, r.komponen.nama if r.komponen else "")
        for r in RekomendasiRow.objects.filter(pemda_id=evaluasi.pemda_id, evaluasi=evaluasi)
        .select_related("komponen")
        .order_by("urutan")
    )
    dasar = [PERPRES_SAKIP + ";"]
    if instrumen.dasar_hukum:
        dasar.append(instrumen.dasar_hukum.rstrip(".;") + ";")
    return Lhe(
        pemda=pemda.nama,
        opd=opd.nama,
        tahun=evaluasi.tahun,
        instrumen_nama=instrumen.nama,
        instrumen_dasar=instrumen.dasar_hukum or instrumen.kode,
        komponen=komponen,
        total=result.total,
        predikat=result.predikat,
        draf=not evaluasi.dipublikasikan,
        dasar=tuple(dasar),
        tim=tuple(tim),
        tanggal_mulai=_tanggal(evaluasi.diajukan_pada),
        tanggal_selesai=_tanggal(evaluasi.direviu_pada),
        tanggal_laporan=_tanggal(evaluasi.dipublikasikan_pada),
        tempat=pemda.ibu_kota,
        kekuatan=kekuatan,
        kelemahan=kelemahan,
        rekomendasi=rekomendasi,
        inspektur=inspektur,
        ketua_tim=Pejabat(
            nama_orang(ketua),
            _("Ketua Tim Evaluasi"),
            ketua_akun.pangkat_golongan if ketua_akun else "",
            ketua_akun.nip if ketua_akun else "",
        )
        if ketua
        else None,
        catatan=catatan_belum_dinilai(komponen),
        tahun_lalu=tahun_lalu(evaluasi, result.total),
    )
