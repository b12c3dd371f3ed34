"""Content-Security-Policy: every response carries sakip's self-only policy (pages, public pages,
error pages), and nothing sakip writes needs what the policy refuses: no inline script, no
inline event handler, no style attribute, no `javascript:` URL, no eval.

The source scans read every template, every string in the Python code and every script of
sakip, so a handler or a style attribute added anywhere later fails here, not only in a browser."""

import ast
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import Context, Template
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone

from sakip.dataset import load_data
from sakip.formulas.predikat import Band, PredikatScale
from sakip.organisasi.middleware import CSP_POLICY
from sakip.organisasi.models import Akun, PerangkatDaerah, RentangPredikat
from sakip.pengukuran.templatetags.predikat import kelas_warna
from tests.factories import dataset
from tests.survei_hasil.helpers import add_responses, layanan, periode

SRC = Path(__file__).resolve().parents[1] / "src" / "sakip"
TAHUN = 2024

EXPECTED = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'nonce-{nonce}'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy_of(response) -> tuple[dict[str, list[str]], str]:
    """The policy's directives and the nonce it admits."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} twice in {header}"
        directives[name] = sources
    nonces = [s[len("'nonce-") : -1] for s in directives["style-src"] if s.startswith("'nonce-")]
    assert len(nonces) == 1, header
    return directives, nonces[0]


def assert_policy(response) -> str:
    directives, nonce = policy_of(response)
    expected = {
        name: [s.format(nonce=nonce) for s in sources] for name, sources in EXPECTED.items()
    }
    assert directives == expected
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert len(nonce) >= 16 and re.fullmatch(r"[A-Za-z0-9_-]+", nonce)
    return nonce


# --- the world ---------------------------------------------------------------------------------


@pytest.fixture
def opd(db):
    load_data(dataset())
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-contoh")


@pytest.fixture
def operator_client(opd):
    user = get_user_model().objects.create_user(username="operator-csp", password="x")
    Akun.objects.create(user=user, pemda=opd.pemda, opd=opd, peran="operator")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def skm(opd):
    """A service with a survey period open today and a few answers (charts on the results)."""
    service = layanan(opd)
    period = periode(opd, tahun=timezone.localdate().year)
    add_responses(period, service, [[3] * 9, [4] * 9, [2, 3, 4, 3, 2, 3, 4, 3, 2]])
    return {"layanan": service, "periode": period}


# --- the header --------------------------------------------------------------------------------


def test_the_dashboard_carries_the_policy_and_styles_its_badges_with_the_nonce(
    operator_client, opd
):
    response = operator_client.get(reverse("pengukuran", args=[opd.slug, TAHUN]))
    assert response.status_code == 200
    nonce = assert_policy(response)
    body = response.content.decode()
    used = set(re.findall(r'class="badge (warna-[0-9a-z]+)"', body))
    assert used, "no predicate badge on the dashboard: the test data changed"
    styles = re.findall(r"<style([^>]*)>(.*?)</style>", body, re.S)
    assert [attributes for attributes, _css in styles] == [f' nonce="{nonce}"']
    for band in RentangPredikat.objects.filter(pemda=opd.pemda):
        kelas = kelas_warna(band.warna)
        assert f".badge.{kelas}{{--badge:{band.warna}}}" in styles[0][1]
    assert used <= set(re.findall(r"\.badge\.(warna-[0-9a-z]+)\{", styles[0][1]))


def test_the_quarter_page_defines_every_colour_of_the_scale_for_rows_htmx_swaps_in(
    operator_client, opd
):
    response = operator_client.get(reverse("triwulan", args=[opd.slug, TAHUN, 4]))
    nonce = assert_policy(response)
    body = response.content.decode()
    for band in RentangPredikat.objects.filter(pemda=opd.pemda):
        assert f".badge.{kelas_warna(band.warna)}{{--badge:{band.warna}}}" in body
    assert f'<style nonce="{nonce}">' in body


def test_each_response_has_a_new_nonce(operator_client, opd):
    url = reverse("pengukuran", args=[opd.slug, TAHUN])
    first, second = (policy_of(operator_client.get(url))[1] for _ in range(2))
    assert first != second


def test_the_login_page_carries_the_policy(db):
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    assert_policy(response)


def test_the_public_skm_form_carries_the_policy_and_styles_from_a_file(skm):
    response = Client().get(reverse("skm_form", args=[skm["layanan"].token]))
    assert response.status_code == 200
    assert_policy(response)
    body = response.content.decode()
    assert "/static/survei/publik.css" in body
    assert "<style" not in body and " style=" not in body


def test_the_not_found_page_carries_the_policy(operator_client):
    response = operator_client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert_policy(response)


def test_the_too_large_answer_carries_the_policy(db, settings):
    response = Client().post(
        reverse("login"), data=b"x", content_type="text/plain", CONTENT_LENGTH=str(10**10)
    )
    assert response.status_code == 413
    assert_policy(response)
    assert b" style=" not in response.content


def _broken_view(request):
    raise RuntimeError("a bug")


def _download_view(request):
    response = HttpResponse(b"%PDF-1.4", content_type="application/pdf")
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"  # as sakip.files does
    return response


urlpatterns = [path("rusak/", _broken_view), path("unduh/", _download_view)]


@pytest.mark.urls("tests.test_csp")
def test_the_server_error_page_carries_the_policy_and_no_style_attribute(db):
    client = Client(raise_request_exception=False)
    response = client.get("/rusak/")
    assert response.status_code == 500
    assert_policy(response)
    assert b"Terjadi kesalahan di server" in response.content
    assert b" style=" not in response.content


@pytest.mark.urls("tests.test_csp")
def test_a_view_that_sets_a_stricter_policy_keeps_it(db):
    response = Client().get("/unduh/")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_policy_is_written_in_one_place():
    assert CSP_POLICY.count("{nonce}") == 1
    assert "'unsafe-inline'" not in CSP_POLICY and "'unsafe-eval'" not in CSP_POLICY


# --- badge colours from data -------------------------------------------------------------------


@pytest.mark.parametrize(
    "warna, kelas",
    [
        ("#1A7F37", "warna-1a7f37"),
        ("#abc", "warna-abc"),
        ("green", "warna-green"),
        ("", ""),
        (None, ""),
        ("rgb(0,0,0)", ""),  # another notation: the grey of .badge
        ("red;}body{display:none", ""),  # would close the rule
        ("#1a7f37</style><script>", ""),
    ],
)
def test_a_band_colour_becomes_a_class_only_when_it_is_a_plain_colour(warna, kelas):
    assert kelas_warna(warna) == kelas


def test_the_badge_style_keeps_out_what_is_not_a_colour():
    scale = PredikatScale(
        "uji",
        (
            Band("Baik", 50, True, None, False, "#1a7f37"),
            Band("Buruk", None, False, 50, False, "red;}body{display:none}"),
        ),
    )
    html = Template("{% load predikat %}{% gaya_predikat skala %}").render(
        Context({"skala": scale, "csp_nonce": "abc"})
    )
    assert html == '<style nonce="abc">.badge.warna-1a7f37{--badge:#1a7f37}</style>'


# --- what pages and sources contain ------------------------------------------------------------

# an attribute starts a word: not data-one=, w:style= or hx-on (its own entry)
REFUSED = {
    "an inline event handler": re.compile(r"(?<![\w:-])on[a-z]+\s*=", re.I),
    "an htmx hx-on handler (eval)": re.compile(r"\bhx-on", re.I),
    "a style attribute": re.compile(r"(?<![\w:-])style\s*=", re.I),
    "an inline script": re.compile(r"<script\b(?![^>]*\ssrc=)[^>]*>", re.I),
    "a style element without the nonce": re.compile(r"<style\b(?![^>]*\snonce=)[^>]*>", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)


def refused_in(text: str) -> list[str]:
    return [what for what, pattern in REFUSED.items() if pattern.search(text)]


@pytest.mark.parametrize(
    "text, found",
    [
        ('<button onclick="window.print()">', ["an inline event handler"]),
        ("<body onload='x()'>", ["an inline event handler"]),
        ('<form hx-on:submit="x()">', ["an htmx hx-on handler (eval)"]),
        ('<span class="badge" style="--badge: red">', ["a style attribute"]),
        ("<script>alert(1)</script>", ["an inline script"]),
        ('<script defer>x()</script><script src="/a.js">', ["an inline script"]),
        ("<style>a{}</style>", ["a style element without the nonce"]),
        ('<a href="javascript:void(0)">', ["a javascript: URL"]),
        ('<script src="/static/a.js" defer></script>', []),
        ('<style nonce="{{ csp_nonce }}">', []),
        ('<p class="onderdeel" data-one="1">', []),
        ('{% if x %}style="a"{% endif %}', ["a style attribute"]),
        ('<w:pStyle w:style="Judul"/>', []),
    ],
)
def test_the_scan_finds_what_the_policy_refuses(text, found):
    assert refused_in(text) == found


def _templates():
    return sorted(SRC.glob("*/templates/**/*.html"))


def test_no_template_needs_what_the_policy_refuses():
    assert len(_templates()) > 40
    problems = []
    for template in _templates():
        text = TEMPLATE_COMMENT.sub("", template.read_text(encoding="utf-8"))
        problems += [f"{template.relative_to(SRC)}: {what}" for what in refused_in(text)]
    assert problems == []


def _strings(source: str):
    """(line, text) of each string literal but docstrings; an f-string with {} for its fields.
    Adjacent literals come as one, as Python joins them."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    parts_of_fstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts_of_fstrings.update(id(v) for v in node.values)
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            yield node.lineno, text
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings | parts_of_fstrings
        ):
            yield node.lineno, node.value


def test_no_markup_written_in_python_needs_what_the_policy_refuses():
    """SVG charts, QR codes and any HTML made in Python: strings holding a style attribute or a
    handler (keyword arguments such as matplotlib's style="italic" are code, not strings)."""
    problems = []
    for module in sorted(SRC.rglob("*.py")):
        if "migrations" in module.parts:
            continue
        for line, string in _strings(module.read_text(encoding="utf-8")):
            problems += [f"{module.relative_to(SRC)}:{line}: {w}" for w in refused_in(string)]
    assert problems == []


def test_the_python_scan_reads_joined_and_formatted_strings():
    source = (
        'def chart(w):\n    """A chart with style="…" in its docstring."""\n'
        "    return (f'<svg class=\"chart\" '\n            f'style=\"max-width: {w}px\">')\n"
    )
    assert [refused_in(text) for _line, text in _strings(source)] == [["a style attribute"]]


EVAL = re.compile(r"\beval\s*\(|\bnew\s+Function\b|set(?:Timeout|Interval)\s*\(\s*[\"'`]")


def test_no_script_of_sakip_evaluates_strings():
    scripts = [s for s in SRC.glob("*/static/**/*.js") if s.name != "htmx.min.js"]
    assert scripts, "no scripts found: the path changed"
    problems = [
        f"{s.relative_to(SRC)}" for s in scripts if EVAL.search(s.read_text(encoding="utf-8"))
    ]
    assert problems == []


def test_htmx_is_told_not_to_inject_its_indicator_style_nor_to_eval():
    base = (SRC / "organisasi" / "templates" / "base.html").read_text(encoding="utf-8")
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'', base).group(1)
    assert '"includeIndicatorStyles":false' in config and '"allowEval":false' in config
    css = (SRC / "organisasi" / "static" / "sakip" / "sakip.css").read_text(encoding="utf-8")
    assert ".htmx-indicator" in css and ".htmx-request .htmx-indicator" in css


def test_rendered_pages_with_charts_qr_codes_and_badges_hold_nothing_refused(
    operator_client, opd, skm
):
    """What Python writes into pages (SVG charts, QR codes, badges), as the pages show it."""
    period = skm["periode"]
    urls = [
        reverse("pengukuran", args=[opd.slug, TAHUN]),
        reverse("triwulan", args=[opd.slug, TAHUN, 4]),
        reverse("renstra", args=[opd.slug]),
        reverse("skm_hasil", args=[opd.slug, period.pk]),
        reverse("skm_poster_opd", args=[opd.slug]),
        reverse("skm_kode_cetak", args=[opd.slug, period.pk]),
    ]
    for url in urls:
        response = operator_client.get(url)
        assert response.status_code == 200, url
        assert_policy(response)
        body = response.content.decode()
        assert refused_in(body) == [], url
    hasil = operator_client.get(urls[3]).content.decode()
    assert hasil.count("<svg") >= 2 and 'width="720"' in hasil  # the NRR chart's largest size
    poster = operator_client.get(urls[4]).content.decode()
    assert 'class="qr"' in poster and "data-cetak" in poster
