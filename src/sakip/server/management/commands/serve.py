"""`sakip serve`: the production server (gunicorn), behind nginx with TLS; see docs/deploy.md."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sakip.server.gunicorn import default_workers, gunicorn_argv, positive_int, refusals


class Command(BaseCommand):
    help = _(
        "Menjalankan sakip dengan gunicorn (layanan produksi, di belakang nginx). Menolak jalan "
        "bila SAKIP_DEBUG aktif atau SAKIP_HTTPS=1 tanpa SAKIP_SECRET_KEY."
    )
    requires_system_checks = []  # gunicorn loads the application itself, with the checks

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default="127.0.0.1:8000",
            help=_("alamat:port yang didengar (bawaan 127.0.0.1:8000, untuk nginx di depannya)"),
        )
        parser.add_argument(
            "--workers",
            help=_("jumlah proses (bawaan SAKIP_WEB_WORKERS, atau 2 × jumlah inti + 1, maks. 12)"),
        )

    def handle(self, *args, bind, workers, **options):
        reasons = refusals(os.environ, settings.DEBUG)
        if reasons:
            raise CommandError("\n".join(reasons))
        try:
            count = positive_int(workers, "--workers") if workers else default_workers()
        except ValueError as error:
            raise CommandError(str(error)) from error
        static_root = Path(settings.STATIC_ROOT or settings.DATA_DIR / "static")
        # the workers read the same data directory and static files whatever their working folder
        os.environ["SAKIP_DATA_DIR"] = str(settings.DATA_DIR)
        os.environ["SAKIP_STATIC_ROOT"] = str(static_root)
        collect_static(static_root)
        self.stdout.write(
            _("sakip melayani di http://%(bind)s dengan %(count)d proses")
            % {"bind": bind, "count": count}
        )
        self.stdout.flush()
        argv = gunicorn_argv(bind, count)
        os.execv(argv[0], argv)  # gunicorn takes this process: systemd's signals reach it


def collect_static(static_root: Path) -> None:
    """Collects the static files under hashed, compressed names (settings.STORAGES), at every start
    so that an upgrade of sakip never serves the files of the version before."""
    result = subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "--verbosity", "0"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "sakip.settings"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CommandError(
            _("Gagal mengumpulkan berkas statis ke %(folder)s:\n%(detail)s")
            % {"folder": static_root, "detail": result.stderr[-2000:]}
        )
