"""Backup and restore of one installation: `sakip cadangkan` writes one archive holding the
database and the stored files (`cadangkan`), `sakip pulihkan` puts it back into an empty
installation (`pulihkan`). The archive's layout is in `arsip`; the per-database dump and
restore in `basis_data`."""


class CadanganError(Exception):
    """A backup or restore that cannot go on; the message (Bahasa Indonesia) says what to do.
    Nothing of the installation was changed when it is raised before the restore starts."""
