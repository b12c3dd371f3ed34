"""Demo accounts: one per role, each with a generated password shown once."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.organisasi.models import Akun, PerangkatDaerah

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed by hand


@dataclass(frozen=True)
class DemoAccount:
    username: str
    peran: str
    password: str | None  # None when the account already existed: its password is unchanged


def generate_password() -> str:
    groups = ["".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(4)]
    return "-".join(groups)


def ensure_demo_accounts(opd: PerangkatDaerah) -> list[DemoAccount]:
    User = get_user_model()
    short, pemda = opd.slug.split("-")[-1], opd.pemda.slug.split("-")[-1]
    ketua = _("%(peran)s, ketua tim") % {"peran": Akun.Peran.EVALUATOR.label}
    plan = [
        (f"admin-{pemda}", Akun.Peran.ADMIN_PEMDA, None, None),
        (f"operator-{short}", Akun.Peran.OPERATOR, opd, None),
        (f"pimpinan-{short}", Akun.Peran.PIMPINAN, opd, None),
        (f"evaluator-{pemda}", Akun.Peran.EVALUATOR, None, None),
        # the Evaluasi AKIP is graded by one evaluator and reviewed by a ketua tim
        (f"ketua-tim-{pemda}", Akun.Peran.EVALUATOR, None, ketua),
    ]
    accounts = []
    with transaction.atomic():
        for username, peran, unit, label in plan:
            user = User.objects.filter(username=username).first()
            password = None
            if user is None:
                password = generate_password()
                user = User.objects.create_user(username=username, password=password)
            Akun.objects.update_or_create(
                user=user, defaults={"pemda": opd.pemda, "opd": unit, "peran": peran}
            )
            accounts.append(DemoAccount(username, label or Akun.Peran(peran).label, password))
    return accounts
