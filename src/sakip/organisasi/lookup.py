"""Finding an OPD by slug for command-line tools (trusted, local use; the web uses
sakip.organisasi.access instead)."""

from django.utils.translation import gettext as _

from sakip.organisasi.models import PerangkatDaerah


def find_opd(slug: str, pemda_slug: str | None = None) -> PerangkatDaerah:
    found = PerangkatDaerah.objects.select_related("pemda").filter(slug=slug)
    if pemda_slug:
        found = found.filter(pemda__slug=pemda_slug)
    found = list(found[:2])
    if not found:
        raise LookupError(
            _("OPD '%(slug)s' tidak ditemukan. Sudahkah data dimuat (sakip demo --no-serve)?")
            % {"slug": slug}
        )
    if len(found) > 1:
        raise LookupError(
            _("OPD '%(slug)s' ada di lebih dari satu pemda: sebutkan --pemda.") % {"slug": slug}
        )
    return found[0]
