import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from sakip.organisasi.access import akun_of, can_see_all_opd, opd_for_user, opd_list_for_user
from sakip.pengukuran.measurement import measure


def default_year() -> int:
    """The year whose report is being written: last year until the end of March."""
    today = datetime.date.today()
    return today.year - 1 if today.month <= 3 else today.year


@login_required
def home(request):
    akun = akun_of(request.user)
    if not can_see_all_opd(akun):
        return redirect("pengukuran", opd_slug=akun.opd.slug, tahun=default_year())
    return render(
        request,
        "organisasi/opd_list.html",
        {"opd_list": opd_list_for_user(request.user), "tahun": default_year(), "akun": akun},
    )


@login_required
def pengukuran(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    return render(
        request,
        "pengukuran/pengukuran.html",
        {"m": measure(opd, tahun), "opd": opd, "tahun": tahun, "akun": akun_of(request.user)},
    )
