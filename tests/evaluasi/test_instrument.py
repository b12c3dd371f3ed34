"""The LKE instrument as versioned data: the shipped file, the loader (all or nothing) and the
sakip instrumen-lke command."""

import copy

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from sakip.evaluasi import instrument
from sakip.evaluasi.models import InstrumenLke, KriteriaLke
from sakip.formulas.lke import LKE_88_2021

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    return yaml.safe_load(instrument.SHIPPED.read_text(encoding="utf-8"))


def test_shipped_file_matches_the_regulation_weights(spec, opd):
    loaded = instrument.shipped_for(opd.pemda)
    engine, values = instrument.formula_instrument(loaded)
    assert [(c.kode, c.weight) for c in engine.components] == [
        (c.kode, c.weight) for c in LKE_88_2021.components
    ]
    assert [[s.weight for s in c.subcomponents] for c in engine.components] == [
        [s.weight for s in c.subcomponents] for c in LKE_88_2021.components
    ]
    assert values == {
        "AA": 100,
        "A": 90,
        "BB": 80,
        "B": 70,
        "CC": 60,
        "C": 50,
        "D": 30,
        "E": 0,
    }
    assert KriteriaLke.objects.filter(pemda=opd.pemda).count() == 80
    assert all(k.bukti_dukung for k in KriteriaLke.objects.filter(pemda=opd.pemda))


def test_loading_the_same_version_twice_changes_nothing(spec, opd):
    first = instrument.load(opd.pemda, instrument.validate(spec))
    again = instrument.load(opd.pemda, instrument.validate(spec))
    assert first.created and not again.created and first.instrumen == again.instrumen
    changed = copy.deepcopy(spec)
    changed["komponen"][0]["sub_komponen"][0]["kriteria"][0]["uraian"] = "Lain."
    with pytest.raises(ValidationError, match="versi baru"):
        instrument.load(opd.pemda, instrument.validate(changed))


@pytest.mark.parametrize(
    "change,words",
    [
        (lambda d: d["komponen"][0].update(bobot=31), "Jumlah bobot komponen harus 100, bukan 101"),
        (
            lambda d: d["komponen"][2]["sub_komponen"][1].update(bobot="5"),
            "Bobot komponen 3 (15,00) harus sama dengan jumlah bobot sub-komponennya (15,50)",
        ),
        (lambda d: d["jawaban"][0].update(nilai=120), "Nilai jawaban AA harus 0–100"),
        (lambda d: d["komponen"][1]["sub_komponen"][0].update(kriteria=[]), "kriteria harus"),
        (lambda d: d["komponen"][1]["sub_komponen"][0].update(dimensi="lain"), "dimensi harus"),
        (lambda d: d["komponen"][3]["sub_komponen"][2].update(kode="1.a"), "dipakai dua kali"),
    ],
)
def test_a_bad_file_is_refused_whole_and_says_what_is_wrong(spec, opd, tmp_path, change, words):
    change(spec)
    path = tmp_path / "lke.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("instrumen-lke", str(path), "--pemda", opd.pemda.slug)
    assert words in str(refused.value) and "tidak ada yang diubah" in str(refused.value)
    assert not InstrumenLke.objects.exists()


def test_the_command_loads_a_new_version_for_a_pemda(spec, opd, tmp_path, capsys):
    spec["versi"] = "2025-lokal"
    spec["jawaban"][1]["nilai"] = 85
    path = tmp_path / "lke.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, default_style=None), encoding="utf-8")
    call_command("instrumen-lke", str(path))  # one pemda: no --pemda needed
    assert "dimuat untuk Kabupaten Contoh: 4 komponen, 80 kriteria" in capsys.readouterr().out
    call_command("instrumen-lke", str(path))
    assert "tidak ada yang diubah" in capsys.readouterr().out
    assert instrument.latest_for(opd.pemda).versi == "2025-lokal"


def test_an_unreadable_file_is_refused(opd, tmp_path):
    path = tmp_path / "rusak.yaml"
    path.write_text("kode: [tidak tertutup", encoding="utf-8")
    with pytest.raises(CommandError, match="bukan YAML yang sah"):
        call_command("instrumen-lke", str(path))
