from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sakip.evaluasi import instrument
from sakip.organisasi.models import Pemda


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Muat instrumen LKE (berkas YAML) untuk satu pemda. Semua atau tidak sama sekali: "
            "berkas yang salah tidak dimuat sebagian pun."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "berkas",
            help=_("berkas YAML instrumen, mis. %(contoh)s") % {"contoh": instrument.SHIPPED.name},
        )
        parser.add_argument("--pemda", help=_("slug pemda; wajib bila ada lebih dari satu pemda"))
        parser.add_argument("--data-dir", help=_("folder data (default ./sakip-data)"))

    def _pemda(self, slug: str | None) -> Pemda:
        if slug:
            found = Pemda.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(_("Pemda %(slug)s tidak ditemukan.") % {"slug": slug})
            return found
        all_pemda = list(Pemda.objects.order_by("slug"))
        if len(all_pemda) != 1:
            raise CommandError(
                _("Sebutkan pemdanya dengan --pemda: %(pilihan)s.")
                % {"pilihan": ", ".join(p.slug for p in all_pemda) or _("belum ada pemda")}
            )
        return all_pemda[0]

    def handle(self, *args, **options):
        pemda = self._pemda(options.get("pemda"))
        try:
            loaded = instrument.load(pemda, instrument.read_file(Path(options["berkas"])))
        except ValidationError as error:
            lines = "\n".join(f"- {message}" for message in error.messages)
            raise CommandError(
                _("Instrumen tidak dimuat, tidak ada yang diubah:\n%(masalah)s")
                % {"masalah": lines}
            ) from None
        i = loaded.instrumen
        kriteria = sum(s.kriteria.count() for k in i.komponen.all() for s in k.sub_komponen.all())
        if loaded.created:
            self.stdout.write(
                _(
                    "Instrumen %(nama)s (%(kode)s versi %(versi)s) dimuat untuk %(pemda)s: "
                    "%(komponen)s komponen, %(kriteria)s kriteria."
                )
                % {
                    "nama": i.nama,
                    "kode": i.kode,
                    "versi": i.versi,
                    "pemda": pemda.nama,
                    "komponen": i.komponen.count(),
                    "kriteria": kriteria,
                }
            )
        else:
            self.stdout.write(
                _(
                    "Instrumen %(kode)s versi %(versi)s sudah dimuat untuk %(pemda)s; tidak ada "
                    "yang diubah."
                )
                % {"kode": i.kode, "versi": i.versi, "pemda": pemda.nama}
            )
