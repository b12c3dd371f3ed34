from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sakip.dataset import DatasetError, load_file
from sakip.demo.accounts import ensure_demo_accounts
from sakip.organisasi.lookup import find_opd

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "kecamatan-jati.yaml"
DEMO_OPD = "kecamatan-jati"


class Command(BaseCommand):
    help = (
        "Siapkan basis data, muat data demo Kecamatan Jati (Kabupaten Blora), buat akun demo, "
        "lalu jalankan aplikasi di http://127.0.0.1:8000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help="folder data (default ./sakip-data)")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="berhenti setelah data dimuat")

    def handle(self, *args, **options):
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Basis data: {settings.DATABASES['default']['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        try:
            report = load_file(DEMO_FILE)
        except DatasetError as exc:
            raise CommandError(f"Data demo tidak dapat dimuat: {exc}") from exc
        if report.changed:
            written = sum(report.written.values())
            self.stdout.write(
                f"Data demo dimuat: {report.opd}, {report.pemda} ({written} baris ditulis)."
            )
        else:
            self.stdout.write(f"Data demo {report.opd} sudah terpasang; tidak ada yang berubah.")
        self.print_accounts(ensure_demo_accounts(find_opd(DEMO_OPD)), options["port"])
        if not options["no_serve"]:
            self.stdout.write(
                f"Membuka http://127.0.0.1:{options['port']}/ (Ctrl+C untuk berhenti)"
            )
            call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)

    def print_accounts(self, accounts, port):
        self.stdout.write("")
        self.stdout.write(f"Akun demo (masuk di http://127.0.0.1:{port}/):")
        for account in accounts:
            secret = account.password or "(sudah ada; kata sandi tidak berubah)"
            self.stdout.write(f"  {account.username:<20} {account.peran:<26} {secret}")
        if any(a.password for a in accounts):
            self.stdout.write("Kata sandi hanya ditampilkan sekali ini. Simpan sekarang.")
        else:
            self.stdout.write("Lupa kata sandi? sakip changepassword NAMA-AKUN")
