import json

from django.core.management.base import BaseCommand, CommandError

from sakip.organisasi.lookup import find_opd
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.render import as_json, as_text


class Command(BaseCommand):
    help = "Pengukuran kinerja dan realisasi anggaran satu OPD untuk satu tahun."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="slug OPD, mis. kecamatan-jati")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument(
            "--pemda", help="slug pemda, bila slug OPD ada di lebih dari satu pemda"
        )
        parser.add_argument("--json", action="store_true", help="keluaran JSON")
        parser.add_argument("--data-dir", help="folder data (default ./sakip-data)")

    def handle(self, *args, **options):
        try:
            opd = find_opd(options["opd"], options.get("pemda"))
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        result = measure(opd, options["tahun"])
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(result))
