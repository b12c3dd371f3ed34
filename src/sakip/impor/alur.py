"""The view flow of an XLSX import, the same for every kind: upload → the file waits under a token
listed in the user's session → preview (read again each time) → apply: the file is claimed, read
and checked again against the current data, applied all or nothing, then marked applied; a
failed apply releases it for another try; a second click finds it claimed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sakip import files
from sakip.impor.forms import BerkasXlsxForm, ukuran_maks, ukuran_teks
from sakip.impor.pratinjau import Pratinjau
from sakip.impor.unggahan import TempatUnggahan

SESSION = "sakip_impor"


def terlalu_besar(request, maks: int | None = None) -> bool:
    """Refused from the request's declared size, before the upload is read to disk."""
    declared = request.META.get("CONTENT_LENGTH") or ""
    size = int(declared) if declared.isascii() and declared.isdigit() else 0
    return size > (ukuran_maks() if maks is None else maks) + 64 * 1024


def terima(request, tempat: TempatUnggahan, pemda_id: int, lingkup: str, berkas) -> str:
    """Store the upload; the user's earlier upload for the same `lingkup` (e.g. "realisasi:12:
    2024:1") is removed, not left behind. Returns the token."""
    uploads = request.session.get(SESSION, {})
    for earlier, info in list(uploads.items()):
        if info["lingkup"] == lingkup:
            tempat.buang(earlier, pemda_id)
            del uploads[earlier]
    token = tempat.simpan(berkas.read(), pemda_id)
    uploads[token] = {"lingkup": lingkup, "nama": files.display_name(berkas.name, 100)}
    request.session[SESSION] = uploads
    return token


def nama_unggahan(request, token: str, lingkup: str) -> str | None:
    """The cleaned name of the user's upload `token` for `lingkup`, None when it is not theirs."""
    info = request.session.get(SESSION, {}).get(token)
    return info["nama"] if info and info["lingkup"] == lingkup else None


def _lupakan(request, token: str) -> None:
    uploads = request.session.get(SESSION, {})
    uploads.pop(token, None)
    request.session[SESSION] = uploads


@dataclass
class Hasil:
    """What became of a request on the preview page."""

    status: (
        str  # "pratinjau", "diterapkan", "ditolak", "sudah" (applied by another click), "hilang"
    )
    pratinjau: Pratinjau | None = None
    nama: str = ""
    pesan: list[str] | None = None
    jumlah: Any = None


def pratinjau_atau_terapkan(
    request,
    tempat: TempatUnggahan,
    pemda_id: int,
    token: str,
    lingkup: str,
    baca: Callable[[bytes], Pratinjau],
    terapkan: Callable[[Pratinjau, str], Any],
) -> Hasil:
    """GET: the preview. POST: apply once — `terapkan(pratinjau, nama berkas)` runs in the
    caller's transaction and raises ValidationError to refuse."""
    nama = nama_unggahan(request, token, lingkup)
    if request.method != "POST":
        content = tempat.baca(token, pemda_id) if nama else None
        if content is None:
            return Hasil("hilang")
        return Hasil("pratinjau", baca(content), nama)
    content = tempat.klaim(token, pemda_id) if nama else None
    if content is None:
        return Hasil("sudah" if tempat.sudah_diklaim(token, pemda_id) else "hilang")
    done, report, refusals = None, None, []
    try:  # the claimed file waits again unless the apply succeeds
        report = baca(content)
        if report.bisa_diterapkan:
            done = terapkan(report, nama)
    except ValidationError as error:
        refusals = error.messages
    finally:
        if done is None:
            tempat.lepas_klaim(token, pemda_id)
    if done is None:
        return Hasil("ditolak", report, nama, refusals)
    tempat.tandai_diterapkan(token, pemda_id)
    _lupakan(request, token)
    return Hasil("diterapkan", report, nama, jumlah=done)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def unggah(request, tempat: TempatUnggahan, pemda_id: int, lingkup: str):
    """The upload form's answer: (form, status, token); `token` once the file is stored. A body
    declared too big is refused before it is read."""
    if request.method != "POST":
        return BerkasXlsxForm(), 200, None
    if terlalu_besar(request):
        form = BerkasXlsxForm({})
        form.is_valid()
        form.errors["berkas"] = form.error_class(
            [
                _("Berkas terlalu besar; paling besar %(maks)s.")
                % {"maks": ukuran_teks(ukuran_maks())}
            ]
        )
        return form, 422, None
    form = BerkasXlsxForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, 422, None
    return form, 302, terima(request, tempat, pemda_id, lingkup, form.cleaned_data["berkas"])


PESAN_SUDAH = gettext_lazy(
    "Berkas ini sudah diterapkan (atau sedang diterapkan dari klik sebelumnya); isinya tidak "
    "diimpor dua kali."
)


def pesan_diterapkan(hasil: Hasil) -> str:
    return ngettext(
        "%(n)s baris diimpor dari %(berkas)s.",
        "%(n)s baris diimpor dari %(berkas)s.",
        hasil.jumlah,
    ) % {"n": hasil.jumlah, "berkas": hasil.nama}


def jawab(request, hasil: Hasil, context: dict, selesai: str, unggah_lagi: str):
    """The page for `hasil`: a redirect to `selesai` once applied (or applied by another click),
    to `unggah_lagi` when the upload is gone, else the preview (422 when the apply was refused).
    `context`: the preview page's, without the report."""
    if hasil.status == "hilang":
        messages.error(request, _("Berkas unggahan tidak ditemukan atau kedaluwarsa; unggah lagi."))
        return redirect(unggah_lagi)
    if hasil.status == "sudah":
        messages.info(request, PESAN_SUDAH)
        return redirect(selesai)
    if hasil.status == "diterapkan":
        messages.success(request, pesan_diterapkan(hasil))
        return redirect(selesai)
    for message in hasil.pesan or ():
        messages.error(request, message)
    context = {**context, "hasil": hasil, "report": hasil.pratinjau}
    status = 422 if hasil.status == "ditolak" else 200
    return render(request, "pengukuran/impor_pratinjau.html", context, status=status)
