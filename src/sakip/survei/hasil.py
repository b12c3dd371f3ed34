"""SKM results: the database sums the answers, the formula engine does the rest.

Each scope (an OPD's period, its services, its periods for the trend, every OPD of a pemda for
a year) is ONE aggregate query: COUNT of responses and SUM of u1…u9, grouped by the scope's key.
Those few numbers go to `sakip.formulas.ikm` (NRR = sum / count, NI, NIK, mutu). No response is
ever loaded into Python to compute a figure. Voided responses (`dibatalkan`) are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, Max, Q, Sum, Value, When
from django.utils.translation import gettext as _

from sakip.formulas.ikm import UNSUR, IkmResult, ikm_from_nrr, krejcie_morgan
from sakip.formulas.numbers import formula_context
from sakip.organisasi.models import PerangkatDaerah
from sakip.survei.models import PeriodeSurvei, PertanyaanUnsur, Respons

SUMS = {f"s{i}": Sum(f"u{i}") for i in range(1, 10)}
JENIS_URUT = {"semester_1": 1, "semester_2": 2, "tahun": 3}
USIA_BANDS = ((None, 19, "< 20"), (20, 29, "20–29"), (30, 39, "30–39"), (40, 49, "40–49"))
USIA_BANDS += ((50, 59, "50–59"), (60, None, "≥ 60"))


def counted(pemda_id):
    """The responses that count: of this pemda, not voided."""
    return Respons.objects.filter(pemda_id=pemda_id, dibatalkan=False)


@dataclass(frozen=True)
class Ikm:
    """The IKM of a set of responses, from their count and unsur totals."""

    responden: int
    jumlah: tuple[int, ...]  # unsur totals U1…U9
    hasil: IkmResult

    @property
    def nrr(self) -> tuple[Decimal | None, ...]:
        return tuple(r.value for r in self.hasil.nrr)

    @property
    def nik(self) -> Decimal | None:
        return self.hasil.nik

    @property
    def ni(self) -> Decimal | None:
        return self.hasil.ni

    @property
    def mutu(self) -> str | None:
        return self.hasil.mutu

    @property
    def kinerja(self) -> str | None:
        return self.hasil.kinerja

    @property
    def is_computed(self) -> bool:
        return self.hasil.is_computed

    @property
    def prioritas(self) -> tuple[int, ...]:
        """Indexes (0–8) of the unsur with the lowest NRR: the improvement priority (none
        when all nine are equal: nothing stands out)."""
        values = [v for v in self.nrr if v is not None]
        if not values or min(values) == max(values):
            return ()
        lowest = min(values)
        return tuple(i for i, v in enumerate(self.nrr) if v == lowest)


def ikm_from_totals(responden: int, jumlah) -> Ikm:
    """IKM from the number of responses and the nine unsur totals (each response answers all
    nine: the columns are not null)."""
    jumlah = tuple(int(j or 0) for j in jumlah)
    with formula_context():
        nrr = [Decimal(j) / responden if responden else None for j in jumlah]
    return Ikm(responden, jumlah, ikm_from_nrr(nrr))


def _ikm_of_row(row: dict) -> Ikm:
    return ikm_from_totals(row["n"] or 0, [row[f"s{i}"] for i in range(1, 10)])


def _add_rows(rows) -> dict:
    """Pool several aggregate rows (e.g. two semesters) into one: counts and sums add up."""
    pooled = {"n": 0, **{f"s{i}": 0 for i in range(1, 10)}}
    for row in rows:
        for key in pooled:
            pooled[key] += row.get(key) or 0
    return pooled


# --- one OPD, one period ---------------------------------------------------------------------


def ikm_periode(periode: PeriodeSurvei) -> Ikm:
    """The OPD's IKM for one period: one query."""
    row = counted(periode.pemda_id).filter(periode_id=periode.pk).aggregate(n=Count("*"), **SUMS)
    return _ikm_of_row(row)


@dataclass(frozen=True)
class BarisLayanan:
    layanan_id: int
    nama: str
    ikm: Ikm


@dataclass(frozen=True)
class BarisDemografi:
    label: str
    jumlah: int
    persen: Decimal | None


@dataclass(frozen=True)
class Demografi:
    judul: str
    baris: list[BarisDemografi]


@dataclass(frozen=True)
class TitikTren:
    periode_id: int
    tahun: int
    jenis: str
    label: str
    ikm: Ikm
    diperbarui: object = None  # datetime of the latest counted response


@dataclass
class HasilPeriode:
    periode: PeriodeSurvei
    opd: PerangkatDaerah
    unsur: list[tuple[str, str]]  # (kode, nama) U1…U9 as the OPD names them
    ikm: Ikm
    populasi: int | None
    sampel: int | None  # Krejcie–Morgan minimum, None without a population
    layanan: list[BarisLayanan]
    demografi: list[Demografi]
    tren: list[TitikTren]
    diperbarui: object = None
    catatan: list[str] = field(default_factory=list)

    @property
    def sampel_cukup(self) -> bool | None:
        return None if self.sampel is None else self.ikm.responden >= self.sampel

    @property
    def prioritas(self) -> list[tuple[str, str, Decimal]]:
        return [(*self.unsur[i], self.ikm.nrr[i]) for i in self.ikm.prioritas]

    @property
    def baris_unsur(self) -> list[tuple[str, str, int, Decimal | None, bool]]:
        """(kode, nama, total, NRR, prioritas) for each unsur."""
        low = set(self.ikm.prioritas)
        return [
            (kode, nama, self.ikm.jumlah[i], self.ikm.nrr[i], i in low)
            for i, (kode, nama) in enumerate(self.unsur)
        ]


def unsur_names(opd) -> list[tuple[str, str]]:
    """The unsur as the OPD names them (one query), the regulation's names otherwise."""
    own = dict(
        PertanyaanUnsur.objects.filter(pemda_id=opd.pemda_id, opd=opd).values_list("kode", "nama")
    )
    return [(kode, own.get(kode) or nama) for kode, nama in UNSUR]


def _per_layanan(periode) -> list[BarisLayanan]:
    rows = (
        counted(periode.pemda_id)
        .filter(periode_id=periode.pk)
        .values("layanan_id", "layanan__nama", "layanan__urutan")
        .annotate(n=Count("*"), **SUMS)
        .order_by("layanan__urutan", "layanan__nama")
    )
    return [BarisLayanan(r["layanan_id"], r["layanan__nama"], _ikm_of_row(r)) for r in rows]


def _usia_band():
    whens = []
    for low, high, label in USIA_BANDS:
        condition = Q()
        if low is not None:
            condition &= Q(usia__gte=low)
        if high is not None:
            condition &= Q(usia__lte=high)
        whens.append(When(condition, then=Value(label)))
    return Case(*whens, default=Value("?"))


def _demografi(periode) -> list[Demografi]:
    """Counts by sex, age band, education and occupation: one grouped query, folded per
    dimension over its few dozen groups."""
    rows = list(
        counted(periode.pemda_id)
        .filter(periode_id=periode.pk)
        .annotate(band=_usia_band())
        .values("jenis_kelamin", "band", "pendidikan", "pekerjaan")
        .annotate(n=Count("*"))
        .order_by()
    )
    total = sum(r["n"] for r in rows)
    dimensions = [
        (_("Jenis kelamin"), "jenis_kelamin", Respons.JenisKelamin.choices),
        (_("Usia"), "band", [(label, label) for _low, _high, label in USIA_BANDS]),
        (_("Pendidikan"), "pendidikan", Respons.Pendidikan.choices),
        (_("Pekerjaan"), "pekerjaan", Respons.Pekerjaan.choices),
    ]
    found = []
    for judul, key, choices in dimensions:
        counts = {value: 0 for value, _label in choices}
        for row in rows:
            counts[row[key]] = counts.get(row[key], 0) + row["n"]
        with formula_context():
            baris = [
                BarisDemografi(
                    str(label),
                    counts[value],
                    Decimal(counts[value]) * 100 / total if total else None,
                )
                for value, label in choices
            ]
        found.append(Demografi(judul, baris))
    return found


def tren_opd(opd, sampai: PeriodeSurvei | None = None) -> list[TitikTren]:
    """Every period of the OPD (up to `sampai`) with its IKM, oldest first: one query (a
    LEFT JOIN, so a period without responses is listed too)."""
    match = Q(respons__dibatalkan=False)
    periods = PeriodeSurvei.objects.filter(pemda_id=opd.pemda_id, opd=opd)
    if sampai is not None:
        periods = periods.filter(tahun__lte=sampai.tahun)
    rows = periods.annotate(
        n=Count("respons", filter=match),
        terakhir=Max("respons__diterima", filter=match),
        **{f"s{i}": Sum(f"respons__u{i}", filter=match) for i in range(1, 10)},
    )
    points = [
        TitikTren(p.pk, p.tahun, p.jenis, str(p), _ikm_of_row(vars(p)), p.terakhir) for p in rows
    ]
    return sorted(points, key=lambda t: (t.tahun, JENIS_URUT.get(t.jenis, 9)))


def hasil_periode(periode: PeriodeSurvei) -> HasilPeriode:
    """Everything the results page and the report show for one period, in five queries."""
    opd = periode.opd
    tren = tren_opd(opd, sampai=periode)
    own = next((t for t in tren if t.periode_id == periode.pk), None)
    ikm = own.ikm if own else ikm_periode(periode)
    populasi = periode.populasi
    catatan = []
    if not populasi:
        catatan.append(_("Populasi belum diisi: besar sampel minimum belum dapat dihitung."))
    if not ikm.is_computed:
        catatan.append(_("Belum ada respons yang dihitung untuk periode ini."))
    return HasilPeriode(
        periode=periode,
        opd=opd,
        unsur=unsur_names(opd),
        ikm=ikm,
        populasi=populasi,
        sampel=krejcie_morgan(populasi) if populasi else None,
        layanan=_per_layanan(periode),
        demografi=_demografi(periode),
        tren=tren,
        diperbarui=own.diperbarui if own else None,
        catatan=catatan,
    )


def saran_periode(periode: PeriodeSurvei):
    """The suggestions written in the period, newest first (a queryset, to paginate)."""
    return (
        counted(periode.pemda_id)
        .filter(periode_id=periode.pk)
        .exclude(saran="")
        .select_related("layanan")
        .only("saran", "diterima", "layanan__nama")
        .order_by("-diterima", "-pk")
    )


# --- every OPD of a pemda --------------------------------------------------------------------


@dataclass(frozen=True)
class BarisOpd:
    opd_id: int
    nama: str
    slug: str
    ikm: Ikm
    dasar: str  # which periods the figure pools


def _dasar_labels():
    return {
        ("semester_1", "semester_2"): _("Semester I dan II"),
        ("semester_1",): _("Semester I"),
        ("semester_2",): _("Semester II"),
    }


def ikm_setahun(rows_by_jenis: dict[str, dict]) -> tuple[Ikm, str]:
    """The IKM of a year from its periods' aggregate rows (by jenis): the annual period when it
    has responses, otherwise the semesters pooled (their counts and sums add up). Returns the
    IKM and which periods it stands on. The one rule for "the IKM of the year": the pemda page
    and the realisation of TW IV both use it."""
    if rows_by_jenis.get("tahun", {}).get("n"):
        return _ikm_of_row(rows_by_jenis["tahun"]), _("Tahunan")
    semesters = {k: v for k, v in rows_by_jenis.items() if k != "tahun"}
    dasar = _dasar_labels().get(tuple(sorted(semesters)), _("Tahunan"))
    return _ikm_of_row(_add_rows(semesters.values())), dasar


@dataclass(frozen=True)
class IkmTriwulan:
    ikm: Ikm
    dasar: str  # "Semester I", "Tahunan", "Semester I dan II"…


def ikm_per_triwulan(pemda_id: int, opd_id: int, tahun: int) -> dict[int, IkmTriwulan]:
    """What the SKM of an OPD's year gives each quarter: TW II the Semester I IKM (when there
    is such a period), TW IV the IKM of the year (`ikm_setahun`). Empty without any period.
    Two queries: the year's periods, and their sums grouped by period."""
    periods = dict(
        PeriodeSurvei.objects.filter(pemda_id=pemda_id, opd_id=opd_id, tahun=tahun).values_list(
            "pk", "jenis"
        )
    )
    if not periods:
        return {}
    rows = {jenis: {"n": 0} for jenis in periods.values()}
    for row in (
        counted(pemda_id)
        .filter(periode_id__in=list(periods))
        .values("periode_id")
        .annotate(n=Count("*"), **SUMS)
        .order_by()
    ):
        rows[periods[row["periode_id"]]] = row
    found = {4: IkmTriwulan(*ikm_setahun(rows))}
    if "semester_1" in rows:
        found[2] = IkmTriwulan(_ikm_of_row(_add_rows([rows["semester_1"]])), _("Semester I"))
    return found


def ikm_semua_opd(pemda, tahun: int) -> list[BarisOpd]:
    """Every OPD's IKM for a year, from ONE aggregate query grouped by period (on the
    response table alone, no join: it reads the `respons_hitung` index), plus the year's
    periods and the OPD list. An OPD's year is its annual period when it has responses,
    otherwise its two semesters pooled (their counts and sums add up)."""
    periods = {
        pk: (opd_id, jenis)
        for pk, opd_id, jenis in PeriodeSurvei.objects.filter(pemda=pemda, tahun=tahun).values_list(
            "pk", "opd_id", "jenis"
        )
    }
    rows = (
        counted(pemda.pk)
        .filter(periode_id__in=list(periods))
        .values("periode_id")
        .annotate(n=Count("*"), **SUMS)
        .order_by()
    )
    by_opd: dict[int, dict[str, dict]] = {}
    for row in rows:
        opd_id, jenis = periods[row["periode_id"]]
        by_opd.setdefault(opd_id, {})[jenis] = row
    found = []
    for opd in PerangkatDaerah.objects.filter(pemda=pemda).only("nama", "slug").order_by("nama"):
        ikm, dasar = ikm_setahun(by_opd.get(opd.pk, {}))
        found.append(BarisOpd(opd.pk, opd.nama, opd.slug, ikm, dasar if ikm.responden else ""))
    return found
