"""Whatever is wrong in a data file, loading it ends in a DatasetError that names the place,
never in a crash and never in a half-saved file."""

import copy

import pytest

from sakip.dataset import DatasetError, load_data
from sakip.organisasi.models import Pemda
from tests.factories import MINIMAL

pytestmark = pytest.mark.django_db


def paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield prefix + (key,)
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield prefix + (i,)
            yield from paths(value, prefix + (i,))


def wrong_value_for(value):
    """Something of another kind than what belongs there."""
    if isinstance(value, (dict, list)):
        return "teks"
    if isinstance(value, (int, float)) or (isinstance(value, str) and value[:1].isdigit()):
        return "bukan angka"
    if value is None:
        return {"tak": "terduga"}
    return ["daftar"]


def replaced(data, path, value):
    data = copy.deepcopy(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


ALL_PATHS = list(paths(MINIMAL))


@pytest.mark.parametrize("path", ALL_PATHS, ids=lambda p: ".".join(map(str, p)))
def test_a_wrong_kind_of_value_anywhere_is_refused_cleanly(path):
    node = MINIMAL
    for key in path:
        node = node[key]
    data = replaced(MINIMAL, path, wrong_value_for(node))
    try:
        load_data(data, source="rusak.yaml")
    except DatasetError as error:
        assert str(error)  # names the place and says what is wrong
        assert Pemda.objects.count() == 0
    # loading may also succeed where any text is acceptable (names, descriptions)
