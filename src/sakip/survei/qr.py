"""QR codes as inline SVG, made on the server (no image files, no JavaScript, no CDN)."""

from io import BytesIO

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, title: str = "") -> SafeString:
    """A scalable SVG of the QR code for `text`, error correction M (survives a creased poster),
    sized by its container (viewBox only)."""
    code = segno.make(text, error="m", micro=False)
    buffer = BytesIO()
    code.save(
        buffer,
        kind="svg",
        scale=1,
        border=4,
        xmldecl=False,
        svgns=True,
        svgclass="qr",
        lineclass=None,
        omitsize=True,
        title=title or None,
    )
    # segno escapes the title and writes only paths: safe to inline
    return mark_safe(buffer.getvalue().decode())  # noqa: S308
