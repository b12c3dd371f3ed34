"""Demo accounts: one per role, each with a generated password shown once, each held by a
person with nama lengkap, NIP, pangkat/golongan and jabatan (filled where still empty)."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.organisasi.models import Akun, PerangkatDaerah
from sakip.organisasi.orang import bersihkan_nip

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed by hand


@dataclass(frozen=True)
class Orang:
    """The person behind a demo account. NIP: lahir (8), pengangkatan (6), 1 laki-laki /
    2 perempuan, nomor urut (3)."""

    nama: str
    nip: str
    pangkat_golongan: str
    jabatan: str


# invented (docs/data-kecamatan-jati.md, "Akun demo"); pimpinan-jati is the OPD's kepala, the
# Camat who signed the seed (LKjIP 2024)
ORANG = {
    "admin-blora": Orang(
        "ANDRI PRASETYO, S.Kom.",
        "198811032012031003",
        "Penata Muda Tingkat I (III/b)",
        "Analis Kebijakan Ahli Pertama, Bagian Organisasi Sekretariat Daerah Kabupaten Blora",
    ),
    "operator-jati": Orang(
        "SRI WAHYUNINGSIH, S.E.",
        "198208142009032004",
        "Penata (III/c)",
        "Kepala Subbagian Program dan Keuangan Kecamatan Jati",
    ),
    "evaluator-blora": Orang(
        "DWI RAHMAWATI, S.E., M.Ak.",
        "198704212010122002",
        "Penata (III/c)",
        "Auditor Ahli Muda, Inspektorat Kabupaten Blora",
    ),
    "ketua-tim-blora": Orang(
        "Drs. HARI SUSANTO, M.Si.",
        "197009121996031005",
        "Pembina Tingkat I (IV/b)",
        "Auditor Ahli Madya, Inspektorat Kabupaten Blora",
    ),
}


def kepala_of(opd: PerangkatDaerah) -> Orang | None:
    """The OPD's kepala as a person; a NIP that is not 18 digits is left out."""
    if not opd.kepala_nama:
        return None
    try:
        nip = bersihkan_nip(opd.kepala_nip)
    except ValidationError:
        nip = ""
    return Orang(opd.kepala_nama, nip, opd.kepala_pangkat, opd.kepala_jabatan)


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
    people = {**ORANG, f"pimpinan-{short}": kepala_of(opd)}
    accounts = []
    with transaction.atomic():
        for username, peran, unit, label in plan:
            user = User.objects.filter(username=username).first()
            password = None
            if user is None:
                password = generate_password()
                user = User.objects.create_user(username=username, password=password)
            akun, _created = Akun.objects.update_or_create(
                user=user, defaults={"pemda": opd.pemda, "opd": unit, "peran": peran}
            )
            if people.get(username):
                fill_person(akun, people[username])
            accounts.append(DemoAccount(username, label or Akun.Peran(peran).label, password))
    return accounts


def fill_person(akun: Akun, orang: Orang) -> None:
    """Each of the person's fields that is still empty; what someone typed stays."""
    user = akun.user
    if not user.first_name:
        user.first_name = orang.nama
        user.save(update_fields=["first_name"])
    empty = [f for f in ("nip", "pangkat_golongan", "jabatan") if not getattr(akun, f)]
    for field in empty:
        setattr(akun, field, getattr(orang, field))
    if empty:
        akun.save(update_fields=empty)
