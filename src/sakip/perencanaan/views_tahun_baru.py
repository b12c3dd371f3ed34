"""Starting a new year of an OPD (sakip.perencanaan.actions_tahun_baru): a confirmation page
listing what will be created, and the button that creates it. For the OPD's planners only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip.organisasi.access import opd_for_user
from sakip.perencanaan.actions import require_planner_of
from sakip.perencanaan.actions_tahun_baru import MULAI_TAHUN, mulai_tahun_baru, rencana_tahun_baru


def _page(request, opd, tahun: int, status=200):
    plan = rencana_tahun_baru(opd, tahun)
    return render(
        request,
        "perencanaan/tahun_baru.html",
        {"opd": opd, "tahun": plan.tahun_lama, "plan": plan},
        status=status,
    )


@login_required
def tahun_baru(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    require_planner_of(request.user, opd, MULAI_TAHUN)
    return _page(request, opd, tahun)


@login_required
@require_POST
def tahun_baru_mulai(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    try:
        hasil = mulai_tahun_baru(request.user, opd, tahun)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _page(request, opd, tahun, status=422)
    messages.success(
        request,
        _(
            "Tahun %(tahun)s dimulai: draf Perjanjian Kinerja, %(dpa)s dan %(n)s target tahunan "
            "dibuat. Periksa targetnya lalu tandatangani PK."
        )
        % {
            "tahun": tahun,
            "dpa": hasil.dpa or _("tanpa DPA (tahun sebelumnya belum ber-DPA)"),
            "n": hasil.target_tahunan,
        },
    )
    return redirect(reverse("perjanjian_kinerja", args=[opd.slug, tahun]))
