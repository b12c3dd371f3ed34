"""Accounts for tests: one per role, attached to the test dataset's pemda and OPD."""

from django.contrib.auth import get_user_model

from sakip.organisasi.models import Akun, Pemda, PerangkatDaerah


def make_user(pemda: Pemda, peran: str, opd: PerangkatDaerah | None = None, name: str = ""):
    user = get_user_model().objects.create_user(
        username=name or f"{peran}-{pemda.slug}", password="x"
    )
    Akun.objects.create(user=user, pemda=pemda, opd=opd, peran=peran)
    return user
