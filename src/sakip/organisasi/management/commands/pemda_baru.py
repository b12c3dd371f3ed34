"""`sakip pemda-baru SLUG NAMA JENIS`: a new pemda with the default predicate scale and its
first SAKIP admin, whose generated password is printed once with how to log in."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip.organisasi.actions_pemda import buat_pemda
from sakip.organisasi.models import Pemda


class Command(BaseCommand):
    @property
    def help(self):  # argparse needs a str, not a lazy translation: translated when asked
        return _(
            "Buat pemda baru dengan skala predikat bawaan dan akun admin SAKIP pertamanya; "
            "kata sandi ditampilkan sekali."
        )

    def add_arguments(self, parser):
        parser.add_argument("slug", help=_("mis. kabupaten-blora (huruf kecil dan tanda hubung)"))
        parser.add_argument("nama", help=_('mis. "Kabupaten Blora"'))
        parser.add_argument("jenis", choices=Pemda.Jenis.values)
        parser.add_argument(
            "--admin", default="", help=_("nama akun admin (bawaan: admin-<akhir slug>)")
        )
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help=_("alamat aplikasi yang dibuka pengguna (bawaan http://127.0.0.1:8000)"),
        )
        parser.add_argument("--data-dir", help=_("folder data (default ./sakip-data)"))

    def handle(self, *args, **options):
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        try:
            pemda, user, password = buat_pemda(
                options["slug"], options["nama"], options["jenis"], options["admin"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        login = options["url"].rstrip("/") + reverse("login")
        self.stdout.write(
            _("Pemda %(nama)s (%(slug)s) dibuat dengan skala predikat bawaan.")
            % {"nama": pemda.nama, "slug": pemda.slug}
        )
        self.stdout.write("")
        self.stdout.write(_("Masuk sebagai admin SAKIP pemda:"))
        self.stdout.write(f"  {_('Alamat')}:     {login}")
        self.stdout.write(f"  {_('Nama akun')}:  {user.username}")
        self.stdout.write(f"  {_('Kata sandi')}: {password}")
        self.stdout.write(_("Kata sandi hanya ditampilkan sekali ini. Simpan sekarang."))
        self.stdout.write(
            _(
                "Lalu: tambah OPD di Kelola perangkat daerah, buat akunnya di Kelola akun "
                "pengguna, periksa skala predikat di Pengaturan pemda."
            )
        )
