"""Word templates filled safely: the one way a document of sakip renders its docxtpl template,
and the check an uploaded template passes before it is stored or used.

A docxtpl template is Jinja source hidden in Word XML, and Jinja can reach Python: a pemda
admin who uploads ``{{ cycler.__init__.__globals__.os.popen('id').read() }}`` would run a
command on the server. Two independent guards stop that:

1. `render` fills every template in a sandboxed, autoescaping environment with no globals,
   only the filters and tests listed here, and no multiplication or power (they can exhaust
   memory or time before the sandbox sees a value). Attribute access to ``_`` names, calls of
   unsafe methods and mutation of values raise `jinja2.sandbox.SecurityError`.
2. `periksa` reads a template the way docxtpl will render it (body with its tables and text
   boxes, headers, footers, footnotes, document properties) and allows only what the
   document's variable list (`VARIABEL`) documents: its variable names, the filters in
   `FILTER`, ``{% if %}``/``{% elif %}``/``{% else %}``/``{% endif %}``, comparisons, ``and``,
   ``or``, ``not``, ``~``, ``+`` and ``-``. No document has a list variable, so there is no
   loop to allow. Anything else is refused with its text and place, in Bahasa Indonesia.

Uploads are checked in `sakip.pelaporan.templates_pemda.simpan_templat`, and a stored template
is checked again each time it is used (`templates_pemda.template_for`, cached by the file's
hash), so a template stored before these rules, or put on disk by other means, is never used
unchecked. `docs/lkjip.md` lists the variables of each document from `VARIABEL`.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree


@dataclass(frozen=True)
class Variabel:
    nama: str
    jenis: str  # "teks", "angka", "ya/tidak" or "subdokumen" ({{p nama }}: a whole block)
    keterangan: str


_UMUM = (
    Variabel("opd", "teks", "nama perangkat daerah"),
    Variabel("pemda", "teks", "nama pemerintah daerah"),
)

# The context each renderer passes, name for name (render checks it): the documented list.
VARIABEL: dict[str, tuple[Variabel, ...]] = {
    "lkjip": (
        *_UMUM,
        Variabel("tahun", "angka", "tahun yang dilaporkan"),
        Variabel("tahun_terbit", "angka", "tahun terbit (tahun berikutnya)"),
        Variabel("kata_pengantar", "subdokumen", "Kata Pengantar"),
        Variabel("daftar_isi", "subdokumen", "isi Daftar Isi (di dalam field TOC)"),
        Variabel("bab1", "subdokumen", "Bab I Pendahuluan"),
        Variabel("bab2", "subdokumen", "Bab II Perencanaan Kinerja"),
        Variabel("bab3", "subdokumen", "Bab III Akuntabilitas Kinerja"),
        Variabel("bab4", "subdokumen", "Bab IV Penutup"),
        Variabel("lampiran", "subdokumen", "lampiran"),
    ),
    "pk": (
        *_UMUM,
        Variabel("tahun", "angka", "tahun perjanjian"),
        Variabel("revisi", "angka", "nomor revisi (0 untuk PK awal)"),
        Variabel("draf", "ya/tidak", "belum ditandatangani"),
        Variabel("pernyataan", "subdokumen", "pernyataan dan tanda tangan"),
        Variabel("lampiran", "subdokumen", "lampiran sasaran, indikator, target dan anggaran"),
    ),
    "lhe": (
        *_UMUM,
        Variabel("tahun", "angka", "tahun yang dievaluasi"),
        Variabel("nomor", "teks", "nomor LHE"),
        Variabel("draf", "ya/tidak", "belum diterbitkan"),
        Variabel("isi", "subdokumen", "isi laporan hasil evaluasi"),
        Variabel("lampiran", "subdokumen", "lampiran nilai per komponen"),
    ),
    "laporan_skm": (
        *_UMUM,
        Variabel("periode", "teks", "periode survei"),
        Variabel("isi", "subdokumen", "isi laporan hasil SKM"),
    ),
}

FILTER = ("upper", "lower", "title", "capitalize", "trim", "default")
TESTS = ("defined", "undefined", "none", "number", "string")
# every expression node a template may contain, beyond names, filters and tests (checked apart)
_EKSPRESI = (
    nodes.Const,
    nodes.Not,
    nodes.And,
    nodes.Or,
    nodes.Compare,
    nodes.Operand,
    nodes.CondExpr,
    nodes.Concat,
)
_KURUNG = re.compile(r"[{}%]")
_STRUKTUR = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.If)


class _Sandbox(ImmutableSandboxedEnvironment):
    """Stricter than Jinja's sandbox: a document's values are text, numbers and subdocuments,
    and a subdocument holds live lxml elements whose public methods write and read files; so a
    template may read no attribute and call nothing (filters are called by the environment)."""

    # '*' and '**' build huge strings or numbers before any value reaches the sandbox checks
    intercepted_binops = frozenset({"*", "/", "//", "%", "**", "+", "-"})

    def call_binop(self, context, operator, left, right):
        raise SecurityError(f"operator {operator!r} is not available in document templates")

    def is_safe_attribute(self, obj, attr, value) -> bool:
        return False

    def is_safe_callable(self, obj) -> bool:
        return False


def lingkungan() -> _Sandbox:
    """The Jinja environment every document template renders in."""
    env = _Sandbox(autoescape=True)
    env.globals.clear()  # no range, cycler, joiner, namespace, lipsum, dict
    env.filters = {name: env.filters[name] for name in FILTER}
    env.tests = {name: env.tests[name] for name in TESTS}
    return env


def render(template: DocxTemplate, context: dict, jenis: str) -> None:
    """Fill `template` (docxtpl) with `context` in the sandbox. The context must hold exactly
    the documented variables of `jenis`, so `VARIABEL` and docs/lkjip.md stay true."""
    documented = {v.nama for v in VARIABEL[jenis]}
    if set(context) != documented:
        raise ValueError(f"context of {jenis} differs from VARIABEL: {set(context) ^ documented}")
    env = lingkungan()
    # docxtpl renders the footnotes part once per section, each pass over the last one's
    # output; sakip renders every part once
    template.render_footnotes = lambda context, jinja_env=None: _render_footnotes_once(
        template, context, env
    )
    template.render(context, jinja_env=env, autoescape=True)


def _render_footnotes_once(template: DocxTemplate, context: dict, env) -> None:
    for part in template.docx.part.package.parts:
        if part.content_type.endswith(".footnotes+xml"):
            xml = template.patch_xml(part.blob.decode("utf-8"))
            part._blob = template.render_xml_part(xml, part, context, env).encode("utf-8")


# --- the check at upload and at use --------------------------------------------------------


@dataclass(frozen=True)
class Temuan:
    """One refused tag: where it is, its text, and why."""

    bagian: str  # e.g. "isi dokumen", "kaki halaman (footer1.xml)"
    paragraf: int | None  # 1-based paragraph of that part, when known
    penanda: str
    alasan: str

    def __str__(self) -> str:
        tempat = self.bagian
        if self.paragraf:
            tempat = _("%(bagian)s, paragraf ke-%(n)s") % {"bagian": tempat, "n": self.paragraf}
        return _("%(tempat)s: %(penanda)s — %(alasan)s") % {
            "tempat": tempat,
            "penanda": self.penanda,
            "alasan": self.alasan,
        }


class TemplatTidakTerbaca(ValueError):
    """The file is no Word document docxtpl can open."""


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]+>")
_PROPERTI = ("author", "comments", "identifier", "language", "subject", "title")
_BAGIAN_LAIN = re.compile(r"\{[{%#]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def periksa(content: bytes, jenis: str) -> list[Temuan]:
    """Every tag of the template `content` that `jenis`'s variable list does not allow; an
    empty list when the template is safe to render. Raises TemplatTidakTerbaca."""
    try:
        template = DocxTemplate(io.BytesIO(content))
        template.init_docx()
        docx = template.docx
        archive = zipfile.ZipFile(io.BytesIO(content))
    except Exception as error:  # any unreadable file is the same mistake for the user
        raise TemplatTidakTerbaca(str(error)) from error
    allowed = {v.nama for v in VARIABEL[jenis]}
    found: list[Temuan] = []
    rendered_parts = {"word/document.xml"}

    found += _periksa_xml(template, template.get_xml(), _("isi dokumen"), allowed)
    for uri, label in (
        (template.HEADER_URI, _("kepala halaman")),
        (template.FOOTER_URI, _("kaki halaman")),
    ):
        for _key, part in template.get_headers_footers(uri):
            partname = str(part.partname).lstrip("/")
            rendered_parts.add(partname)
            xml = template.get_part_xml(part)
            found += _periksa_xml(
                template, xml, f"{label} ({partname.rsplit('/', 1)[-1]})", allowed
            )
    for part in docx.part.package.parts:
        if part.content_type.endswith(".footnotes+xml"):
            partname = str(part.partname).lstrip("/")
            rendered_parts.add(partname)
            found += _periksa_xml(template, part.blob.decode("utf-8"), _("catatan kaki"), allowed)
    for prop in _PROPERTI:
        value = getattr(docx.core_properties, prop) or ""
        label = _("properti dokumen (%(nama)s)") % {"nama": prop}
        found += _periksa_sumber(value, label, allowed)
    rendered_parts.add("docProps/core.xml")

    with archive:  # parts sakip does not fill must hold no tag either
        for name in archive.namelist():
            if name in rendered_parts or not name.endswith((".xml", ".rels")):
                continue
            text = _XML_TAG.sub("", archive.read(name).decode("utf-8", "replace"))
            tag = _BAGIAN_LAIN.search(text)
            if tag:
                penanda = text[tag.start() : tag.start() + 80]
                alasan = _("bagian ini tidak diisi oleh sakip; hapus penanda di sini.")
                found.append(Temuan(name, None, penanda, alasan))
    return found


def _periksa_xml(template: DocxTemplate, xml: str, bagian: str, allowed: set[str]) -> list[Temuan]:
    # exactly the source docxtpl hands to Jinja, one paragraph a line (render_xml_part)
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", template.patch_xml(xml))
    found = _periksa_sumber(source, bagian, allowed)
    paragraphs = _paragraf_teks(xml)
    return [replace(t, paragraf=_nomor_paragraf(paragraphs, t.penanda)) for t in found]


def _paragraf_teks(xml: str) -> list[str]:
    """The text of each paragraph of a part as Word numbers them (tables and text boxes
    included), with the quotes docxtpl straightens inside tags straightened too."""
    root = etree.fromstring(xml.encode("utf-8"))
    texts = []
    for paragraph in root.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        texts.append(text.translate(_QUOTES))
    return texts


def _nomor_paragraf(paragraphs: list[str], penanda: str) -> int | None:
    first = _TAG.search(penanda)
    needle = first.group(0) if first else penanda
    return next((n for n, text in enumerate(paragraphs, 1) if needle in text), None)


def _periksa_sumber(source: str, bagian: str, allowed: set[str]) -> list[Temuan]:
    """The refused tags of one Jinja source (a part as docxtpl patches it, or a document
    property); `paragraf` is left empty: only the part's own XML can number paragraphs."""
    hidden = _penanda_tersamar(source, bagian)
    if not _BAGIAN_LAIN.search(source):
        return hidden
    lines = source.split("\n")

    def place(lineno: int | None, hint: str = "") -> str:
        """The tag on line `lineno` that `hint` names (else all the line's tags)."""
        if not lineno or lineno > len(lines):
            return "…"
        text = _XML_TAG.sub("", lines[lineno - 1])
        tags = _TAG.findall(text) or [text.strip()[:120] or "…"]
        return next((t for t in tags if hint and hint in t), " ".join(tags))[:200]

    env = lingkungan()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as error:
        alasan = _("penanda tidak dapat dibaca (%(pesan)s).") % {"pesan": error.message}
        return [Temuan(bagian, None, place(error.lineno), alasan)]
    found = []
    for node, hint, alasan in _pelanggaran(tree, allowed):
        found.append(Temuan(bagian, None, place(node.lineno, hint), alasan))
    if "{#" in source:
        lineno = source[: source.index("{#")].count("\n") + 1
        alasan = _("komentar {# … #} tidak dipakai di templat.")
        found.append(Temuan(bagian, None, place(lineno, "{#"), alasan))
    found += hidden
    return found


# docxtpl turns {_{ }_} {_% %_} into {{ }} {% %} after rendering, and {% raw %} or a string
# constant can print a brace pair: text that becomes a tag once rendered is refused, so no
# output of a render is ever a template again (docxtpl renders some parts more than once)
_TERSAMAR = re.compile(r"\{_[{%]|[}%]_\}|\{%-?\s*raw\b")


def _penanda_tersamar(source: str, bagian: str) -> list[Temuan]:
    """One finding per paragraph (source line) holding text that becomes a tag once rendered."""
    found = []
    for line in source.split("\n"):
        text = _XML_TAG.sub("", line)
        match = _TERSAMAR.search(text)
        if match:
            penanda = text[max(0, match.start() - 20) : match.end() + 60].strip()
            alasan = _("penanda tersamar ({_{, {% raw %} …) menjadi penanda setelah diisi; hapus.")
            found.append(Temuan(bagian, None, penanda, alasan))
    return found


def _pelanggaran(node: nodes.Node, allowed: set[str]):
    """(node, text that names it, reason) for every node outside the allow-list, depth first."""
    reason = _alasan(node, allowed)
    if reason:
        yield reason
        return  # one reason per construct: its parts add nothing the user must fix
    for child in node.iter_child_nodes():
        yield from _pelanggaran(child, allowed)


def _alasan(node: nodes.Node, allowed: set[str]):
    if isinstance(node, nodes.Name):
        if node.ctx == "load" and node.name in allowed:
            return None
        return (
            node,
            node.name,
            _("variabel “%(nama)s” tidak tersedia di templat ini; yang tersedia: %(daftar)s.")
            % {
                "nama": node.name,
                "daftar": ", ".join(sorted(allowed)),
            },
        )
    if isinstance(node, nodes.Filter):
        if node.name in FILTER and not (node.kwargs or node.dyn_args or node.dyn_kwargs):
            return None
        return (
            node,
            node.name,
            _("filter “%(nama)s” tidak tersedia; yang tersedia: %(daftar)s.")
            % {
                "nama": node.name,
                "daftar": ", ".join(FILTER),
            },
        )
    if isinstance(node, nodes.Test):
        if node.name in TESTS and not (node.kwargs or node.dyn_args or node.dyn_kwargs):
            return None
        return (
            node,
            node.name,
            _("uji “is %(nama)s” tidak tersedia; yang tersedia: %(daftar)s.")
            % {
                "nama": node.name,
                "daftar": ", ".join(TESTS),
            },
        )
    if isinstance(node, nodes.Const) and isinstance(node.value, str) and _KURUNG.search(node.value):
        return node, "", _("teks dengan kurung kurawal atau % di dalam penanda tidak diizinkan.")
    if isinstance(node, _STRUKTUR + _EKSPRESI):
        return None
    if isinstance(node, nodes.Getattr):
        return (
            node,
            node.attr,
            _("akses atribut “.%(nama)s” tidak diizinkan.") % {"nama": node.attr},
        )
    if isinstance(node, nodes.Getitem | nodes.Slice):
        return node, "[", _("akses indeks […] tidak diizinkan.")
    if isinstance(node, nodes.Call):
        return node, "(", _("pemanggilan fungsi (…) tidak diizinkan.")
    if isinstance(node, nodes.For):
        return (
            node,
            "for",
            _("perulangan {% for %} tidak tersedia: templat ini tidak punya variabel daftar."),
        )
    if isinstance(node, nodes.BinExpr):
        return (
            node,
            node.operator,
            _("operator “%(op)s” tidak diizinkan; teks disambung dengan ~.")
            % {"op": node.operator},
        )
    if isinstance(node, nodes.Stmt):
        kata = _PERINTAH.get(type(node).__name__, type(node).__name__.lower())
        return (
            node,
            kata,
            _("perintah {%% %(kata)s %%} tidak diizinkan; hanya if, elif, else dan endif.")
            % {"kata": kata},
        )
    return (
        node,
        "",
        _("bentuk “%(jenis)s” tidak diizinkan di templat.") % {"jenis": type(node).__name__},
    )


_PERINTAH = {
    "Import": "import",
    "FromImport": "from … import",
    "Include": "include",
    "Extends": "extends",
    "Block": "block",
    "Macro": "macro",
    "CallBlock": "call",
    "FilterBlock": "filter",
    "Assign": "set",
    "AssignBlock": "set",
    "With": "with",
    "ExprStmt": "do",
    "Scope": "scope",
}


_CHECKED: dict[tuple[str, str], tuple[Temuan, ...]] = {}


def periksa_tersimpan(content: bytes, jenis: str) -> tuple[Temuan, ...]:
    """`periksa` for a stored template, remembered by the file's hash: the check runs once per
    file content and process, not once per document."""
    key = (hashlib.sha256(content).hexdigest(), jenis)
    if key not in _CHECKED:
        try:
            result = tuple(periksa(content, jenis))
        except TemplatTidakTerbaca as error:
            alasan = _("berkas tidak terbaca: %(e)s") % {"e": error}
            result = (Temuan(_("berkas"), None, "…", alasan),)
        if len(_CHECKED) > 256:
            _CHECKED.clear()
        _CHECKED[key] = result
    return _CHECKED[key]
