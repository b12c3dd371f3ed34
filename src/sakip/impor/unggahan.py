"""An uploaded file waiting between the preview and "Terapkan".

It is stored as MEDIA_ROOT/<folder>/<pemda id>/<random token>.xlsx (sakip.files: a name sakip
chooses); the session holds which tokens are the user's (sakip.impor.alur). At apply the file is
claimed by an atomic rename, so that of two applies at once (a double click) only one gets it;
after a successful apply an empty marker stays so that the second click can be told. A file not
applied goes when the user uploads another for the same place, or after SIMPAN_JAM hours (swept
at each upload)."""

from __future__ import annotations

import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from sakip import files

SIMPAN_JAM = 24
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class TempatUnggahan:
    """The waiting files of one kind of import, in `folder` under MEDIA_ROOT."""

    folder: str
    simpan_jam: int = SIMPAN_JAM

    def _relative(self, pemda_id: int, token: str, suffix: str) -> str:
        return f"{int(pemda_id)}/{token}.{suffix}"

    def _path(self, token: str, suffix: str, pemda_id: int) -> Path | None:
        if not TOKEN.fullmatch(token or ""):
            return None
        return files.resolve(
            self._relative(pemda_id, token, suffix), under=self.folder, must_exist=False
        )

    def buang_kedaluwarsa(self) -> None:
        """Remove the waiting files (and markers) older than `simpan_jam` hours, of every pemda."""
        cutoff = time.time() - self.simpan_jam * 3600
        for stale in (files.media_root() / self.folder).glob("*/*"):
            try:
                if stale.is_file() and stale.stat().st_mtime < cutoff:
                    stale.unlink()
            except FileNotFoundError:  # removed by another request meanwhile
                continue

    def simpan(self, content: bytes, pemda_id: int) -> str:
        self.buang_kedaluwarsa()
        token = secrets.token_urlsafe(24)
        files.write(self._relative(pemda_id, token, "xlsx"), [content], under=self.folder)
        return token

    def buang(self, token: str, pemda_id: int) -> None:
        """A waiting file the user left for another upload: removed, not kept until it expires."""
        if TOKEN.fullmatch(token or ""):
            files.remove(self._relative(pemda_id, token, "xlsx"), under=self.folder)

    def baca(self, token: str, pemda_id: int) -> bytes | None:
        path = self._path(token, "xlsx", pemda_id)
        return path.read_bytes() if path and path.exists() else None

    def klaim(self, token: str, pemda_id: int) -> bytes | None:
        """Take the waiting file for applying; None when another request took it first."""
        path = self._path(token, "xlsx", pemda_id)
        if path is None:
            return None
        claimed = path.with_suffix(".applying")
        try:
            os.rename(path, claimed)
        except FileNotFoundError:
            return None
        return claimed.read_bytes()

    def lepas_klaim(self, token: str, pemda_id: int) -> None:
        """The apply failed: the file waits again for another try."""
        claimed = self._path(token, "applying", pemda_id)
        if claimed is not None and claimed.exists():
            os.rename(claimed, claimed.with_suffix(".xlsx"))

    def tandai_diterapkan(self, token: str, pemda_id: int) -> None:
        """The apply succeeded: the file goes, an empty marker stays (until the stale clean-up)."""
        claimed = self._path(token, "applying", pemda_id)
        if claimed is not None:
            claimed.with_suffix(".diterapkan").touch()
            claimed.unlink(missing_ok=True)

    def sudah_diklaim(self, token: str, pemda_id: int) -> bool:
        """Applied already, or being applied right now."""
        return any(
            path is not None and path.exists()
            for path in (
                self._path(token, "applying", pemda_id),
                self._path(token, "diterapkan", pemda_id),
            )
        )
