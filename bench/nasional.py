"""Benchmark: many pemda on one installation (issue 12, part 6; docs/skala.md).

Run:  .venv/bin/python bench/nasional.py [--pemda 540] [--opd 50] [--indikator 20]
                                          [--sub-kegiatan 8] [--repeat 5] [--db NAME] [--keep]

1. Creates its own PostgreSQL database (--db, default sakip_bench_nasional, on --server as user
   postgres; an old one of that name is dropped first, and this one after the run unless --keep)
   and the schema straight from the models (bench/benchdb.py).
2. Loads synthetic data with COPY: --pemda pemda × --opd OPD × --indikator strategic
   indicators, each OPD with its Perjanjian Kinerja of the year (most signed once; some revised,
   some still draft), the PK targets (a few ranges, a few 0), quarterly realisations (most four
   quarters, some three, some none), and a DPA (some revised) of --sub-kegiatan sub-kegiatan with
   pagu and quarterly spending. A third of the pemda cap capaian at 120 % for roll-ups. No
   history rows are written (a bulk load is not a change anyone made). The foreign-key triggers
   are off during the load (session_replication_role = replica, hence user postgres): the rows
   are consistent by construction. VACUUM ANALYZE.
3. Times, in the same run:
   (a) the national ranking of pemda by mean capaian (mean of the computed, capped capaian of
       every strategic indicator of the pemda) through sakip's code path — per pemda
       `measurement.measure_all` and the overview's cap, then `rata_rata_capaian` — against one
       raw SQL query computing the same figure for every pemda in the database;
   (b) one pemda's overview (`pengukuran.overview.overview`, the admin's ringkasan page) for its
       --opd OPDs against one raw SQL query of the same per-OPD figures (mean capaian, indicators,
       filled, pagu, realisasi);
   prints medians, query counts and the ratios, and checks that both ways give the same figures.

The machine is shared and noisy: the ratio between the two ways, measured in the same run, is
the figure to compare between machines.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchdb import DEFAULT_SERVER, create_database, create_schema, drop_database, setup_django

TWO = Decimal("0.01")


# --- loading ---------------------------------------------------------------------------------


class Table:
    """Rows of one model for COPY, ids given here: every concrete column, the field's default
    where a row leaves it out (so a new column with a default does not break the bench)."""

    def __init__(self, model):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.names = {f.attname for f in self.fields}
        self.defaults = [self._default(f) for f in self.fields]
        self.rows: list[tuple] = []
        self.next_id = 1
        self.count = 0

    @staticmethod
    def _default(field):
        value = field.get_default()
        if field.get_internal_type() == "JSONField":
            return json.dumps(value)
        return value

    def add(self, **values) -> int:
        unknown = set(values) - self.names
        if unknown:
            raise ValueError(f"{self.model.__name__} has no column {sorted(unknown)}")
        pk = values["id"] = self.next_id
        self.next_id += 1
        self.rows.append(
            tuple(values.get(f.attname, d) for f, d in zip(self.fields, self.defaults, strict=True))
        )
        return pk

    def flush(self, cursor) -> None:
        columns = ", ".join(f'"{f.column}"' for f in self.fields)
        with cursor.copy(f'COPY "{self.model._meta.db_table}" ({columns}) FROM STDIN') as copy:
            for row in self.rows:
                copy.write_row(row)
        self.count += len(self.rows)
        self.rows = []


def tables() -> dict[str, Table]:
    from sakip.organisasi.models import Pemda, PerangkatDaerah
    from sakip.pengukuran.models import RealisasiAnggaran, RealisasiKinerja
    from sakip.perencanaan.models import (
        Indikator,
        Kegiatan,
        Pagu,
        PerjanjianKinerja,
        Program,
        SasaranPK,
        SubKegiatan,
        TargetPK,
        VersiAnggaran,
    )

    models = (
        Pemda,
        PerangkatDaerah,
        Indikator,
        PerjanjianKinerja,
        SasaranPK,
        TargetPK,
        RealisasiKinerja,
        Program,
        Kegiatan,
        SubKegiatan,
        VersiAnggaran,
        Pagu,
        RealisasiAnggaran,
    )  # in foreign-key order
    return {model.__name__: Table(model) for model in models}


def thousands(number: float) -> str:
    return f"{number:,.0f}".replace(",", ".")


def dec(value: float) -> Decimal:
    return Decimal(f"{max(value, 0):.2f}")


def indicator_plan(rng: random.Random, quality: float) -> dict:
    """An indicator's kind, direction, target and level of achievement, as OPDs set them."""
    roll = rng.random()
    if roll < 0.5:  # an index or percentage: the last quarter's value counts
        tipe, target = "posisi_akhir", rng.uniform(60, 95)
    elif roll < 0.8:  # a count of things done: the quarters add up
        tipe, target = "kumulatif", float(rng.randint(20, 2000))
    else:  # a rate
        tipe, target = "rata_rata", rng.uniform(50, 100)
    shape = rng.random()
    lower = Decimal(0) if shape < 0.005 else dec(target)  # target 0: not computable
    upper = dec(target * 1.1) if 0.005 <= shape < 0.055 else None  # a range target
    return {
        "tipe": tipe,
        "arah": "turun" if rng.random() < 0.2 else "naik",
        "target": lower,
        "target_atas": upper,
        "factor": max(0.0, rng.gauss(quality, 0.12)),
    }


def quarters(rng: random.Random, plan: dict) -> list[Decimal]:
    """The quarters filled so far: most indicators four, some three, a few none."""
    roll = rng.random()
    filled = 4 if roll < 0.9 else 3 if roll < 0.96 else 0
    target = float(plan["target"]) or 50.0
    # lower is better: a realisation below the target is the achievement
    level = plan["factor"] if plan["arah"] == "naik" else max(0.0, 2 - plan["factor"])
    values = []
    for q in range(1, filled + 1):
        if plan["tipe"] == "kumulatif":
            values.append(dec(round(target / 4 * level * rng.gauss(1, 0.15))))
        elif plan["tipe"] == "posisi_akhir":
            values.append(dec(target * level * (0.7 + 0.1 * q) / 1.0 * rng.gauss(1, 0.02)))
        else:
            values.append(dec(target * level * rng.gauss(1, 0.05)))
    return values


def build_pemda(t: dict[str, Table], number: int, args, rng: random.Random) -> None:
    tahun = args.tahun
    pemda = t["Pemda"].add(
        slug=f"pemda-{number:03d}",
        nama=f"Kabupaten Sintetis {number:03d}",
        jenis="kabupaten",
        batas_capaian=Decimal(120) if number % 3 == 0 else None,
    )
    quality = rng.gauss(0.97, 0.06)  # some pemda do better than others: the ranking
    for o in range(args.opd):
        opd = t["PerangkatDaerah"].add(
            pemda_id=pemda, slug=f"opd-{o:02d}", nama=f"Perangkat Daerah {o:02d}", jenis="dinas"
        )
        indicators = [
            (
                t["Indikator"].add(
                    pemda_id=pemda,
                    opd_id=opd,
                    kode=f"IK{k + 1:02d}",
                    nama=f"Indikator sasaran {k + 1}",
                    satuan="%",
                    arah=plan["arah"],
                    tipe_penghitungan=plan["tipe"],
                    iku=True,
                ),
                plan,
            )
            for k, plan in enumerate(indicator_plan(rng, quality) for _k in range(args.indikator))
        ]
        roll = rng.random()  # 90 % signed once, 5 % revised (both signed), 5 % still a draft
        revisions = ["ditandatangani"] if roll < 0.9 else ["ditandatangani"] * 2
        if roll >= 0.95:
            revisions = ["draft"]
        for revisi, status in enumerate(revisions):
            pk = t["PerjanjianKinerja"].add(
                pemda_id=pemda,
                opd_id=opd,
                tahun=tahun,
                revisi=revisi,
                status=status,
                tanggal=datetime.date(tahun, 1, 2) + datetime.timedelta(days=180 * revisi),
            )
            sasaran = None
            for k, (indikator, plan) in enumerate(indicators):
                if k % 5 == 0:
                    sasaran = t["SasaranPK"].add(
                        pemda_id=pemda,
                        perjanjian_id=pk,
                        urutan=k // 5 + 1,
                        uraian=f"Sasaran strategis {k // 5 + 1}",
                    )
                revised = revisi and rng.random() < 0.3
                t["TargetPK"].add(
                    pemda_id=pemda,
                    sasaran_pk_id=sasaran,
                    indikator_id=indikator,
                    urutan=k % 5 + 1,
                    target=plan["target"] * Decimal("1.05") if revised else plan["target"],
                    target_atas=plan["target_atas"],
                )
        for indikator, plan in indicators:
            for q, nilai in enumerate(quarters(rng, plan), start=1):
                t["RealisasiKinerja"].add(
                    pemda_id=pemda, indikator_id=indikator, tahun=tahun, triwulan=q, nilai=nilai
                )
        build_budget(t, pemda, opd, args, rng)


def build_budget(t: dict[str, Table], pemda: int, opd: int, args, rng: random.Random) -> None:
    """One DPA murni (one OPD in ten also a perubahan, then in force) of --sub-kegiatan lines,
    four to a program and two to a kegiatan, with whole-rupiah pagu and quarterly spending."""
    subs = []
    program = kegiatan = None
    for s in range(args.sub_kegiatan):
        if s % 4 == 0:
            kode_program = f"1.01.{s // 4 + 1:02d}"
            program = t["Program"].add(
                pemda_id=pemda, opd_id=opd, kode=kode_program, nama=f"Program {s // 4 + 1}"
            )
        if s % 2 == 0:
            kode_kegiatan = f"{kode_program}.2.{s // 2 % 2 + 1:02d}"
            kegiatan = t["Kegiatan"].add(
                pemda_id=pemda, program_id=program, kode=kode_kegiatan, nama=f"Kegiatan {s // 2}"
            )
        subs.append(
            t["SubKegiatan"].add(
                pemda_id=pemda,
                kegiatan_id=kegiatan,
                kode=f"{kode_kegiatan}.{s % 2 + 1:04d}",
                nama=f"Sub-kegiatan {s + 1}",
            )
        )
    versions = ["murni", "perubahan"] if rng.random() < 0.1 else ["murni"]
    pagu = {sub: rng.randint(50, 2000) * 1_000_000 for sub in subs}
    for urutan, jenis in enumerate(versions, start=1):
        if jenis == "perubahan":
            pagu = {sub: round(v * rng.uniform(0.9, 1.1), -6) for sub, v in pagu.items()}
        versi = t["VersiAnggaran"].add(
            pemda_id=pemda, opd_id=opd, tahun=args.tahun, jenis=jenis, urutan=urutan
        )
        for sub in subs:
            t["Pagu"].add(
                pemda_id=pemda, versi_anggaran_id=versi, sub_kegiatan_id=sub, jumlah=pagu[sub]
            )
    for sub in subs:  # spent against the pagu in force, never above it
        serapan = min(1.0, max(0.3, rng.gauss(0.9, 0.06)))
        for q, share in enumerate((0.15, 0.25, 0.25, 0.35), start=1):
            t["RealisasiAnggaran"].add(
                pemda_id=pemda,
                sub_kegiatan_id=sub,
                tahun=args.tahun,
                triwulan=q,
                jumlah=int(pagu[sub] * serapan * share),
            )


def load(args) -> float:
    from django.core.management.color import no_style
    from django.db import connection

    start = time.perf_counter()
    t = tables()
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        # the rows are consistent by construction: no foreign-key trigger per row (superuser)
        cursor.execute("SET session_replication_role = replica")
        for number in range(1, args.pemda + 1):
            build_pemda(t, number, args, random.Random(args.seed * 100_003 + number))
            if number % 10 == 0 or number == args.pemda:
                for table in t.values():
                    table.flush(cursor)
        for statement in connection.ops.sequence_reset_sql(
            no_style(), [table.model for table in t.values()]
        ):
            cursor.execute(statement)
        cursor.execute("SET session_replication_role = DEFAULT")
    seconds = time.perf_counter() - start
    total = sum(table.count for table in t.values())
    counts = ", ".join(f"{name} {thousands(table.count)}" for name, table in t.items())
    print(
        f"loaded {thousands(total)} rows with COPY in {seconds:.1f} s "
        f"({thousands(total / seconds)} rows/s): {counts}"
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
    return seconds


# --- the two ways to the same figures ------------------------------------------------------

# Per strategic indicator of the PK in force: its capaian as sakip's formulas give it
# (sakip.formulas.capaian, triwulan), NULL when missing or not computable, capped by the pemda's
# batas_capaian (pengukuran.overview.capped). The PK and realisation CTEs are joined on ids
# alone: with pemda_id on those joins too, as a database distributed by pemda needs, the planner
# of one PostgreSQL node expected one row and the ranking was 3,5x slower (docs/skala.md).
# {pemda} is "" or a filter on one pemda, given on every table so that a database distributed
# by pemda sends that query to one shard alone.
CAPAIAN_SQL = """
WITH pk AS (  -- the PK in force: the latest signed revision, a draft only when none is signed
    SELECT DISTINCT ON (opd_id) id, opd_id
    FROM perencanaan_perjanjiankinerja
    WHERE tahun = %(tahun)s {pemda}
    ORDER BY opd_id, (status = 'ditandatangani') DESC, revisi DESC
),
realisasi AS (
    SELECT indikator_id,
           sum(nilai) AS jumlah,
           avg(nilai) AS rata,
           (array_agg(nilai ORDER BY triwulan DESC))[1] AS akhir
    FROM pengukuran_realisasikinerja
    WHERE tahun = %(tahun)s {pemda}
    GROUP BY indikator_id
),
baris AS (
    SELECT t.pemda_id, pk.opd_id, i.arah, t.target AS bawah,
           coalesce(t.target_atas, t.target) AS atas,
           coalesce(t.target_atas, t.target) >= t.target AS ada_target,  -- else: no target
           CASE i.tipe_penghitungan WHEN 'kumulatif' THEN r.jumlah
                WHEN 'rata_rata' THEN r.rata ELSE r.akhir END AS nilai
    FROM perencanaan_targetpk t
    JOIN perencanaan_sasaranpk s ON s.id = t.sasaran_pk_id AND s.pemda_id = t.pemda_id
    JOIN pk ON pk.id = s.perjanjian_id
    JOIN perencanaan_indikator i ON i.id = t.indikator_id AND i.pemda_id = t.pemda_id
    LEFT JOIN realisasi r ON r.indikator_id = t.indikator_id
    {pemda_t}
),
batas AS (  -- a range target: inside is 100; outside, the nearer bound
    SELECT pemda_id, opd_id, arah, nilai, ada_target,
           CASE WHEN atas <> bawah AND nilai BETWEEN bawah AND atas THEN NULL
                WHEN nilai > atas THEN atas ELSE bawah END AS acuan
    FROM baris
),
capaian AS (
    SELECT b.pemda_id, b.opd_id,
           CASE WHEN b.nilai IS NULL OR NOT b.ada_target THEN NULL
                WHEN b.acuan IS NULL THEN 100
                WHEN b.acuan <= 0 THEN NULL  -- target 0 or negative: tidak dapat dihitung
                ELSE greatest(0, CASE b.arah WHEN 'naik' THEN b.nilai / b.acuan
                                  ELSE 2 - b.nilai / b.acuan END * 100) END AS nilai
    FROM batas b
)
SELECT c.pemda_id, c.opd_id,
       CASE WHEN p.batas_capaian IS NOT NULL AND c.nilai > p.batas_capaian
            THEN p.batas_capaian ELSE c.nilai END AS capaian
FROM capaian c JOIN organisasi_pemda p ON p.id = c.pemda_id
"""

RANKING_SQL = f"""
SELECT p.slug, avg(x.capaian) AS capaian
FROM ({CAPAIAN_SQL.format(pemda="", pemda_t="")}) x JOIN organisasi_pemda p ON p.id = x.pemda_id
GROUP BY p.slug
ORDER BY capaian DESC NULLS LAST, p.slug
"""

ONE_PEMDA = "AND pemda_id = %(pemda)s"
OVERVIEW_SQL = f"""
WITH kinerja AS (
    SELECT opd_id, count(*) AS indikator, count(capaian) AS terisi, avg(capaian) AS capaian
    FROM ({CAPAIAN_SQL.format(pemda=ONE_PEMDA, pemda_t="WHERE t.pemda_id = %(pemda)s")}) x
    GROUP BY opd_id
),
versi AS (  -- the DPA in force: the latest version
    SELECT DISTINCT ON (opd_id) id, opd_id
    FROM perencanaan_versianggaran
    WHERE tahun = %(tahun)s {ONE_PEMDA}
    ORDER BY opd_id, urutan DESC
),
belanja AS (
    SELECT sub_kegiatan_id, sum(jumlah) AS jumlah
    FROM pengukuran_realisasianggaran
    WHERE tahun = %(tahun)s {ONE_PEMDA}
    GROUP BY sub_kegiatan_id
),
anggaran AS (
    SELECT v.opd_id, sum(g.jumlah) AS pagu, sum(coalesce(b.jumlah, 0)) AS realisasi
    FROM versi v
    JOIN perencanaan_pagu g ON g.versi_anggaran_id = v.id AND g.pemda_id = %(pemda)s
    LEFT JOIN belanja b ON b.sub_kegiatan_id = g.sub_kegiatan_id
    GROUP BY v.opd_id
)
SELECT o.slug, coalesce(k.indikator, 0), coalesce(k.terisi, 0), k.capaian, a.pagu, a.realisasi
FROM organisasi_perangkatdaerah o
LEFT JOIN kinerja k ON k.opd_id = o.id
LEFT JOIN anggaran a ON a.opd_id = o.id
WHERE o.pemda_id = %(pemda)s
ORDER BY o.nama
"""


def ranking_sakip(tahun: int) -> list[tuple[str, Decimal | None]]:
    from sakip.formulas.efisiensi import rata_rata_capaian
    from sakip.organisasi.models import Pemda, PerangkatDaerah
    from sakip.pengukuran.measurement import measure_all
    from sakip.pengukuran.overview import capped

    rows = []
    for pemda in Pemda.objects.order_by("pk"):
        opds = PerangkatDaerah.objects.filter(pemda=pemda).select_related("pemda").order_by("nama")
        results = [
            capped(row.capaian, pemda.batas_capaian)
            for measured in measure_all(pemda, tahun, opds)
            for row in measured.kinerja
        ]
        rows.append((pemda.slug, rata_rata_capaian(results).value))
    return sorted(rows, key=lambda r: (r[1] is None, -(r[1] or 0), r[0]))


def ranking_sql(tahun: int) -> list[tuple[str, Decimal | None]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(RANKING_SQL, {"tahun": tahun})
        return cursor.fetchall()


def overview_sakip(pemda, tahun: int) -> list[tuple]:
    from sakip.organisasi.models import PerangkatDaerah
    from sakip.pengukuran.overview import overview

    opds = PerangkatDaerah.objects.filter(pemda=pemda).select_related("pemda").order_by("nama")
    return [
        (r.slug, r.indikator, r.terisi, r.capaian.value, r.pagu, r.realisasi)
        for r in overview(pemda, tahun, opds)
    ]


def overview_sql(pemda, tahun: int) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(OVERVIEW_SQL, {"tahun": tahun, "pemda": pemda.pk})
        return cursor.fetchall()


def rounded(rows) -> list[tuple]:
    """Rows with every Decimal to 2 places: the two ways divide with other precisions."""
    return [tuple(v.quantize(TWO) if isinstance(v, Decimal) else v for v in row) for row in rows]


def timed(fn, repeat: int) -> tuple[list[float], int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result, times = None, []
    for _i in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
    return times, len(captured), result


def compare(label: str, sakip_fn, sql_fn, repeat: int) -> tuple[bool, list]:
    """Times both ways (`repeat` 0: the raw SQL once, sakip's way not at all); whether they give
    the same figures, and the SQL's rows."""
    sql_fn()  # warm the database's cache for both
    sql_times, sql_queries, sql_rows = timed(sql_fn, max(repeat, 1))
    sql_s = statistics.median(sql_times)
    if not repeat:
        print(f"{label}: raw SQL {sql_s * 1000:.0f} ms ({sql_queries} query); sakip not timed")
        return True, sql_rows
    sakip_times, sakip_queries, sakip_rows = timed(sakip_fn, repeat)
    sakip_s = statistics.median(sakip_times)
    same = rounded(sakip_rows) == rounded(sql_rows)
    print(
        f"{label}: sakip {sakip_s * 1000:.0f} ms ({sakip_queries} queries), raw SQL "
        f"{sql_s * 1000:.0f} ms ({sql_queries} query), ratio {sakip_s / sql_s:.1f}; "
        f"median of {repeat}; same figures: {'yes' if same else 'NO'}"
    )
    if not same:
        for a, b in zip(rounded(sakip_rows), rounded(sql_rows), strict=False):
            if a != b:
                print(f"  first difference: sakip {a} / SQL {b}")
                break
    return same, sql_rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pemda", type=int, default=540)
    parser.add_argument("--opd", type=int, default=50)
    parser.add_argument("--indikator", type=int, default=20)
    parser.add_argument("--sub-kegiatan", type=int, default=8)
    parser.add_argument("--tahun", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=5, help="runs of one pemda's overview")
    parser.add_argument(
        "--rank-repeat",
        type=int,
        default=1,
        help="runs of the national ranking through sakip (slow; 0: the raw SQL only)",
    )
    parser.add_argument("--db", default="sakip_bench_nasional")
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL")
    parser.add_argument("--keep", action="store_true", help="keep the database after the run")
    args = parser.parse_args()

    url = create_database(args.server, args.db)
    try:
        setup_django(url, Path(tempfile.mkdtemp(prefix="bench-nasional-")))
        create_schema()
        print(
            f"PostgreSQL database {args.db}: {args.pemda} pemda × {args.opd} OPD × "
            f"{args.indikator} indikator, {args.sub_kegiatan} sub-kegiatan per OPD, "
            f"tahun {args.tahun}"
        )
        load(args)
        from sakip.organisasi.models import Pemda

        same, ranking = compare(
            f"(a) national ranking of {args.pemda} pemda by mean capaian",
            lambda: ranking_sakip(args.tahun),
            lambda: ranking_sql(args.tahun),
            args.rank_repeat,
        )
        top, bottom = ranking[0], ranking[-1]
        print(f"  first {top[0]} {top[1]:.2f} %, last {bottom[0]} {bottom[1]:.2f} %")
        pemda = Pemda.objects.get(slug=ranking[len(ranking) // 2][0])
        same_overview, _rows = compare(
            f"(b) overview of {pemda.slug} ({args.opd} OPD)",
            lambda: overview_sakip(pemda, args.tahun),
            lambda: overview_sql(pemda, args.tahun),
            args.repeat,
        )
        same = same and same_overview
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(args.server, args.db)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
