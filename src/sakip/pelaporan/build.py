"""Builds the LKjIP model of one OPD-year from the records.

Every figure comes from `measure()` (this year and the years compared) or from the formula
engine applied to what `measure()` returned; nothing is recomputed differently here."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from sakip.formulas.anggaran import BudgetLine
from sakip.formulas.capaian import Arah, realisasi_sampai_tahun, tingkat_kemajuan
from sakip.formulas.efisiensi import efisiensi, rata_rata_capaian
from sakip.formulas.result import Result
from sakip.formulas.triwulan import TipePenghitungan, aggregate_quarters
from sakip.organisasi.models import ProfilTahunan
from sakip.pelaporan import model as m
from sakip.pelaporan.drafts import laporan_texts
from sakip.pengukuran.measurement import assemble, load_year, pk_in_force, stored_target
from sakip.pengukuran.models import RealisasiKinerja
from sakip.perencanaan.models import (
    IndikatorRenstra,
    Pagu,
    Program,
    Renstra,
    TargetRenstra,
)

YEARS_COMPARED = 3  # Tabel 3.3: this year and the two before

SISTEMATIKA = [
    (
        "Bab I Pendahuluan",
        [
            "Latar Belakang",
            "Gambaran Umum Organisasi",
            "Aspek Strategis dan Permasalahan Utama",
            "Landasan Hukum",
            "Sistematika Penulisan",
        ],
    ),
    (
        "Bab II Perencanaan Kinerja",
        ["Rencana Strategis", "Tujuan", "Sasaran", "Indikator Kinerja Utama", "Perjanjian Kinerja"],
    ),
    (
        "Bab III Akuntabilitas Kinerja",
        ["Capaian Kinerja Organisasi", "Analisis Capaian Kinerja", "Realisasi Anggaran"],
    ),
    ("Bab IV Penutup", ["Kesimpulan", "Permasalahan dan Langkah Antisipatif", "Rekomendasi"]),
]


def build_lkjip(opd, tahun: int) -> m.Lkjip:
    pemda = opd.pemda
    years = list(range(tahun - YEARS_COMPARED + 1, tahun + 1))
    measured = {}
    for year in years:
        measured[year] = assemble(opd, year, load_year(pemda, year, [opd]))
    now = measured[tahun]
    texts = laporan_texts(opd, tahun)
    catatan = list(texts.catatan)

    profil = (
        ProfilTahunan.objects.filter(pemda=pemda, opd=opd, tahun__lte=tahun)
        .order_by("-tahun")
        .first()
    )
    if profil is None:
        catatan.append(
            _("Profil OPD (Bab I) belum diisi untuk tahun %(tahun)s.") % {"tahun": tahun}
        )
    elif profil.tahun != tahun:
        catatan.append(
            _("Profil OPD diambil dari tahun %(dari)s; perbarui untuk tahun %(tahun)s.")
            % {"dari": profil.tahun, "tahun": tahun}
        )
    pk = pk_in_force(opd, tahun)
    renstra = _renstra_for(opd, tahun, pk)
    kepala = m.Pejabat(opd.kepala_nama, opd.kepala_jabatan, opd.kepala_pangkat, opd.kepala_nip)

    bab1 = _bab1(opd, profil, texts.latar_belakang)
    bab2 = _bab2(opd, tahun, renstra, pk, now)
    bab3 = _bab3(opd, tahun, years, measured, renstra, texts.penyebab)
    bab4 = _bab4(bab3, texts)
    catatan.extend(now.catatan)
    return m.Lkjip(
        pemda=pemda.nama,
        opd=opd.nama,
        tahun=tahun,
        tempat=texts.tempat,
        tanggal=texts.tanggal,
        penandatangan=kepala if opd.kepala_nama else None,
        kata_pengantar=texts.kata_pengantar,
        bab1=bab1,
        bab2=bab2,
        bab3=bab3,
        bab4=bab4,
        catatan=catatan,
    )


def _renstra_for(opd, tahun, pk):
    """The Renstra the year's PK follows; else the latest version covering the year."""
    if pk is not None and pk.renstra_id:
        return pk.renstra
    return (
        Renstra.objects.filter(
            pemda=opd.pemda, opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
        )
        .order_by("-versi")  # perubahan before murni
        .first()
    )


# --- Bab I -------------------------------------------------------------------------------


def _bab1(opd, profil, latar_belakang: list[str]) -> m.BabI:
    """`latar_belakang` written for this report wins over the profile's."""
    units = [m.Unit(u.nama, u.uraian_tugas, list(u.tugas)) for u in opd.unit_kerja.all()]
    if profil is None:
        return m.BabI(
            latar_belakang,
            opd.dasar_pembentukan,
            opd.tugas,
            list(opd.fungsi),
            units,
            [],
            [],
            None,
            [],
            "",
            [],
            [],
            [],
            [],
            SISTEMATIKA,
        )
    golongan = [
        m.BarisPegawai(f"{g.pangkat} ({g.golongan})".strip(), "", None, g.jumlah)
        for g in profil.pegawai_golongan.all()
    ]
    jabatan = [
        m.BarisPegawai(j.jabatan, j.eselon, j.formasi, j.terisi)
        for j in profil.pegawai_jabatan.all()
    ]
    angka = [
        (_("Desa"), profil.jumlah_desa),
        (_("Kelurahan"), profil.jumlah_kelurahan),
        (_("Dusun"), profil.jumlah_dusun),
        (_("RW"), profil.jumlah_rw),
        (_("RT"), profil.jumlah_rt),
        (_("Penduduk (jiwa)"), profil.jumlah_penduduk),
        (_("Kepala keluarga"), profil.jumlah_kk),
        (_("Luas wilayah (km²)"), profil.luas_km2),
    ]
    batas = [
        (_("Utara"), profil.batas_utara),
        (_("Timur"), profil.batas_timur),
        (_("Selatan"), profil.batas_selatan),
        (_("Barat"), profil.batas_barat),
    ]
    wilayah = m.Wilayah(profil.kondisi_wilayah, angka, [(a, w) for a, w in batas if w])
    return m.BabI(
        latar_belakang=latar_belakang or list(profil.latar_belakang),
        dasar_pembentukan=opd.dasar_pembentukan,
        tugas=opd.tugas,
        fungsi=list(opd.fungsi),
        struktur=units,
        pegawai_golongan=golongan,
        pegawai_jabatan=jabatan,
        wilayah=wilayah,
        sarpras=[m.Sarpras(s.nama, s.jumlah, s.satuan, s.keterangan) for s in profil.sarpras.all()],
        fungsi_strategis=profil.fungsi_strategis,
        tantangan=list(profil.tantangan),
        peluang=list(profil.peluang),
        isu_strategis=list(profil.isu_strategis),
        landasan_hukum=list(profil.landasan_hukum),
        sistematika=SISTEMATIKA,
    )


# --- Bab II ------------------------------------------------------------------------------


def _bab2(opd, tahun, renstra, pk, now) -> m.BabII:
    pemda = opd.pemda
    target_rows, years, iku, tujuan, sasaran = [], [], [], [], []
    if renstra is not None:
        years = list(range(renstra.tahun_awal + 1, renstra.tahun_akhir + 1))
        tujuan = [t.uraian for t in renstra.tujuan.all()]
        sasaran = [s.uraian for s in renstra.sasaran.all()]
        per_year = defaultdict(dict)
        for t in TargetRenstra.objects.filter(pemda=pemda, indikator_renstra__renstra=renstra):
            per_year[t.indikator_renstra_id][t.tahun] = stored_target(t.target, t.target_atas)
        links = IndikatorRenstra.objects.filter(pemda=pemda, renstra=renstra).select_related(
            "indikator", "tujuan", "sasaran__tujuan"
        )
        for link in links:
            ind = link.indikator
            goal_tujuan = link.tujuan or link.sasaran.tujuan
            target_rows.append(
                m.TargetRenstraRow(
                    tujuan=goal_tujuan.uraian,
                    sasaran=link.sasaran.uraian if link.sasaran else "",
                    indikator=ind.nama,
                    satuan=ind.satuan,
                    presisi=ind.presisi,
                    per_tahun=[(y, per_year[link.pk].get(y)) for y in years],
                    target_akhir=stored_target(link.target_akhir, link.target_akhir_atas),
                )
            )
            if ind.iku:
                iku.append(
                    m.LembarIku(
                        sasaran=(link.sasaran or link.tujuan).uraian,
                        indikator=ind.nama,
                        satuan=ind.satuan,
                        alasan_pemilihan=ind.alasan_pemilihan,
                        formulasi=ind.formulasi,
                        definisi_operasional=ind.definisi_operasional,
                        tipe_penghitungan=ind.get_tipe_penghitungan_display(),
                        sumber_data=ind.sumber_data,
                    )
                )
    pk_rows = [m.BarisPK(r.sasaran, r.nama, r.satuan, r.presisi, r.target) for r in now.kinerja]
    pihak_pertama = pihak_kedua = None
    if pk is not None:
        pihak_pertama = m.Pejabat(
            pk.pihak_pertama_nama,
            pk.pihak_pertama_jabatan,
            pk.pihak_pertama_pangkat,
            pk.pihak_pertama_nip,
        )
        pihak_kedua = m.Pejabat(
            pk.pihak_kedua_nama, pk.pihak_kedua_jabatan, pk.pihak_kedua_pangkat, pk.pihak_kedua_nip
        )
    totals = _pagu_per_version(opd, tahun)
    program_rows, counts = _program_table(opd, tahun, now)
    return m.BabII(
        renstra=str(renstra) if renstra else "",
        visi_pemda=renstra.visi_pemda if renstra else "",
        penjelasan_visi_pemda=list(renstra.penjelasan_visi_pemda) if renstra else [],
        misi_pemda=list(renstra.misi_pemda) if renstra else [],
        visi_opd=renstra.visi_opd if renstra else "",
        penjelasan_visi_opd=list(renstra.penjelasan_visi_opd) if renstra else [],
        misi_opd=list(renstra.misi_opd) if renstra else [],
        tujuan=tujuan,
        sasaran=sasaran,
        tahun_renstra=years,
        target_renstra=target_rows,
        iku=iku,
        pk_sumber=now.sumber_target if pk is not None else "",
        pk=pk_rows,
        pihak_pertama=pihak_pertama,
        pihak_kedua=pihak_kedua,
        pagu_murni=totals.get("murni"),
        pagu_perubahan=totals.get("perubahan"),
        jumlah_program=counts[0],
        jumlah_kegiatan=counts[1],
        jumlah_sub_kegiatan=counts[2],
        program=program_rows,
    )


def _pagu_per_version(opd, tahun) -> dict[str, Decimal]:
    """{jenis: total pagu} for every DPA version of the year, in one query."""
    return dict(
        Pagu.objects.filter(pemda=opd.pemda, versi_anggaran__opd=opd, versi_anggaran__tahun=tahun)
        .values("versi_anggaran__jenis")
        .annotate(total=Sum("jumlah"))
        .values_list("versi_anggaran__jenis", "total")
    )


def _program_table(opd, tahun, now):
    """Tabel 2.3-1 from the budget tree in force and the program-level indicator rows."""
    if now.anggaran is None:
        return [], (0, 0, 0)
    by_owner = defaultdict(list)
    for row in now.kinerja_program:
        by_owner[row.sasaran].append((row.nama, row.satuan, row.target, row.presisi))
    rows = []
    programs = kegiatan = subs = 0
    for program in now.anggaran.children:
        programs += 1
        rows.append(
            m.BarisProgram(
                "program", program.kode, program.nama, by_owner[program.nama], program.pagu
            )
        )
        for keg in program.children:
            kegiatan += 1
            rows.append(
                m.BarisProgram("kegiatan", keg.kode, keg.nama, by_owner[keg.nama], keg.pagu)
            )
            for sub in keg.children:
                subs += 1
                rows.append(
                    m.BarisProgram("sub_kegiatan", sub.kode, sub.nama, by_owner[sub.nama], sub.pagu)
                )
    return rows, (programs, kegiatan, subs)


# --- Bab III -----------------------------------------------------------------------------


def _yearly_realisasi(opd, tahun, kodes):
    """{kode: {year: annual realisasi Result}} for all years up to `tahun`."""
    quarters = defaultdict(lambda: defaultdict(dict))
    tipe = {}
    for kode, tipe_penghitungan, year, triwulan, nilai in RealisasiKinerja.objects.filter(
        pemda=opd.pemda, indikator__opd=opd, indikator__kode__in=kodes, tahun__lte=tahun
    ).values_list("indikator__kode", "indikator__tipe_penghitungan", "tahun", "triwulan", "nilai"):
        quarters[kode][year][triwulan] = nilai
        tipe[kode] = tipe_penghitungan
    return {
        kode: {
            year: aggregate_quarters(values, TipePenghitungan(tipe[kode]))
            for year, values in years.items()
        }
        for kode, years in quarters.items()
    }


def _bab3(opd, tahun, years, measured, renstra, penyebab) -> m.BabIII:
    now = measured[tahun]
    links = {}
    if renstra is not None:
        for link in IndikatorRenstra.objects.filter(
            pemda=opd.pemda, renstra=renstra
        ).select_related("indikator"):
            links[link.indikator.kode] = link
    start = renstra.tahun_awal if renstra else tahun
    yearly = _yearly_realisasi(opd, tahun, [r.kode for r in now.kinerja])
    standar = dict(
        opd.indikator.filter(kode__in=[r.kode for r in now.kinerja]).values_list(
            "kode", "standar_nasional"
        )
    )
    analisis = []
    for row in now.kinerja:
        riwayat = []
        for year in years:
            before = next((r for r in measured[year].kinerja if r.kode == row.kode), None)
            if before is None:  # not in that year's PK: its realisasi, but no capaian
                realisasi = yearly.get(row.kode, {}).get(year) or Result.missing(
                    _("realisasi belum diisi")
                )
                riwayat.append(
                    m.CapaianTahun(year, None, realisasi, Result.missing(_("tidak ada target")))
                )
            else:
                riwayat.append(
                    m.CapaianTahun(year, before.target, before.realisasi, before.capaian)
                )
        link = links.get(row.kode)
        target_akhir = stored_target(link.target_akhir, link.target_akhir_atas) if link else None
        values = [yearly.get(row.kode, {}).get(y) for y in range(start, tahun + 1)]
        up_to_now = realisasi_sampai_tahun(
            [v.value if v is not None and v.is_computed else None for v in values],
            TipePenghitungan(row.tipe_penghitungan),
        )
        kemajuan = (
            tingkat_kemajuan(
                up_to_now.value if up_to_now.is_computed else None, target_akhir, Arah(row.arah)
            )
            if target_akhir is not None
            else Result.missing(_("target akhir Renstra belum ditetapkan"))
        )
        analisis.append(
            m.AnalisisIndikator(
                sasaran=row.sasaran,
                indikator=row.nama,
                satuan=row.satuan,
                presisi=row.presisi,
                arah=row.arah,
                target=row.target,
                realisasi=row.realisasi,
                capaian=row.capaian,
                predikat=row.predikat,
                riwayat=riwayat,
                realisasi_kemajuan=up_to_now,
                target_akhir=target_akhir,
                tahun_akhir=renstra.tahun_akhir if renstra else None,
                kemajuan=kemajuan,
                standar_nasional=standar.get(row.kode),
            )
        )
    metode = opd.pemda.metode_efisiensi
    return m.BabIII(
        skala=now.skala,
        analisis=analisis,
        tahun_pembanding=years,
        penyebab=penyebab,
        metode_efisiensi=metode,
        efisiensi=_efisiensi(opd, now, renstra, metode),
        dukungan=_dukungan(opd, now, renstra),
        anggaran=now.anggaran,
        versi_anggaran=now.versi_anggaran,
    )


def _goal_codes(renstra) -> dict[str, str]:
    """{uraian of a tujuan or sasaran: its kode} in the Renstra the year follows."""
    if renstra is None:
        return {}
    codes = {t.uraian: t.kode for t in renstra.tujuan.all()}
    codes.update({s.uraian: s.kode for s in renstra.sasaran.all()})
    return codes


def _programs_by_goal(opd, now, renstra) -> dict[str, list[BudgetLine]]:
    """The budget lines (programs) that support each PK sasaran. A program names the Renstra
    tujuan/sasaran it supports; when no program names any, the whole budget supports every
    sasaran (as the seed's Tabel 3.5 does)."""
    if now.anggaran is None:
        return {}
    link_of = dict(
        Program.objects.filter(pemda=opd.pemda, opd=opd).values_list("kode", "sasaran_renstra_kode")
    )
    pk_goals = _pk_goal_codes(opd, now.tahun)
    grouped = defaultdict(list)
    for program in now.anggaran.children:
        code = link_of.get(program.kode) or ""
        for sasaran, goal_code in pk_goals.items():
            if code and code == goal_code:
                grouped[sasaran].append(program)
    if not grouped:
        return {sasaran: [now.anggaran] for sasaran in {r.sasaran for r in now.kinerja}}
    return grouped


def _pk_goal_codes(opd, tahun) -> dict[str, str]:
    """{PK sasaran text: kode of the Renstra tujuan/sasaran it commits to}."""
    pk = pk_in_force(opd, tahun)
    if pk is None:
        return {}
    found = {}
    for sasaran in pk.sasaran.select_related("tujuan", "sasaran"):
        goal = sasaran.sasaran or sasaran.tujuan
        found[sasaran.uraian] = goal.kode if goal else ""
    return found


def _efisiensi(opd, now, renstra, metode) -> list[m.Efisiensi]:
    by_goal = _programs_by_goal(opd, now, renstra)
    rows = []
    sasaran_order = list(dict.fromkeys(r.sasaran for r in now.kinerja))
    for sasaran in sasaran_order:
        indicators = [r for r in now.kinerja if r.sasaran == sasaran]
        mean = rata_rata_capaian([r.capaian for r in indicators])
        lines = by_goal.get(sasaran, [])
        if lines:
            total = lines[0] if len(lines) == 1 else BudgetLine.parent("", sasaran, lines)
            anggaran, realisasi, serapan = total.pagu, total.realisasi, total.serapan
        else:
            anggaran = realisasi = None
            serapan = Result.missing(_("tidak ada program yang dikaitkan dengan sasaran ini"))
        result = efisiensi(mean, serapan, metode)
        rows.append(
            m.Efisiensi(
                sasaran,
                [r.nama for r in indicators],
                mean,
                anggaran,
                realisasi,
                serapan,
                result.kategori,
                result.nilai,
                result.reason,
            )
        )
    return rows


def _dukungan(opd, now, renstra) -> list[m.Dukungan]:
    by_goal = _programs_by_goal(opd, now, renstra)
    program_rows = {r.sasaran: r for r in now.kinerja_program}  # keyed by owner name
    band_of_target = now.skala.classify(Decimal(100))
    rows = []
    for row in now.kinerja:
        lines = by_goal.get(row.sasaran, [])
        programs = [c for line in lines for c in (line.children if line.kode == "" else [line])]
        for program in programs:
            for item in [program, *program.children]:
                owner = program_rows.get(item.nama)
                if owner is None:
                    continue
                if owner.capaian.is_computed:
                    reached = now.skala.classify(owner.capaian.value)
                    menunjang = owner.capaian.value >= 100 or reached == band_of_target
                else:
                    menunjang = None
                rows.append(
                    m.Dukungan(
                        sasaran=row.sasaran,
                        indikator_sasaran=row.nama,
                        capaian_sasaran=row.capaian,
                        tingkat="program" if item is program else "kegiatan",
                        nama=item.nama,
                        indikator=owner.nama,
                        capaian=owner.capaian,
                        menunjang=menunjang,
                    )
                )
    return rows


# --- Bab IV ------------------------------------------------------------------------------


def _bab4(bab3: m.BabIII, texts) -> m.BabIV:
    kesimpulan = [
        m.Kesimpulan(a.sasaran, a.indikator, a.capaian, a.predikat) for a in bab3.analisis
    ]
    labels = {k.predikat for k in kesimpulan}
    return m.BabIV(
        kesimpulan=kesimpulan,
        predikat_umum=labels.pop() if len(labels) == 1 and None not in labels else None,
        permasalahan=texts.permasalahan,
        langkah_antisipatif=texts.langkah_antisipatif,
        rekomendasi=texts.rekomendasi,
    )
