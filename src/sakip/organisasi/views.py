from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sakip.organisasi import actions
from sakip.organisasi.fields import TextLimitsMixin
from sakip.organisasi.forms_util import apply_errors, run_form
from sakip.organisasi.models import Akun, PerangkatDaerah
from sakip.organisasi.orang import NipField


class OrangForm(TextLimitsMixin, forms.Form):
    """The person who holds an account; every field optional, the NIP checked."""

    nama_lengkap = forms.CharField(
        label=gettext_lazy("Nama lengkap"),
        max_length=actions.NAMA_LENGKAP_MAX,
        required=False,
        help_text=gettext_lazy("dengan gelar, seperti ditulis di dokumen"),
    )
    nip = NipField(
        label=gettext_lazy("NIP"), help_text=gettext_lazy("18 angka; kosongkan bila bukan PNS")
    )
    pangkat_golongan = forms.CharField(
        label=gettext_lazy("Pangkat/golongan"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("mis. Penata Tk. I (III/d)"),
    )
    jabatan = forms.CharField(label=gettext_lazy("Jabatan"), max_length=200, required=False)


class AkunForm(OrangForm):
    username = forms.SlugField(
        label=gettext_lazy("Nama akun"),
        max_length=150,
        help_text=gettext_lazy("huruf kecil, angka dan tanda hubung, mis. operator-jati"),
        error_messages={
            "invalid": gettext_lazy(
                "Nama akun hanya boleh berisi huruf, angka, tanda hubung (-) dan garis bawah (_), "
                "tanpa spasi. Contoh: operator-jati."
            )
        },
    )
    peran = forms.ChoiceField(
        label=gettext_lazy("Peran"), choices=Akun.Peran.choices, initial=Akun.Peran.OPERATOR
    )
    opd = forms.ModelChoiceField(
        label=gettext_lazy("OPD (untuk operator dan pimpinan)"),
        required=False,
        queryset=PerangkatDaerah.objects.none(),
    )

    field_order = ["username", "peran", "opd", "nama_lengkap", "nip", "pangkat_golongan"]

    def __init__(self, *args, pemda, **kwargs):
        super().__init__(*args, **kwargs)
        # a deactivated OPD gets no new account
        self.fields["opd"].queryset = PerangkatDaerah.objects.filter(
            pemda=pemda, aktif=True
        ).order_by("nama")


def _page(request, admin, form, shown=None, status=200):
    accounts = (
        Akun.objects.filter(pemda_id=admin.pemda_id)
        .select_related("user", "opd")
        .order_by("user__username")
    )
    return render(
        request,
        "organisasi/akun.html",
        {
            "akun": admin,
            "form": form,
            "accounts": accounts,
            "shown": shown,
        },
        status=status,
    )


@login_required
def akun_list(request):
    admin = actions.require_admin(request.user)
    form = AkunForm(pemda=admin.pemda)
    if request.method == "POST":
        form = AkunForm(request.POST, pemda=admin.pemda)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created, password = actions.buat_akun(
                    request.user, data["username"], data["peran"], data["opd"], orang=data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                # shown in this response only: never stored in a message or a log
                return _page(
                    request,
                    admin,
                    AkunForm(pemda=admin.pemda),
                    shown=(created.user.username, password),
                )
        return _page(request, admin, form, status=422)
    return _page(request, admin, form)


@login_required
@require_POST
def akun_reset(request, akun_id: int):
    admin = actions.require_admin(request.user)
    target = actions.akun_in_my_pemda(request.user, akun_id)
    password = actions.reset_kata_sandi(request.user, target)
    return _page(
        request, admin, AkunForm(pemda=admin.pemda), shown=(target.user.username, password)
    )


@login_required
@require_POST
def akun_status(request, akun_id: int):
    target = actions.akun_in_my_pemda(request.user, akun_id)
    try:
        actions.ubah_status(request.user, target, request.POST.get("aktif") == "1")
        messages.success(
            request,
            _("Status akun %(username)s diubah.") % {"username": target.user.username},
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("akun_list")


@login_required
def akun_ubah(request, akun_id: int):
    """The person who holds the account: nama lengkap, NIP, pangkat/golongan, jabatan."""
    target = actions.akun_in_my_pemda(request.user, akun_id)
    form = OrangForm(initial=actions.orang_of(target))
    status = 200
    if request.method == "POST":
        form = OrangForm(request.POST)
        if run_form(
            request,
            form,
            lambda data: actions.simpan_data_akun(request.user, target, data),
            _("Data akun %(username)s disimpan.") % {"username": target.user.username},
            unchanged=_("Tidak ada yang berubah."),
        ):
            return redirect("akun_list")
        status = 422
    return render(
        request,
        "organisasi/akun_ubah.html",
        {
            "akun": actions.require_admin(request.user),
            "target": target,
            "form": form,
            "peristiwa": actions.riwayat_akun(target),
        },
        status=status,
    )
