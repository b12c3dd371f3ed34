"""Writes to the program → kegiatan → sub-kegiatan tree, its indicators and its DPA versions.

Who: the planners of the OPD (operator, pimpinan; as actions.require_planner_of) and the
pemda's admin SAKIP in every OPD of the pemda. Each write validates (codes through
sakip.perencanaan.kode), saves in one transaction, with history where the model keeps it
(indicators, annual targets, pagu). A DPA version is *ditetapkan* once it has its nomor; until
then it is a draft."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.formulas.numbers import format_rupiah
from sakip.organisasi import limits
from sakip.organisasi.access import Refusals
from sakip.organisasi.concurrency import delete_if_unchanged, save_if_unchanged
from sakip.organisasi.models import Akun
from sakip.pengukuran.models import PeriodeLaporan, RealisasiAnggaran, RealisasiKinerja
from sakip.perencanaan import kode as kodes
from sakip.perencanaan.actions import (
    COMPUTING_FIELDS,
    check_target,
    frozen_use,
    require_planner_of,
)
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Kegiatan,
    Pagu,
    PerjanjianKinerja,
    Program,
    SubKegiatan,
    TargetPK,
    TargetTahunan,
    VersiAnggaran,
)

Peran = Akun.Peran
MODEL = {kodes.PROGRAM: Program, kodes.KEGIATAN: Kegiatan, kodes.SUB_KEGIATAN: SubKegiatan}
NAMA_TINGKAT = {
    kodes.PROGRAM: gettext_lazy("Program"),
    kodes.KEGIATAN: gettext_lazy("Kegiatan"),
    kodes.SUB_KEGIATAN: gettext_lazy("Sub-kegiatan"),
}

SUSUN_POHON = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat menyusun program, kegiatan dan sub-kegiatan."),
    own_opd=gettext_lazy("Anda hanya dapat menyusun program, kegiatan dan sub-kegiatan OPD Anda."),
)
SUSUN_DPA = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat menyusun DPA."),
    own_opd=gettext_lazy("Anda hanya dapat menyusun DPA OPD Anda sendiri."),
)


def tingkat_of(node) -> str:
    return next(t for t, model in MODEL.items() if isinstance(node, model))


def opd_of(node):
    if isinstance(node, Program):
        return node.opd
    if isinstance(node, Kegiatan):
        return node.program.opd
    return node.kegiatan.program.opd


def _label(node) -> str:
    return f"{NAMA_TINGKAT[tingkat_of(node)]} {node.kode}"


# --- codes and names -----------------------------------------------------------------------


def check_nama(nama: str) -> str:
    """The uraian stripped, or a ValidationError {"nama": …}: required, within its limit."""
    nama = limits.check_text(nama, Program._meta.get_field("nama").max_length, "nama", _("nama"))
    if not nama:
        raise ValidationError({"nama": _("Tulis nama (uraian) sesuai DPA.")})
    return nama


def salah_bentuk(tingkat: str, kode: str) -> str:
    """What to type when `kode` does not have the shape of `tingkat`."""
    return _(
        "Kode %(tingkat)s harus berbentuk %(bentuk)s (angka), misalnya %(contoh)s; "
        "yang diketik: %(kode)s."
    ) % {
        "tingkat": str(NAMA_TINGKAT[tingkat]).lower(),
        "bentuk": kodes.BENTUK[tingkat],
        "contoh": kodes.CONTOH[tingkat],
        "kode": kode or _("(kosong)"),
    }


def bukan_di_bawah(tingkat: str, kode: str, induk_kode: str, induk_nama: str) -> str:
    """What to type when `kode` does not begin with its parent's code."""
    return _(
        "Kode %(kode)s tidak diawali kode induknya %(induk)s (%(nama)s). Kode "
        "%(tingkat)s di bawahnya berbentuk %(induk)s.…, misalnya %(contoh)s."
    ) % {
        "kode": kode,
        "induk": induk_kode,
        "nama": induk_nama,
        "tingkat": str(NAMA_TINGKAT[tingkat]).lower(),
        "contoh": kodes.pindah_induk(kodes.CONTOH[tingkat], induk_kode),
    }


def _check_kode(opd, tingkat: str, kode: str, induk=None, exclude=None) -> str:
    """The code tidied, or a ValidationError {"kode": …} saying what to type."""
    kode = kodes.rapikan(kode)
    if not kodes.sah(tingkat, kode):
        raise ValidationError({"kode": salah_bentuk(tingkat, kode)})
    if induk is not None and not kodes.di_bawah(kode, induk.kode):
        raise ValidationError({"kode": bukan_di_bawah(tingkat, kode, induk.kode, induk.nama)})
    taken = in_opd(opd, tingkat).filter(kode=kode)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    found = taken.first()
    if found is not None:
        raise ValidationError(
            {
                "kode": _("Kode %(kode)s sudah dipakai %(nama)s di OPD ini; pilih kode lain.")
                % {"kode": kode, "nama": found.nama}
            }
        )
    return kode


def _with_reason(obj, alasan: str):
    """The history reason of the next save (an import names its file: "impor <berkas>")."""
    if alasan:
        obj._change_reason = limits.change_reason(alasan)
    return obj


def in_opd(opd, tingkat: str):
    """The nodes of one level of the OPD's tree."""
    path = {
        kodes.PROGRAM: "opd",
        kodes.KEGIATAN: "program__opd",
        kodes.SUB_KEGIATAN: "kegiatan__program__opd",
    }[tingkat]
    return MODEL[tingkat].objects.filter(pemda=opd.pemda, **{path: opd})


def tambah_program(
    user, opd, kode: str, nama: str, sasaran_renstra_kode: str = "", alasan: str = ""
) -> Program:
    require_planner_of(user, opd, SUSUN_POHON)
    with transaction.atomic():
        program = Program(
            pemda=opd.pemda,
            opd=opd,
            kode=_check_kode(opd, kodes.PROGRAM, kode),
            nama=check_nama(nama),
            sasaran_renstra_kode=limits.check_text(
                sasaran_renstra_kode, 20, "sasaran_renstra_kode", _("kode sasaran Renstra")
            ),
        )
        limits.check_limits(program)
        _with_reason(program, alasan).save()
        return program


def tambah_rincian(user, induk, kode: str, nama: str, alasan: str = ""):
    """A kegiatan under a program, or a sub-kegiatan under a kegiatan; its code begins with
    its parent's."""
    opd = opd_of(induk)
    require_planner_of(user, opd, SUSUN_POHON)
    tingkat = kodes.KEGIATAN if isinstance(induk, Program) else kodes.SUB_KEGIATAN
    parent_field = "program" if tingkat == kodes.KEGIATAN else "kegiatan"
    with transaction.atomic():
        node = MODEL[tingkat](
            pemda=opd.pemda,
            kode=_check_kode(opd, tingkat, kode, induk=induk),
            nama=check_nama(nama),
            **{parent_field: induk},
        )
        _with_reason(node, alasan).save()
        return node


def ubah_nama(user, node, nama: str, sasaran_renstra_kode: str | None = None, alasan: str = ""):
    """Rename a program, kegiatan or sub-kegiatan (and a program's sasaran Renstra)."""
    require_planner_of(user, opd_of(node), SUSUN_POHON)
    with transaction.atomic():
        node.nama = check_nama(nama)
        if isinstance(node, Program) and sasaran_renstra_kode is not None:
            node.sasaran_renstra_kode = limits.check_text(
                sasaran_renstra_kode, 20, "sasaran_renstra_kode", _("kode sasaran Renstra")
            )
        _with_reason(node, alasan).save()
        return node


# --- what a node's records hold -------------------------------------------------------------


def _subs_of(node) -> list[SubKegiatan]:
    if isinstance(node, SubKegiatan):
        return [node]
    path = "kegiatan" if isinstance(node, Kegiatan) else "kegiatan__program"
    return list(SubKegiatan.objects.filter(pemda=node.pemda, **{path: node}))


def _indicators_of(node, subs) -> list[Indikator]:
    from django.db.models import Q

    found = Q(sub_kegiatan__in=subs)
    if isinstance(node, Program):
        found |= Q(program=node) | Q(kegiatan__program=node)
    elif isinstance(node, Kegiatan):
        found |= Q(kegiatan=node)
    return list(Indikator.objects.filter(found, pemda=node.pemda))


def _frozen_years(opd, subs) -> str:
    """Why the place of these sub-kegiatan in the tree is fixed, or '': their pagu is in the
    DPA in force of a year whose PK is signed (the PK annex lists programs and their pagu), or a
    quarter of a year they have pagu in is submitted, verified or locked."""
    years = sorted(
        set(
            Pagu.objects.filter(pemda=opd.pemda, sub_kegiatan__in=subs).values_list(
                "versi_anggaran__tahun", flat=True
            )
        )
    )
    for tahun in years:
        if PerjanjianKinerja.objects.filter(
            pemda=opd.pemda, opd=opd, tahun=tahun, status=PerjanjianKinerja.Status.DITANDATANGANI
        ).exists():
            return _(
                "pagunya masuk lampiran Perjanjian Kinerja %(tahun)s yang sudah ditandatangani"
            ) % {"tahun": tahun}
        closed = (
            PeriodeLaporan.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun)
            .exclude(status__in=PeriodeLaporan.EDITABLE)
            .order_by("triwulan")
            .first()
        )
        if closed is not None:
            return _("triwulan %(triwulan)s %(tahun)s sudah %(status)s") % {
                "triwulan": closed.triwulan,
                "tahun": tahun,
                "status": closed.get_status_display().lower(),
            }
    return ""


def _removal_refused(opd, node) -> str:
    subs = _subs_of(node)
    spent = (
        RealisasiAnggaran.objects.filter(pemda=opd.pemda, sub_kegiatan__in=subs)
        .select_related("sub_kegiatan")
        .order_by("tahun", "triwulan")
        .first()
    )
    if spent is not None:
        return _(
            "sub-kegiatan %(kode)s sudah memiliki realisasi anggaran triwulan %(triwulan)s "
            "%(tahun)s. Koreksi atau hapus realisasinya lebih dulu"
        ) % {"kode": spent.sub_kegiatan.kode, "triwulan": spent.triwulan, "tahun": spent.tahun}
    fixed = (
        Pagu.objects.filter(pemda=opd.pemda, sub_kegiatan__in=subs)
        .exclude(versi_anggaran__nomor="")
        .select_related("versi_anggaran", "sub_kegiatan")
        .first()
    )
    if fixed is not None:
        return _(
            "sub-kegiatan %(kode)s memiliki pagu di %(versi)s yang sudah ditetapkan "
            "(nomor %(nomor)s)"
        ) % {
            "kode": fixed.sub_kegiatan.kode,
            "versi": fixed.versi_anggaran,
            "nomor": fixed.versi_anggaran.nomor,
        }
    frozen = _frozen_years(opd, subs)
    if frozen:
        return frozen
    for indikator in _indicators_of(node, subs):
        used = _indicator_in_use(indikator)
        if used:
            return used
    return ""


def _indicator_in_use(indikator: Indikator) -> str:
    if RealisasiKinerja.objects.filter(pemda=indikator.pemda, indikator=indikator).exists():
        return _("indikator %(nama)s sudah memiliki realisasi kinerja") % {"nama": indikator.nama}
    if TargetPK.objects.filter(pemda=indikator.pemda, indikator=indikator).exists():
        return _("indikator %(nama)s dipakai di Perjanjian Kinerja") % {"nama": indikator.nama}
    if IndikatorRenstra.objects.filter(pemda=indikator.pemda, indikator=indikator).exists():
        return _("indikator %(nama)s dipakai di Renstra") % {"nama": indikator.nama}
    return ""


def hapus_node(user, node) -> None:
    """Remove a program, kegiatan or sub-kegiatan with what hangs under it (children,
    indicators, targets, draft pagu), unless something recorded depends on it."""
    opd = opd_of(node)
    require_planner_of(user, opd, SUSUN_POHON)
    with transaction.atomic():
        reason = _removal_refused(opd, node)
        if reason:
            raise ValidationError(
                _("%(node)s tidak dapat dihapus: %(alasan)s.")
                % {"node": _label(node), "alasan": reason}
            )
        for pagu in Pagu.objects.filter(pemda=opd.pemda, sub_kegiatan__in=_subs_of(node)):
            delete_if_unchanged(pagu, None, _("sub-kegiatan dihapus dari pohon anggaran"))
        node.delete()


# --- moves ---------------------------------------------------------------------------------------


def pindahkan(user, node, induk_baru, kode_baru: str):
    """Move a kegiatan to another program, or a sub-kegiatan to another kegiatan of the same OPD.
    Its code must then begin with the new parent's: `kode_baru` (the form proposes it). A
    kegiatan's sub-kegiatan follow, their codes renewed the same way."""
    opd = opd_of(node)
    require_planner_of(user, opd, SUSUN_POHON)
    tingkat = tingkat_of(node)
    if tingkat == kodes.PROGRAM or not isinstance(induk_baru, MODEL[kodes.INDUK[tingkat]]):
        raise ValidationError(_("Hanya kegiatan dan sub-kegiatan yang dapat dipindahkan."))
    if opd_of(induk_baru).pk != opd.pk:
        raise ValidationError({"induk": _("Induk baru harus dari OPD yang sama.")})
    with transaction.atomic():
        parent_field = "program" if tingkat == kodes.KEGIATAN else "kegiatan"
        if getattr(node, f"{parent_field}_id") == induk_baru.pk:
            raise ValidationError({"induk": _("Pilih induk lain: ini induknya sekarang.")})
        if not kodes.rapikan(kode_baru):
            raise ValidationError(
                {
                    "kode": _("Tulis kode barunya di bawah %(induk)s, misalnya %(usul)s.")
                    % {
                        "induk": induk_baru.kode,
                        "usul": kodes.pindah_induk(node.kode, induk_baru.kode),
                    }
                }
            )
        kode = _check_kode(opd, tingkat, kode_baru, induk=induk_baru, exclude=node)
        frozen = _frozen_years(opd, _subs_of(node))
        if frozen:
            raise ValidationError(
                _("%(node)s tidak dapat dipindahkan: %(alasan)s.")
                % {"node": _label(node), "alasan": frozen}
            )
        if tingkat == kodes.KEGIATAN:
            for sub in node.sub_kegiatan.all():
                sub.kode = kodes.pindah_induk(sub.kode, kode)
                sub.save()
        node.kode = kode
        setattr(node, parent_field, induk_baru)
        node.save()
        return node


# --- indicators of a node ------------------------------------------------------------------------

PREFIX = {kodes.PROGRAM: "P", kodes.KEGIATAN: "K", kodes.SUB_KEGIATAN: "SK"}


def _new_indicator_code(node) -> str:
    base = f"{PREFIX[tingkat_of(node)]}-{node.kode}"
    taken = set(
        Indikator.objects.filter(pemda=node.pemda, kode__startswith=base).values_list(
            "kode", flat=True
        )
    )
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def tambah_indikator(user, node, data: dict, tahun: int, target: Decimal | None) -> Indikator:
    """An output/outcome indicator of a program, kegiatan or sub-kegiatan with its target for
    `tahun`. `data`: nama, satuan, arah (and optionally tipe_penghitungan, frekuensi, presisi)."""
    opd = opd_of(node)
    require_planner_of(user, opd, SUSUN_POHON)
    with transaction.atomic():
        indikator = Indikator(pemda=opd.pemda, opd=opd, kode=_new_indicator_code(node), **data)
        setattr(indikator, tingkat_of(node), node)
        _check_indicator(indikator)
        save_if_unchanged(
            indikator, None, _("indikator %(node)s ditambah") % {"node": _label(node)}
        )
        if target is not None:
            _simpan_target(indikator, tahun, target, 0)
        return indikator


def _check_indicator(indikator: Indikator) -> None:
    for field, message in (
        ("nama", _("Tulis nama indikator.")),
        ("satuan", _("Tulis satuan indikator, mis. %, dokumen, orang.")),
    ):
        if not (getattr(indikator, field) or "").strip():
            raise ValidationError({field: message})


def _simpan_target(indikator: Indikator, tahun: int, target, versi) -> TargetTahunan:
    check_target(indikator, target, None)
    row = TargetTahunan.objects.filter(
        pemda=indikator.pemda, indikator=indikator, tahun=tahun
    ).first() or TargetTahunan(pemda=indikator.pemda, indikator=indikator, tahun=tahun)
    if row.pk is not None and row.target_atas is not None and row.target_atas < target:
        row.target_atas = None  # a range whose lower bound passed its upper one becomes a value
    row.target = target
    save_if_unchanged(row, versi, _("target tahunan diubah"))
    return row


def _require_node_indicator(indikator: Indikator) -> None:
    if indikator.tingkat == "strategis":
        raise ValidationError(
            _(
                "%(nama)s adalah indikator tujuan/sasaran strategis: ubah di halaman Renstra dan "
                "IKU, bukan di pohon anggaran."
            )
            % {"nama": indikator.nama}
        )


def ubah_indikator(
    user, indikator: Indikator, data: dict, versi, tahun: int, target, versi_target
) -> Indikator:
    """Name, satuan, arah and the target for `tahun` of a node's indicator. Arah may not change
    once the indicator is measured in a signed PK or a closed quarter (actions.frozen_use)."""
    require_planner_of(user, indikator.opd, SUSUN_POHON)
    _require_node_indicator(indikator)
    with transaction.atomic():
        stored = Indikator.objects.get(pk=indikator.pk)
        changed = [f for f in COMPUTING_FIELDS if f in data and getattr(stored, f) != data[f]]
        reason = frozen_use(stored) if changed else ""
        if reason:
            raise ValidationError(
                {changed[0]: _("Tidak dapat diubah: %(alasan)s.") % {"alasan": reason}}
            )
        for field, value in data.items():
            setattr(indikator, field, value)
        _check_indicator(indikator)
        save_if_unchanged(indikator, versi, _("indikator diubah di pohon anggaran"))
        if target is not None:
            _simpan_target(indikator, tahun, target, versi_target)
        return indikator


def hapus_indikator(user, indikator: Indikator) -> None:
    require_planner_of(user, indikator.opd, SUSUN_POHON)
    _require_node_indicator(indikator)
    with transaction.atomic():
        used = _indicator_in_use(indikator)
        if used:
            raise ValidationError(
                _("Indikator tidak dapat dihapus: %(alasan)s.") % {"alasan": used}
            )
        for row in TargetTahunan.objects.filter(pemda=indikator.pemda, indikator=indikator):
            delete_if_unchanged(row, None, _("indikator dihapus"))
        delete_if_unchanged(indikator, None, _("indikator dihapus dari pohon anggaran"))


# --- DPA versions --------------------------------------------------------------------------------


def check_jumlah(sub: SubKegiatan, jumlah: Decimal) -> Decimal:
    if jumlah < 0:
        raise ValidationError(
            {f"p{sub.pk}": _("Pagu %(kode)s tidak boleh negatif.") % {"kode": sub.kode}}
        )
    limits.check_rupiah(jumlah, f"p{sub.pk}")
    return jumlah


def require_open_year(opd, tahun: int) -> None:
    """No pagu of a year with a quarter submitted, verified or locked is changed."""
    closed = PeriodeLaporan.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).exclude(
        status__in=PeriodeLaporan.EDITABLE
    )
    if closed.exists():
        raise ValidationError(
            _(
                "Ada triwulan %(tahun)s yang sudah diajukan, diverifikasi atau dikunci: pagu "
                "tahun itu tidak dapat diubah sampai admin SAKIP membukanya kembali."
            )
            % {"tahun": tahun}
        )


def buat_dpa_murni(
    user, opd, tahun: int, pagu: dict, nomor: str = "", tanggal=None, alasan: str = ""
) -> VersiAnggaran:
    """The DPA murni of a year that has no DPA yet. `pagu`: {SubKegiatan: Decimal or None};
    a sub-kegiatan left empty is not in this DPA."""
    require_planner_of(user, opd, SUSUN_DPA)
    filled = {sub: check_jumlah(sub, value) for sub, value in pagu.items() if value is not None}
    if not filled:
        raise ValidationError(_("Isi pagu sedikitnya satu sub-kegiatan (boleh 0)."))
    with transaction.atomic():
        if VersiAnggaran.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).exists():
            raise ValidationError(
                _("DPA %(tahun)s sudah ada; ubah pagunya atau buat DPA Perubahan.")
                % {"tahun": tahun}
            )
        versi = VersiAnggaran(
            pemda=opd.pemda,
            opd=opd,
            tahun=tahun,
            jenis=VersiAnggaran.Jenis.MURNI,
            urutan=1,
            nomor=limits.check_text(nomor, 200, "nomor", _("nomor DPA")),
            tanggal=tanggal,
        )
        reason = alasan or _("DPA Murni %(tahun)s disusun") % {"tahun": tahun}
        _with_reason(versi, reason).save()
        for sub, jumlah in filled.items():
            row = Pagu(pemda=opd.pemda, versi_anggaran=versi, sub_kegiatan=sub, jumlah=jumlah)
            save_if_unchanged(row, None, reason)
        return versi


def buat_dpa_perubahan(user, opd, tahun: int) -> VersiAnggaran:
    """The DPA perubahan of a year, its pagu copied from the DPA murni to be edited."""
    require_planner_of(user, opd, SUSUN_DPA)
    with transaction.atomic():
        versions = list(
            VersiAnggaran.objects.select_for_update()
            .filter(pemda=opd.pemda, opd=opd, tahun=tahun)
            .order_by("urutan")
        )
        murni = next((v for v in versions if v.jenis == VersiAnggaran.Jenis.MURNI), None)
        if murni is None:
            raise ValidationError(
                _("Buat DPA Murni %(tahun)s lebih dulu; DPA Perubahan disalin darinya.")
                % {"tahun": tahun}
            )
        if any(v.jenis == VersiAnggaran.Jenis.PERUBAHAN for v in versions):
            raise ValidationError(
                _("DPA Perubahan %(tahun)s sudah ada; ubah pagunya.") % {"tahun": tahun}
            )
        perubahan = VersiAnggaran.objects.create(
            pemda=opd.pemda,
            opd=opd,
            tahun=tahun,
            jenis=VersiAnggaran.Jenis.PERUBAHAN,
            urutan=max(v.urutan for v in versions) + 1,
        )
        for row in Pagu.objects.filter(pemda=opd.pemda, versi_anggaran=murni):
            copy = Pagu(
                pemda=opd.pemda,
                versi_anggaran=perubahan,
                sub_kegiatan_id=row.sub_kegiatan_id,
                jumlah=row.jumlah,
            )
            save_if_unchanged(copy, None, _("disalin dari DPA Murni %(tahun)s") % {"tahun": tahun})
        return perubahan


def pagu_tetap(versi: VersiAnggaran) -> str:
    """Why the pagu of `versi` is not changed any more, or '': it is not the DPA in force, or
    it is ditetapkan (has its nomor)."""
    if VersiAnggaran.in_force(versi.opd, versi.tahun).pk != versi.pk:
        return _("Hanya DPA yang berlaku (versi terakhir) yang pagunya dapat diubah di sini.")
    if versi.nomor:
        return _("%(versi)s sudah ditetapkan (nomor %(nomor)s): pagunya tidak diubah lagi.") % {
            "versi": versi,
            "nomor": versi.nomor,
        }
    return ""


def di_bawah_realisasi(jumlah: Decimal, spent: Decimal | None) -> str:
    """The refusal of a pagu below what is already spent in its year, or ''."""
    if spent is None or jumlah >= spent:
        return ""
    return _(
        "Pagu %(pagu)s lebih kecil dari realisasi yang sudah dicatat (%(realisasi)s). Koreksi "
        "realisasinya lebih dulu."
    ) % {"pagu": format_rupiah(jumlah), "realisasi": format_rupiah(spent)}


def realisasi_setahun(opd, tahun: int, subs) -> dict:
    """{sub-kegiatan id: realisasi anggaran of the year} of `subs`."""
    return dict(
        RealisasiAnggaran.objects.filter(pemda=opd.pemda, tahun=tahun, sub_kegiatan__in=list(subs))
        .values("sub_kegiatan_id")
        .annotate(total=Sum("jumlah"))
        .values_list("sub_kegiatan_id", "total")
    )


def simpan_pagu_dpa(user, versi: VersiAnggaran, pagu: dict, alasan: str = "") -> int:
    """The pagu of the DPA in force, many sub-kegiatan at once. `pagu`: {SubKegiatan: (Decimal
    or None, versi seen)}. Returns how many changed. A DPA ditetapkan (with its nomor) or a year
    with a closed quarter is not changed; a pagu is never below what is already spent."""
    opd = versi.opd
    require_planner_of(user, opd, SUSUN_DPA)
    with transaction.atomic():
        fixed = pagu_tetap(versi)
        if fixed:
            raise ValidationError(fixed)
        require_open_year(opd, versi.tahun)
        rows = {
            p.sub_kegiatan_id: p for p in Pagu.objects.filter(pemda=opd.pemda, versi_anggaran=versi)
        }
        spent = realisasi_setahun(opd, versi.tahun, pagu)
        errors, changed = {}, 0
        for sub, (jumlah, seen) in pagu.items():
            row = rows.get(sub.pk)
            field = f"p{sub.pk}"
            try:
                if jumlah is None:
                    if row is not None:
                        raise ValidationError({field: _("Pagu wajib diisi (boleh 0).")})
                    continue
                check_jumlah(sub, jumlah)
                below = di_bawah_realisasi(jumlah, spent.get(sub.pk))
                if below:
                    raise ValidationError({field: below})
                if row is not None and row.jumlah == jumlah:
                    continue
                if row is None:
                    row = Pagu(pemda=opd.pemda, versi_anggaran=versi, sub_kegiatan=sub)
                row.jumlah = jumlah
                reason = alasan or _("pagu %(versi)s diubah") % {"versi": versi}
                save_if_unchanged(row, seen, reason)
                changed += 1
            except ValidationError as error:
                for key, messages in (
                    error.message_dict.items()
                    if hasattr(error, "error_dict")
                    else [(field, error.messages)]
                ):
                    errors.setdefault(key, []).extend(messages)
        if errors:
            raise ValidationError(errors)  # nothing saved: the transaction rolls back
        return changed
