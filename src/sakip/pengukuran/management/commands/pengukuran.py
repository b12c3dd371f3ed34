import dataclasses
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sakip.organisasi.lookup import find_opd
from sakip.pengukuran.dashboard import dashboard_for
from sakip.pengukuran.render import as_json, as_text


class Command(BaseCommand):
    @property
    def help(self):  # argparse needs a str, not a lazy translation: translated when asked
        return _("Pengukuran kinerja dan realisasi anggaran satu OPD untuk satu tahun.")

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help=_("slug OPD, mis. kecamatan-jati"))
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument(
            "--pemda", help=_("slug pemda, bila slug OPD ada di lebih dari satu pemda")
        )
        parser.add_argument("--json", action="store_true", help=_("keluaran JSON"))
        parser.add_argument("--data-dir", help=_("folder data (default ./sakip-data)"))

    def handle(self, *args, **options):
        try:
            opd = find_opd(options["opd"], options.get("pemda"))
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        board = dashboard_for(opd, options["tahun"])
        # the same warnings as the dashboard: unfilled quarters, quarters not yet verified
        result = dataclasses.replace(board.m, catatan=board.peringatan)
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(result))
