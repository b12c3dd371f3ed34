"""What every Word document of sakip shares. Today: filling a Word template safely
(`sakip.dokumen.templat`); the renderers of the LKjIP, PK, LHE and Laporan Hasil SKM use it."""
