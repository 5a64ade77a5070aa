import pytest

from workbench.errors import InputError
from workbench.text import slugify
from workbench.wilayah import get_office, kabupaten_kota, normalize_code, registry


def test_registry_counts():
    offices = registry()
    assert sum(not o.is_provinsi for o in offices.values()) == 514
    assert len(kabupaten_kota("35")) == 38


@pytest.mark.parametrize(
    "raw, code",
    [
        ("3528", "35.28"),
        ("35.28", "35.28"),
        (" 35.28 ", "35.28"),
        ("35.1", "35.10"),
        ("35", "35"),
        (35, "35"),
    ],
)
def test_normalize_code(raw, code):
    assert normalize_code(raw) == code


def test_office_names():
    o = get_office("35.28")
    assert o.nama == "KPU Kabupaten Pamekasan"
    assert o.kop == "KOMISI PEMILIHAN UMUM KABUPATEN PAMEKASAN"
    assert o.kota_ttd == "Pamekasan"
    assert get_office("35").nama == "KPU Provinsi Jawa Timur"
    assert get_office("35.78").nama == "KPU Kota Surabaya"
    # same name, two offices: keyed by code
    assert get_office("35.06").nama != get_office("35.71").nama


def test_unknown_code_suggests():
    with pytest.raises(InputError) as e:
        get_office("35.99", file="x.yaml", field="satker")
    assert "35.99" in str(e.value) and "x.yaml" in str(e.value) and "Perbaikan" in str(e.value)


def test_slugify():
    assert (
        slugify("Rapat Koordinasi: Bakohumas & Humas (TW 2)")
        == "rapat-koordinasi-bakohumas-humas-tw-2"
    )
    assert slugify("Café ꦗꦮ") == "cafe"
    assert slugify("ꦗꦮ") == "tanpa-nama"
