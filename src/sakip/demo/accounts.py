"""Demo accounts: one per role, each with a generated password shown once."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

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
    short = opd.slug.split("-")[-1]
    plan = [
        (f"admin-{opd.pemda.slug.split('-')[-1]}", Akun.Peran.ADMIN_PEMDA, None),
        (f"operator-{short}", Akun.Peran.OPERATOR, opd),
        (f"pimpinan-{short}", Akun.Peran.PIMPINAN, opd),
        (f"evaluator-{opd.pemda.slug.split('-')[-1]}", Akun.Peran.EVALUATOR, None),
    ]
    accounts = []
    with transaction.atomic():
        for username, peran, unit in plan:
            user = User.objects.filter(username=username).first()
            password = None
            if user is None:
                password = generate_password()
                user = User.objects.create_user(username=username, password=password)
            Akun.objects.update_or_create(
                user=user, defaults={"pemda": opd.pemda, "opd": unit, "peran": peran}
            )
            accounts.append(DemoAccount(username, Akun.Peran(peran).label, password))
    return accounts
