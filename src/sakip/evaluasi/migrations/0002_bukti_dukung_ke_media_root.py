"""Uploaded evidence moves from DATA_DIR/bukti-dukung to MEDIA_ROOT/bukti-dukung, where every
file sakip stores lives (sakip.files checks a stored path against it). No column changes:
BuktiDukung.berkas stays relative to the evidence folder. Nothing to do on a fresh install."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations

FOLDER = "bukti-dukung"


def _move(source: Path, target: Path) -> None:
    if not source.is_dir() or source.resolve() == target.resolve():
        return
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        destination = target / path.relative_to(source)
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, destination)
    for folder in sorted((p for p in source.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(source.iterdir()):
        source.rmdir()


def forwards(apps, schema_editor):
    _move(Path(settings.DATA_DIR) / FOLDER, Path(settings.MEDIA_ROOT) / FOLDER)


def backwards(apps, schema_editor):
    _move(Path(settings.MEDIA_ROOT) / FOLDER, Path(settings.DATA_DIR) / FOLDER)


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
