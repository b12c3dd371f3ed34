"""Files sakip keeps on disk (uploads, and documents it generates) and the one way they leave it.

- Names: sakip chooses every stored name (`new_name`: a random token plus a fixed extension from
  the checked kind), in a folder per pemda under settings.MEDIA_ROOT, e.g.
  `bukti-dukung/<pemda id>/<evaluasi id>/<token>.pdf`. The name the user gave is only kept in a
  column, cleaned by `display_name`, to show and to send back as the download's filename.
- Paths: a stored path is used only when it resolves inside MEDIA_ROOT and the kind's folder
  (`resolve`): no `..`, no absolute path elsewhere, no symlink out.
- Serving: MEDIA_ROOT is never served by a web server. A view that fetched the row through the
  authorization chokepoint answers with `attachment` / `file_attachment`: Content-Disposition
  attachment with a safe filename (RFC 6266), a content type sakip chose, nosniff.
- Removing: `remove_on_commit` deletes a file once the transaction that deleted (or replaced)
  its row commits; a rollback keeps it."""

from __future__ import annotations

import secrets
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.http import FileResponse, HttpResponse

OCTET_STREAM = "application/octet-stream"
FALLBACK_NAME = "berkas"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def new_name(folder: str | Path, ext: str) -> str:
    """A fresh path relative to its kind's folder: `folder/<random token><ext>`; `ext` is one
    sakip chose from the checked content (".pdf"), never the user's."""
    return str(PurePosixPath(str(folder)) / f"{secrets.token_hex(16)}{ext}")


def resolve(stored: str | Path | None, under: str = "", must_exist: bool = True) -> Path | None:
    """The absolute path of a stored file when it lies inside MEDIA_ROOT/`under` (and, with
    `must_exist`, is a file there); None for anything else."""
    if not stored:
        return None
    base = (media_root() / under).resolve()
    target = (base / stored).resolve()
    if base not in target.parents:
        return None
    if must_exist and not target.is_file():
        return None
    return target


def write(relative: str, chunks, under: str = "") -> Path:
    """Write a new file at `relative` (from `new_name`) inside MEDIA_ROOT/`under`; never over
    an existing one."""
    target = resolve(relative, under, must_exist=False)
    if target is None:
        raise ValueError(f"{relative!r} is not inside {under or 'MEDIA_ROOT'}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        for chunk in chunks:
            out.write(chunk)
    return target


def remove(stored: str | Path | None, under: str = "") -> bool:
    """Delete a stored file, only inside MEDIA_ROOT/`under` (its folder stays: another upload
    may be writing there)."""
    target = resolve(stored, under, must_exist=False)
    if target is None:
        return False
    target.unlink(missing_ok=True)
    return True


def remove_on_commit(stored: str | Path | None, under: str = "") -> None:
    """Delete the file when the current transaction commits (at once outside a transaction);
    a rollback keeps it, with the row that still names it."""
    if stored:
        transaction.on_commit(lambda: remove(stored, under), robust=True)


def display_name(name: str | None, limit: int = 200) -> str:
    """The user's name of a file, safe to show and to send back: its last part only (no folder,
    no `/` or `\\`), without control or invisible format characters (a right-to-left override
    would show "gpj.exe" as "exe.jpg"), at most `limit` characters keeping the extension."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    text = " ".join(text.split()).strip(" .")
    if len(text) > limit:
        suffix = PurePosixPath(text).suffix[:16]
        text = text[: limit - len(suffix)].rstrip(" .") + suffix
    return text or FALLBACK_NAME


def _ascii_fallback(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return "".join(c if c.isascii() else "_" for c in plain)


def content_disposition(filename: str) -> str:
    """`attachment` with the cleaned filename: quoted with `"` escaped; a name that is not
    plain ASCII also as RFC 6266 `filename*=UTF-8''…` after an ASCII fallback."""
    name = display_name(filename)
    fallback = _ascii_fallback(name).replace('"', '\\"')
    header = f'attachment; filename="{fallback}"'
    if not name.isascii():
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header


def _as_download(response, filename: str):
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """Bytes sakip made (a document, a spreadsheet) as a download."""
    return _as_download(HttpResponse(content, content_type=content_type), filename)


def file_attachment(path: Path, content_type: str, filename: str) -> FileResponse:
    """A stored file (from `resolve`) as a download, streamed."""
    response = FileResponse(path.open("rb"), content_type=content_type)
    return _as_download(response, filename)
