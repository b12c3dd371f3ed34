"""Security issue 10: a Word template is Jinja source, so an uploaded one must never run code.

Refused at upload (every part docxtpl renders), inert if it reaches storage by other means,
and every document renders in the sandbox."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError

from sakip.dataset import load_data
from sakip.dokumen import templat
from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.pelaporan.build import build_lkjip
from sakip.pelaporan.docx import render_lkjip
from sakip.pelaporan.models import TemplatDokumen
from sakip.pelaporan.template import PK_TEMPLATE_PATH, TEMPLATE_PATH
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db

REPRODUCTION = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"


def with_tag(tag: str, part: str = "word/document.xml", after: str = "{{ tahun }}") -> bytes:
    """The built-in LKjIP template with `tag` as a run right after `after` in `part`, as an
    attacker would edit word/document.xml (or a header, a footer) by hand."""
    run = '</w:t></w:r><w:r><w:t xml:space="preserve">' + _xml_text(tag)
    return _edit(TEMPLATE_PATH, part, lambda xml: xml.replace(after, after + run, 1))


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _edit(path: Path, part: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == part:
                changed = change(data.decode())
                assert changed != data.decode(), f"nothing changed in {part}"
                data = changed.encode()
            target.writestr(name, data)
    return out.getvalue()


def with_footnote(tag: str) -> bytes:
    """The built-in template with a footnotes part whose note holds `tag`."""
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{_xml_text(tag)}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE_PATH) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name).decode()
            if name == "[Content_Types].xml":
                data = data.replace(
                    "</Types>",
                    '<Override PartName="/word/footnotes.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            if name == "word/_rels/document.xml.rels":
                data = data.replace(
                    "</Relationships>",
                    '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    "</Relationships>",
                )
            target.writestr(name, data)
        target.writestr("word/footnotes.xml", footnotes)
    return out.getvalue()


def with_text_box(tag: str) -> bytes:
    box = (
        '<w:p><w:r><w:pict><v:shape style="width:100pt;height:20pt"><v:textbox><w:txbxContent>'
        f"<w:p><w:r><w:t>{_xml_text(tag)}</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    return _edit(
        TEMPLATE_PATH, "word/document.xml", lambda xml: xml.replace("<w:body>", "<w:body>" + box, 1)
    )


def with_title(tag: str) -> bytes:
    document = Document(str(TEMPLATE_PATH))
    document.core_properties.title = tag
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def admin(client):
    load_data(dataset())
    user = make_user(Pemda.objects.get(), "admin_pemda")
    client.force_login(user)
    return user


def upload(client, content: bytes, jenis="lkjip"):
    return client.post(
        reverse("templat"), {"jenis": jenis, "berkas": SimpleUploadedFile("t.docx", content)}
    )


def test_the_reproduction_is_refused_at_upload_with_its_text_and_place(client, admin):
    response = upload(client, with_tag(REPRODUCTION))
    page = response.content.decode()
    assert response.status_code == 422
    assert "Templat ditolak" in page
    assert "cycler.__init__.__globals__.os.popen" in page  # the tag itself, escaped in the page
    assert "isi dokumen, paragraf ke-" in page
    assert not TemplatDokumen.objects.exists()


@pytest.mark.parametrize(
    "tag, reason",
    [
        ("{% import 'os' as os %}", "perintah {% import %} tidak diizinkan"),
        ("{% include 'x' %}", "perintah {% include %} tidak diizinkan"),
        ("{% set x = 1 %}", "perintah {% set %} tidak diizinkan"),
        ("{{ ''.__class__ }}", "akses atribut “.__class__” tidak diizinkan"),
        ("{{ opd._pk }}", "akses atribut “._pk” tidak diizinkan"),
        ("{{ opd.upper() }}", "pemanggilan fungsi"),
        ("{{ opd['x'] }}", "akses indeks"),
        ("{{ config }}", "variabel “config” tidak tersedia"),
        ("{{ opd|safe }}", "filter “safe” tidak tersedia"),
        ("{{ opd|attr('x') }}", "filter “attr” tidak tersedia"),
        ("{{ 'a' * 999999999 }}", "operator “*” tidak diizinkan"),
        ("{{ 9 ** 9 ** 9 }}", "operator “**” tidak diizinkan"),
        ("{% for x in opd %}x{% endfor %}", "perulangan {% for %} tidak tersedia"),
        ("{{ opd ", "penanda tidak dapat dibaca"),
        ("{{ tahun + opd }}", "operator “+” tidak diizinkan"),
        ("{# catatan #}", "komentar {# … #} tidak dipakai"),
        ("{_{ opd.upper() }_}", "penanda tersamar"),
        ("{% raw %}{{ x }}{% endraw %}", "penanda tersamar"),
        ("{{ '{{ opd.upper() }}' }}", "kurung kurawal"),
    ],
)
def test_each_forbidden_construct_is_refused_with_its_reason(tag, reason):
    found = [str(t) for t in templat.periksa(with_tag(tag), "lkjip")]
    assert len(found) == 1 and reason in found[0], found


@pytest.mark.parametrize(
    "content, place",
    [
        (
            with_tag("{{ self.__init__ }}", "word/footer1.xml", "<w:t>1"),
            "kaki halaman (footer1.xml)",
        ),
        (
            with_tag("{{ self.__init__ }}", "word/header1.xml", "{{ tahun }}"),
            "kepala halaman (header1.xml)",
        ),
        (with_footnote("{{ self.__init__ }}"), "catatan kaki"),
        (with_text_box("{{ self.__init__ }}"), "isi dokumen, paragraf ke-1"),
        (with_title("{{ self.__init__ }}"), "properti dokumen (title)"),
    ],
    ids=["footer", "header", "footnote", "text-box", "title"],
)
def test_a_tag_in_any_rendered_part_is_refused_with_that_part(content, place):
    found = [str(t) for t in templat.periksa(content, "lkjip")]
    assert len(found) == 1 and found[0].startswith(place), found
    assert "akses atribut “.__init__”" in found[0]


def test_a_tag_in_a_part_sakip_does_not_fill_is_refused_too():
    content = _edit(
        TEMPLATE_PATH,
        "word/settings.xml",
        lambda xml: xml.replace("</w:settings>", "{{ x }}</w:settings>"),
    )
    found = [str(t) for t in templat.periksa(content, "lkjip")]
    assert found and found[0].startswith("word/settings.xml") and "tidak diisi" in found[0]


def test_the_built_in_templates_and_documented_tags_pass():
    assert templat.periksa(TEMPLATE_PATH.read_bytes(), "lkjip") == []
    assert templat.periksa(PK_TEMPLATE_PATH.read_bytes(), "pk") == []
    allowed = "{% if tahun > 2023 and not (opd is none) %}{{ (pemda|title) ~ ' ' ~ tahun_terbit }}{% else %}{{ opd|default('-') }}{% endif %}"
    assert templat.periksa(with_tag(allowed), "lkjip") == []
    # a PK variable is not an LKjIP one
    assert "variabel “draf” tidak tersedia" in str(
        templat.periksa(with_tag("{{ draf }}"), "lkjip")[0]
    )


def test_the_payload_is_live_without_the_sandbox_and_inert_with_it(tmp_path):
    """The test can fail: docxtpl's own default environment runs the command; ours does not."""
    marker = tmp_path / "dijalankan"
    payload = "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}"
    context = {v.nama: "x" for v in templat.VARIABEL["lkjip"]}
    DocxTemplate(io.BytesIO(with_tag(payload))).render(context, autoescape=True)
    assert marker.exists()  # what the issue reproduced
    marker.unlink()
    with pytest.raises(SecurityError):
        templat.render(DocxTemplate(io.BytesIO(with_tag(payload))), context, "lkjip")
    assert not marker.exists()


def test_a_template_slipped_into_storage_is_not_used_and_the_admin_is_told(
    client, admin, settings, tmp_path
):
    marker = tmp_path / "dijalankan"
    payload = "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}"
    folder = Path(settings.MEDIA_ROOT) / "templat" / str(admin.akun.pemda_id)
    folder.mkdir(parents=True)
    (folder / "lkjip.docx").write_bytes(with_tag("KOP LAMA " + payload))
    TemplatDokumen.objects.create(
        pemda=admin.akun.pemda,
        jenis="lkjip",
        berkas=f"templat/{admin.akun.pemda_id}/lkjip.docx",
        nama_asli="lama.docx",
    )
    response = client.get(reverse("lkjip_docx", args=["kecamatan-contoh", 2024]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "BAB I" in text and "KOP LAMA" not in text  # the built-in template served instead
    assert not marker.exists()
    page = client.get(reverse("templat")).content.decode()
    assert "Templat ini tidak dipakai" in page and "os.system" in page


def test_rendering_a_refused_template_directly_executes_nothing(admin, tmp_path):
    marker = tmp_path / "dijalankan"
    path = tmp_path / "jahat.docx"
    path.write_bytes(
        with_tag("{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}")
    )
    with pytest.raises(SecurityError):
        render_lkjip(build_lkjip(PerangkatDaerah.objects.get(), 2024), path, charts=False)
    assert not marker.exists()


def test_a_renderer_context_must_match_the_documented_variables():
    with pytest.raises(ValueError, match="VARIABEL"):
        templat.render(DocxTemplate(str(TEMPLATE_PATH)), {"opd": "x"}, "lkjip")


def test_docs_list_every_variable_of_every_document():
    docs = (Path(__file__).parents[2] / "docs" / "lkjip.md").read_text()
    section = docs[docs.index("## Variabel templat") :]
    for jenis, variables in templat.VARIABEL.items():
        for variable in variables:
            assert re.search(rf"`{variable.nama}`", section), (jenis, variable.nama)
    for name in templat.FILTER:
        assert f"`{name}`" in section


def test_the_command_line_refuses_a_forbidden_template(admin, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "jahat.docx"
    path.write_bytes(with_tag(REPRODUCTION))
    with pytest.raises(CommandError, match="pemanggilan fungsi"):
        call_command(
            "lkjip",
            opd="kecamatan-contoh",
            tahun=2024,
            out=str(tmp_path / "x.docx"),
            template=str(path),
        )
    assert not (tmp_path / "x.docx").exists()


SECRET_READ = (
    "{_{ bab2.elements[0].append(bab2.elements[0].makeelement("
    "'{http://www.w3.org/2001/XInclude}include', {'href': '%s', 'parse': 'text'})) }_}"
    "{_{ bab2.elements[0].getroottree().xinclude() }_}RAHASIA:{_{ bab2.elements[0].xpath('string()') }_}"
)


def test_a_footnote_that_becomes_a_tag_on_a_second_pass_is_refused_and_inert(admin, tmp_path):
    """Found in review: docxtpl renders footnotes once per section (the template has three),
    each pass over the last one's output, and turns {_{ into {{ after each pass."""
    secret = tmp_path / "secret-key"
    secret.write_text("kunci-rahasia-server")
    content = with_footnote(SECRET_READ % secret)
    assert len(Document(io.BytesIO(content)).sections) >= 2
    found = [str(t) for t in templat.periksa(content, "lkjip")]
    assert found and all(f.startswith("catatan kaki") for f in found)
    assert "penanda tersamar" in found[0]
    # slipped into storage anyway: footnotes render once, and no attribute can be read
    path = tmp_path / "jahat.docx"
    path.write_bytes(content)
    out = render_lkjip(build_lkjip(PerangkatDaerah.objects.get(), 2024), path, charts=False)
    footnotes = zipfile.ZipFile(io.BytesIO(out)).read("word/footnotes.xml").decode()
    assert "kunci-rahasia-server" not in footnotes
    assert "{{ bab2.elements" in footnotes  # printed once as text, never rendered again


class Fragmen:
    """Like the renderer's subdocuments: a public attribute holding live objects."""

    elements = ["<w:p/>"]


def test_the_sandbox_reads_no_attribute_of_a_subdocument():
    context = {v.nama: "x" for v in templat.VARIABEL["lkjip"]}
    context["lampiran"] = Fragmen()
    printed = DocxTemplate(io.BytesIO(with_tag("[{{ lampiran.elements }}]")))
    templat.render(printed, context, "lkjip")
    assert "[]" in "".join(p.text for p in printed.docx.paragraphs)  # printed as nothing
    called = DocxTemplate(io.BytesIO(with_tag("{{ lampiran.elements.append(1) }}")))
    with pytest.raises(SecurityError):
        templat.render(called, context, "lkjip")
    assert Fragmen.elements == ["<w:p/>"]
