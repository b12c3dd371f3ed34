"""Which year a page opens on when the user has not chosen one."""

import datetime

from django.db.models import Max

from sakip.perencanaan.models import PerjanjianKinerja, VersiAnggaran


def default_year(pemda, opd=None) -> int:
    """The year to open: the latest year up to now that has a PK or a DPA (of the OPD, or of
    any OPD of the pemda); without any, the year whose report is being written (last year
    until the end of March)."""
    today = datetime.date.today()
    planned = [
        model.objects.filter(
            pemda=pemda, tahun__lte=today.year, **({"opd": opd} if opd else {})
        ).aggregate(latest=Max("tahun"))["latest"]
        for model in (PerjanjianKinerja, VersiAnggaran)
    ]
    planned = [year for year in planned if year is not None]
    if planned:
        return max(planned)
    return today.year - 1 if today.month <= 3 else today.year
