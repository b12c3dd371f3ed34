"""The `sakip` command: a thin front over Django's management commands.

`--data-dir D` (anywhere on the line) sets SAKIP_DATA_DIR before the settings are read."""

import os
import sys


def _take_data_dir(argv: list[str]) -> None:
    for i, arg in enumerate(argv):
        if arg == "--data-dir" and i + 1 < len(argv):
            os.environ["SAKIP_DATA_DIR"] = argv[i + 1]
        elif arg.startswith("--data-dir="):
            os.environ["SAKIP_DATA_DIR"] = arg.split("=", 1)[1]


# `sakip X-Y` for the commands whose module is x_y.py
ALIASES = {"pemda-baru": "pemda_baru"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    _take_data_dir(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    from django.core.management import execute_from_command_line

    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return
    argv[0] = ALIASES.get(argv[0], argv[0])
    execute_from_command_line(["sakip", *argv])


USAGE = """sakip — SAKIP untuk perangkat daerah

  sakip demo [--data-dir D] [--port P] [--no-serve]   muat demo Kecamatan Jati, jalankan aplikasi
  sakip serve [--bind 127.0.0.1:8000] [--workers N]  layanan produksi (gunicorn; docs/deploy.md)
  sakip worker                                         jalankan antrean tugas latar (docs/deploy.md)
  sakip pemda-baru SLUG "NAMA" kabupaten|kota|provinsi [--admin NAMA-AKUN] [--url URL]
                                                       pemda baru dan akun admin pertamanya
  sakip pengukuran --opd SLUG --tahun TTTT [--json]   capaian kinerja dan realisasi anggaran
  sakip lkjip --opd SLUG --tahun TTTT --out F.docx|F.pdf   LKjIP (Word atau PDF)
  sakip pk --opd SLUG --tahun TTTT --out F.docx|F.pdf      Perjanjian Kinerja
  sakip muat BERKAS.yaml                               muat data satu OPD (docs/data-format.md)
  sakip instrumen-lke BERKAS.yaml [--pemda SLUG]      muat versi instrumen LKE (docs/evaluasi.md)
  sakip cadangkan [--keluaran BERKAS|FOLDER]          cadangan basis data dan berkas (docs/operasi.md)
  sakip pulihkan BERKAS [--paksa]                      pulihkan cadangan ke instalasi yang kosong
  sakip changepassword NAMA                            ganti kata sandi akun
  sakip createsuperuser                                akun superuser (admin Django)

  sakip PERINTAH --help   keterangan satu perintah
  sakip help              semua perintah, termasuk perintah Django"""


if __name__ == "__main__":
    main()
