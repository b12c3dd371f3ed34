"""The sentences of the LKjIP that state a figure, a year, a name or a predikat, written from
the report model so that the text can never disagree with its table. Where a figure is
missing the sentence says so ("data belum tersedia") instead of inventing it."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from sakip.formulas.capaian import Target
from sakip.formulas.numbers import format_angka, format_persen, format_rupiah, round_half_up
from sakip.formulas.result import Result
from sakip.pelaporan import model as m

BELUM = _("data belum tersedia")
TERBILANG = {
    1: "satu",
    2: "dua",
    3: "tiga",
    4: "empat",
    5: "lima",
    6: "enam",
    7: "tujuh",
    8: "delapan",
    9: "sembilan",
    10: "sepuluh",
}


def angka(value: Decimal | int | None, places: int = 2) -> str:
    return BELUM if value is None else format_angka(value, places)


def target(value: Target | None, places: int) -> str:
    if value is None:
        return _("belum ditetapkan")
    if value.upper is not None:
        return f"{format_angka(value.lower, places)}–{format_angka(value.upper, places)}"
    return format_angka(value.lower, places)


def hasil(result: Result, places: int = 2, persen: bool = False) -> str:
    if not result.is_computed:
        return BELUM if result.status.value == "belum_ada_data" else _("tidak dapat dihitung")
    return format_persen(result.value, places) if persen else format_angka(result.value, places)


def jumlah(n: int) -> str:
    """'2 (dua)' as Indonesian official writing has it."""
    word = TERBILANG.get(n)
    return f"{n} ({word})" if word else str(n)


def analisis_capaian(a: m.AnalisisIndikator, tahun: int) -> str:
    """The paragraph under Tabel 3.2 for one indicator."""
    if not a.realisasi.is_computed:
        return _(
            'Realisasi indikator "%(indikator)s" tahun %(tahun)s belum tersedia, sehingga '
            "capaiannya belum dapat dihitung."
        ) % {"indikator": a.indikator, "tahun": tahun}
    if not a.capaian.is_computed:
        return _(
            'Indikator "%(indikator)s" tahun %(tahun)s terealisasi %(realisasi)s %(satuan)s; '
            "capaiannya tidak dapat dihitung (%(alasan)s)."
        ) % {
            "indikator": a.indikator,
            "tahun": tahun,
            "realisasi": hasil(a.realisasi, a.presisi),
            "satuan": a.satuan,
            "alasan": a.capaian.reason,
        }
    return _(
        'Sasaran "%(sasaran)s" diukur dengan indikator "%(indikator)s". Pada tahun %(tahun)s '
        "indikator ini terealisasi %(realisasi)s dari target %(target)s, sehingga capaiannya "
        '%(capaian)s dengan predikat "%(predikat)s".'
    ) % {
        "sasaran": a.sasaran,
        "indikator": a.indikator,
        "tahun": tahun,
        "realisasi": hasil(a.realisasi, a.presisi),
        "target": target(a.target, a.presisi),
        "capaian": hasil(a.capaian, persen=True),
        "predikat": a.predikat or "-",
    }


def analisis_tren(a: m.AnalisisIndikator) -> str:
    """The paragraph under Tabel 3.3: this year against the years before."""
    known = [c for c in a.riwayat if c.capaian.is_computed]
    if len(known) < 2:
        return _(
            'Indikator "%(indikator)s" belum memiliki capaian tahun-tahun sebelumnya yang dapat '
            "dibandingkan."
        ) % {"indikator": a.indikator}
    parts = ", ".join(
        _("%(capaian)s pada tahun %(tahun)s")
        % {"capaian": hasil(c.capaian, persen=True), "tahun": c.tahun}
        for c in known
    )
    first, last = known[0].capaian.value, known[-1].capaian.value
    first, last = round_half_up(first, 2), round_half_up(last, 2)
    arah = _("meningkat") if last > first else _("menurun") if last < first else _("tetap")
    return _(
        'Capaian indikator "%(indikator)s" berturut-turut %(rincian)s; dibanding tahun %(awal)s '
        "capaiannya %(arah)s."
    ) % {"indikator": a.indikator, "rincian": parts, "awal": known[0].tahun, "arah": arah}


def analisis_renstra(a: m.AnalisisIndikator, tahun: int) -> str:
    """The paragraph under Tabel 3.4: progress against the Renstra end target."""
    if a.target_akhir is None:
        return _('Target akhir Renstra untuk indikator "%(indikator)s" belum ditetapkan.') % {
            "indikator": a.indikator
        }
    return _(
        'Realisasi indikator "%(indikator)s" sampai dengan tahun %(tahun)s sebesar '
        "%(realisasi)s dibandingkan target akhir Renstra tahun %(akhir)s sebesar %(target)s, "
        "sehingga tingkat kemajuannya %(kemajuan)s."
    ) % {
        "indikator": a.indikator,
        "tahun": tahun,
        "realisasi": hasil(a.realisasi_kemajuan, a.presisi),
        "akhir": a.tahun_akhir or "-",
        "target": target(a.target_akhir, a.presisi),
        "kemajuan": hasil(a.kemajuan, persen=True),
    }


def standar_nasional(a: m.AnalisisIndikator) -> str:
    if a.standar_nasional is None:
        return _(
            'Indikator "%(indikator)s" tidak memiliki standar nasional sebagai pembanding.'
        ) % {"indikator": a.indikator}
    return _(
        'Realisasi indikator "%(indikator)s" sebesar %(realisasi)s dibandingkan standar '
        "nasional %(standar)s."
    ) % {
        "indikator": a.indikator,
        "realisasi": hasil(a.realisasi, a.presisi),
        "standar": angka(a.standar_nasional, a.presisi),
    }


def efisiensi(e: m.Efisiensi) -> str:
    if e.anggaran is None:
        return _('Efisiensi sasaran "%(sasaran)s" belum dapat dianalisis: %(alasan)s.') % {
            "sasaran": e.sasaran,
            "alasan": e.serapan.reason or BELUM,
        }
    text = _(
        'Sasaran "%(sasaran)s" dengan rata-rata capaian %(capaian)s didukung anggaran '
        "%(anggaran)s yang terealisasi %(realisasi)s (serapan %(serapan)s); penggunaan anggaran "
        'dikategorikan "%(kategori)s".'
    ) % {
        "sasaran": e.sasaran,
        "capaian": hasil(e.rata_rata_capaian, persen=True),
        "anggaran": format_rupiah(e.anggaran),
        "realisasi": format_rupiah(e.realisasi) if e.realisasi is not None else BELUM,
        "serapan": hasil(e.serapan, persen=True),
        "kategori": e.kategori,
    }
    if e.nilai is not None:
        text += " " + _("Efisiensi anggaran sebesar %(nilai)s.") % {"nilai": format_persen(e.nilai)}
    return text


def realisasi_anggaran(total, tahun: int) -> str:
    """The paragraph under Tabel 3.7."""
    if total is None:
        return _("Data anggaran tahun %(tahun)s belum tersedia.") % {"tahun": tahun}
    if total.realisasi is None:
        return _(
            "Anggaran tahun %(tahun)s sebesar %(anggaran)s; realisasinya belum lengkap "
            "(%(alasan)s)."
        ) % {"tahun": tahun, "anggaran": format_rupiah(total.pagu), "alasan": total.serapan.reason}
    return _(
        "Jumlah anggaran tahun %(tahun)s sebesar %(anggaran)s terealisasi %(realisasi)s, "
        "sehingga terdapat sisa anggaran %(selisih)s dan serapan anggaran %(serapan)s."
    ) % {
        "tahun": tahun,
        "anggaran": format_rupiah(total.pagu),
        "realisasi": format_rupiah(total.realisasi),
        "selisih": format_rupiah(total.selisih),
        "serapan": hasil(total.serapan, persen=True),
    }


def perjanjian(b: m.BabII, opd: str, tahun: int) -> str:
    """The paragraph before the PK table: programs, kegiatan, budget versions."""
    text = _(
        "Untuk mewujudkan kinerja yang diperjanjikan, %(opd)s pada tahun %(tahun)s melaksanakan "
        "%(program)s program, %(kegiatan)s kegiatan dan %(sub)s sub kegiatan"
    ) % {
        "opd": opd,
        "tahun": tahun,
        "program": jumlah(b.jumlah_program),
        "kegiatan": jumlah(b.jumlah_kegiatan),
        "sub": jumlah(b.jumlah_sub_kegiatan),
    }
    if b.pagu_murni is not None and b.pagu_perubahan is not None:
        text += _(
            " dengan anggaran %(murni)s pada DPA Murni dan %(perubahan)s pada DPA Perubahan."
        ) % {"murni": format_rupiah(b.pagu_murni), "perubahan": format_rupiah(b.pagu_perubahan)}
    elif b.pagu_murni is not None or b.pagu_perubahan is not None:
        text += _(" dengan anggaran %(pagu)s.") % {
            "pagu": format_rupiah(b.pagu_perubahan or b.pagu_murni)
        }
    else:
        text += "."
    return text


def kesimpulan(b: m.BabIV, opd: str, tahun: int) -> str:
    if not b.kesimpulan:
        return _("Belum ada indikator kinerja yang diukur pada tahun %(tahun)s.") % {"tahun": tahun}
    if b.predikat_umum:
        return _(
            "Seluruh %(n)s indikator sasaran %(opd)s tahun %(tahun)s mencapai predikat "
            '"%(predikat)s".'
        ) % {
            "n": jumlah(len(b.kesimpulan)),
            "opd": opd,
            "tahun": tahun,
            "predikat": b.predikat_umum,
        }
    return _(
        "Capaian %(n)s indikator sasaran %(opd)s tahun %(tahun)s disajikan pada tabel berikut."
    ) % {"n": jumlah(len(b.kesimpulan)), "opd": opd, "tahun": tahun}
