"""Evaluasi AKIP by the Inspektorat (PermenPAN-RB 88/2021): the LKE instrument as data, the
evaluation of one OPD and year, its report (LHE), the pemda recap and the follow-up."""
