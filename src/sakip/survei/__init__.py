"""Survei Kepuasan Masyarakat (SKM, PermenPAN-RB 14/2017): services, the public form, paper
questionnaires, results (IKM) and the link of an IKM indicator to its realisation."""
