import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sakip.dataset import DatasetError, load_file
from sakip.demo.accounts import ensure_demo_accounts
from sakip.evaluasi.demo import load_demo as load_evaluasi_demo
from sakip.organisasi.lookup import find_opd
from sakip.organisasi.models import PerangkatDaerah
from sakip.survei.demo import load_demo as load_survei_demo

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "kecamatan-jati.yaml"
DEMO_OPD = "kecamatan-jati"


class Command(BaseCommand):
    @property
    def help(self):  # argparse needs a str, not a lazy translation: translated when asked
        return _(
            "Siapkan basis data, muat data demo Kecamatan Jati (Kabupaten Blora), buat akun demo, "
            "lalu jalankan aplikasi di http://127.0.0.1:8000."
        )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help=_("folder data (default ./sakip-data)"))
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help=_("berhenti setelah data dimuat")
        )

    def handle(self, *args, **options):
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
        self.stdout.write(
            _("Basis data: %(nama)s") % {"nama": settings.DATABASES["default"]["NAME"]}
        )
        call_command("migrate", interactive=False, verbosity=0)
        if PerangkatDaerah.objects.filter(slug=DEMO_OPD).exists():
            # what people entered on the web since is theirs: the demo file is loaded only once
            self.stdout.write(
                _("Data demo %(opd)s sudah terpasang; tidak ada yang berubah.")
                % {"opd": "Kecamatan Jati"}
            )
        else:
            try:
                report = load_file(DEMO_FILE)
            except DatasetError as exc:
                raise CommandError(
                    _("Data demo tidak dapat dimuat: %(error)s") % {"error": exc}
                ) from exc
            written = sum(report.written.values())
            self.stdout.write(
                ngettext(
                    "Data demo dimuat: %(opd)s, %(pemda)s (%(jumlah)s baris ditulis).",
                    "Data demo dimuat: %(opd)s, %(pemda)s (%(jumlah)s baris ditulis).",
                    written,
                )
                % {"opd": report.opd, "pemda": report.pemda, "jumlah": written}
            )
        opd = find_opd(DEMO_OPD)
        accounts = ensure_demo_accounts(opd)  # before the evaluation, which names its team
        for line in [*load_survei_demo(opd), *load_evaluasi_demo(opd)]:
            self.stdout.write(line)
        self.print_accounts(accounts, options["port"])
        if not options["no_serve"]:
            self.stdout.write(
                _("Membuka http://127.0.0.1:%(port)s/ (Ctrl+C untuk berhenti)")
                % {"port": options["port"]}
            )
            worker = start_worker()
            self.stdout.write(_("Worker tugas latar berjalan (pid %(pid)s).") % {"pid": worker.pid})
            try:
                call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)
            finally:
                stop_worker(worker)

    def print_accounts(self, accounts, port):
        self.stdout.write("")
        self.stdout.write(_("Akun demo (masuk di http://127.0.0.1:%(port)s/):") % {"port": port})
        for account in accounts:
            secret = account.password or _("(sudah ada; kata sandi tidak berubah)")
            self.stdout.write(f"  {account.username:<20} {account.peran:<36} {secret}")
        if any(a.password for a in accounts):
            self.stdout.write(_("Kata sandi hanya ditampilkan sekali ini. Simpan sekarang."))
        else:
            self.stdout.write(_("Lupa kata sandi? sakip changepassword NAMA-AKUN"))


def start_worker() -> subprocess.Popen:
    """One `sakip worker` beside the demo's web server, in the same process group: Ctrl+C
    reaches both (the worker finishes its task), and it stops with the demo."""
    env = {**os.environ, "SAKIP_DATA_DIR": str(settings.DATA_DIR)}
    return subprocess.Popen([sys.executable, "-m", "sakip", "worker", "--verbosity", "0"], env=env)


def stop_worker(worker: subprocess.Popen) -> None:
    """SIGTERM unless Ctrl+C already stopped it; a task still running after 30 s is left to the
    next worker, which takes it up again."""
    for signum, seconds in ((None, 2), (signal.SIGTERM, 30), (signal.SIGKILL, None)):
        if signum is not None:
            worker.send_signal(signum)
        try:
            worker.wait(timeout=seconds)
            return
        except subprocess.TimeoutExpired:
            continue
