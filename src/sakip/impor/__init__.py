"""Spreadsheet imports, the parts every kind shares: reading an uploaded XLSX safely within limits
(`buku`), sheets sakip writes and reads back with their identifying columns locked (`lembar`),
the preview of every row as baru / berubah / tidak berubah / ditolak (`pratinjau`), the uploaded
file waiting between preview and apply and claimed once (`unggahan`), and the view flow around
them (`alur`, `forms`).

Used by the SKM paper-questionnaire import (sakip.survei.impor), the quarterly realisations
(sakip.pengukuran.impor_realisasi) and the PK targets (sakip.perencanaan.impor_target_pk)."""
