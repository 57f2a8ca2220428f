"""Ingest stage: a folder of reports -> `documents` and `sentences` with exact offsets.

Text is normalized once (Unicode NFC, `\\n` line ends, no BOM) and every offset in
the dataset points into that normalized text, kept in `documents.text`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import yaml
from bs4 import BeautifulSoup
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from pipeline import countries
from pipeline.errors import InputError
from pipeline.vocab import ABBREVIATIONS, PILLAR_HEADINGS, PLAIN_HEADINGS, SOURCE_KINDS

REPORT_SUFFIXES = (".txt", ".md", ".html")
META_SUFFIX = ".meta.yaml"
DOC_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
META_KEYS = {"title", "url", "publisher", "source_kind", "subject", "report_year", "retrieved_on", "license", "sha256"}
BINARY_MAGIC = {
    b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"PK\x03\x04": "a ZIP/Office file",
    b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\xd0\xcf\x11\xe0": "an old Office file",
}
HEADING = re.compile(r"^(?:(?P<eq>=+)[ \t]*(?P<eqtext>.+?)[ \t]*(?P=eq)|(?P<hash>#{1,6})[ \t]+(?P<hashtext>.+?))[ \t]*$",
                     re.MULTILINE)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
PLAIN_HEADING = re.compile(
    r"(?P<plain>(?i:" + "|".join(PLAIN_HEADINGS) + r")(?:\s*\((?:1[89]|20)\d\d\))?)\s*:?[ \t]*")


def heading_text(line: str) -> tuple[str, int] | None:
    """(heading, level) if a line is a heading: `= T =`, `== H ==`, `# H`, or a bare TIP section name."""
    m = HEADING.fullmatch(line)
    if m:
        return (m.group("eqtext") or m.group("hashtext")).strip(), len(m.group("eq") or m.group("hash"))
    m = PLAIN_HEADING.fullmatch(line.strip())
    return (m.group("plain"), 2) if m else None


@dataclass(frozen=True, slots=True)
class Sentence:
    sentence_id: str
    doc_id: str
    section: str
    section_year: int | None
    pillar: str | None
    sentence_no: int
    char_start: int
    char_end: int
    paragraph_no: int
    text: str


@dataclass(slots=True)
class Document:
    """One report after ingest: what extraction needs, and nothing from other reports."""

    doc_id: str
    title: str | None
    subject_iso3: str | None
    source_kind: str | None
    publisher: str | None
    url: str | None
    report_year: int | None
    retrieved_on: str | None
    license: str | None
    sha256: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        """The `documents` table row."""
        return {
            "doc_id": self.doc_id, "title": self.title, "subject_iso3": self.subject_iso3,
            "source_kind": self.source_kind, "publisher": self.publisher, "url": self.url,
            "report_year": self.report_year, "retrieved_on": self.retrieved_on, "license": self.license,
            "sha256": self.sha256, "n_chars": len(self.text), "n_sentences": len(self.sentences),
            "text": self.text,
        }


@cache
def _splitter() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph; abbreviations like "U.S." do not end one."""
    return [(a, b) for a, b in _splitter().span_tokenize(text) if text[a:b].strip()]


def normalize(text: str) -> str:
    """NFC, one newline style, no BOM, no trailing spaces on lines."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[ \t]+\n", "\n", text)


def decode(path: Path, data: bytes) -> str:
    """Strict UTF-8: a report in another encoding is refused, never guessed."""
    if not data.strip():
        raise InputError(path, "the report is empty (or only whitespace)",
                         "add the report's text, or remove the file")
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"this is {kind}, not text", "convert it to .txt, .md or .html first")
    if b"\x00" in data[:65536]:
        raise InputError(path, "the file holds NUL bytes: it is binary, not text",
                         "convert it to UTF-8 text first")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 at byte offset {err.start} (byte 0x{data[err.start]:02x})",
                         "re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)", line=line) from None
    if not text.strip("\ufeff \t\r\n"):
        raise InputError(path, "the report is empty (or only whitespace)", "add the report's text, or remove the file")
    return text


def html_to_text(html: str) -> str:
    """Visible text of an HTML page with headings kept as `= Title =` / `== Heading ==` lines."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "sup"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(" ")
    blocks = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "blockquote", "pre"]):
        if el.find_parent(["p", "li", "td", "blockquote", "pre"]):
            continue
        text = re.sub(r"\s+", " ", el.get_text()).strip()  # inline tags add no spaces: "<a>Nepal</a>," stays "Nepal,"
        if not text:
            continue
        if el.name[0] == "h":
            marks = "=" * int(el.name[1])
            blocks.append(f"{marks} {text} {marks}")
        else:
            blocks.append(text)
    if not blocks:
        blocks = [re.sub(r"\s+", " ", soup.get_text()).strip()]
    return "\n\n".join(blocks) + "\n"


def read_meta(path: Path, max_year: int) -> dict[str, Any]:
    """The sidecar's keys, each checked; unknown keys are an error (a typo would silently lose data)."""
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(path, "the metadata file is not UTF-8 text", "re-save it as UTF-8") from None
    except yaml.YAMLError as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        raise InputError(path, f"not valid YAML: {getattr(err, 'problem', err)}",
                         "fix the YAML syntax (`key: value` per line)", line=None if line is None else line + 1) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(path, "metadata must be a mapping of `key: value` lines")
    unknown = sorted(set(map(str, meta)) - META_KEYS)
    if unknown:
        raise InputError(path, f"unknown metadata key(s): {', '.join(unknown)}",
                         f"use only: {', '.join(sorted(META_KEYS))}")
    year = meta.get("report_year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= max_year):
        raise InputError(path, f"report_year {year!r} is not a plausible year (1990-{max_year})",
                         "give a four-digit year such as 2023, or null")
    retrieved = meta.get("retrieved_on")
    if retrieved is not None:
        try:
            meta["retrieved_on"] = dt.date.fromisoformat(str(retrieved)).isoformat()
        except ValueError:
            raise InputError(path, f"retrieved_on {retrieved!r} is not an ISO date",
                             "write it as YYYY-MM-DD") from None
    url = meta.get("url")
    if url is not None:
        parsed = urlparse(str(url))
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise InputError(path, f"url {url!r} is not an http(s) URL", "give the full address, https://...")
    kind = meta.get("source_kind")
    if kind is not None and kind not in SOURCE_KINDS:
        raise InputError(path, f"source_kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    subject = meta.get("subject")
    if subject is not None and countries.resolve(str(subject)) is None:
        raise InputError(path, f"subject {subject!r} is not a country name or ISO3 code",
                         "use the country's English name or its ISO3 code (e.g. TLS)")
    return {k: (None if v is None else v) for k, v in meta.items()}


def discover(raw_dir: Path) -> list[tuple[str, Path, Path | None]]:
    """(doc_id, report, sidecar) for every report in `raw_dir`, sorted; checks ids and pairing."""
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "no such folder of reports", "pass --raw-dir pointing at a folder of reports")
    reports: dict[str, Path] = {}
    sidecars: dict[str, Path] = {}
    for path in sorted(raw_dir.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.name.endswith(META_SUFFIX):
            sidecars[path.name[: -len(META_SUFFIX)]] = path
            continue
        if path.suffix not in REPORT_SUFFIXES:
            continue
        doc_id = path.stem
        if not DOC_ID.fullmatch(doc_id):
            raise InputError(path, f"{doc_id!r} is not a valid report id (lower-case letters, digits and '-')",
                             "rename the file, e.g. `tipfacts add` does it for you")
        if doc_id in reports:
            raise InputError(path, f"two files share the id {doc_id!r}: {reports[doc_id].name} and {path.name}",
                             "keep one of them")
        reports[doc_id] = path
    for doc_id, meta in sidecars.items():
        if doc_id not in reports:
            raise InputError(meta, f"metadata without its report (no {doc_id}.txt, .md or .html)",
                             "add the report or remove the sidecar")
    return [(doc_id, path, sidecars.get(doc_id)) for doc_id, path in sorted(reports.items())]


def read_document(doc_id: str, path: Path, meta_path: Path | None, max_bytes: int, max_year: int) -> Document:
    """One report file (and sidecar) -> a Document with its sentences."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(path, f"the report is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.0f} MB",
                         "split it into several reports, or raise ingest.max_report_mb in params.yaml")
    data = path.read_bytes()
    text = normalize(decode(path, data))
    if path.suffix == ".html":
        text = normalize(html_to_text(text))
    meta = read_meta(meta_path, max_year) if meta_path else {}
    digest = hashlib.sha256(data).hexdigest()
    if meta.get("sha256") and meta["sha256"] != digest:
        raise InputError(meta_path or path, f"sha256 in the metadata does not match {path.name} (the report changed)",
                         f"if the change is intended, set sha256: {digest}")
    title = meta.get("title") or _title_line(text)
    subject = countries.resolve(str(meta["subject"])) if meta.get("subject") else _subject_from(title)
    doc = Document(
        doc_id=doc_id, title=title, subject_iso3=subject, source_kind=meta.get("source_kind"),
        publisher=meta.get("publisher"), url=meta.get("url"), report_year=meta.get("report_year"),
        retrieved_on=meta.get("retrieved_on"), license=meta.get("license"),
        sha256=digest, text=text,
    )
    doc.sentences = segment(doc_id, text)
    return doc


def _title_line(text: str) -> str | None:
    m = re.match(r"\s*(?:=[ \t]*(.+?)[ \t]*=|#[ \t]+(.+?))[ \t]*$", text, re.MULTILINE)
    return (m.group(1) or m.group(2)) if m else None


def _subject_from(title: str | None) -> str | None:
    places = [p for p in countries.find_places(title or "") if p.iso3]
    return places[0].iso3 if places else None


def pillar_of(heading: str) -> str | None:
    low = heading.lower()
    return next((p for word, p in PILLAR_HEADINGS.items() if re.search(rf"\b{word}\b", low)), None)


def segment(doc_id: str, text: str) -> list[Sentence]:
    """Sections from heading lines, paragraphs from blank lines, sentences from the splitter."""
    sentences: list[Sentence] = []
    section, section_year, pillar = "", None, None
    paragraph_no = 0
    pos = 0
    for block in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        start = block.start()
        lines = list(re.finditer(r"[^\n]+", block.group(0)))
        body_start = None
        for line in lines:
            heading = heading_text(line.group(0))
            if heading and body_start is None:
                title, level = heading
                if level > 1 or sentences or pos > 0:
                    section = title.strip()
                    year = YEAR.search(section)
                    section_year = int(year.group(1)) if year else None
                    pillar = pillar_of(section)
                pos = start + line.end()
                continue
            if body_start is None:
                body_start = start + line.start()
        if body_start is None:
            continue
        paragraph_no += 1
        body = text[body_start: block.end()]
        for a, b in split_sentences(body):
            sentences.append(Sentence(
                sentence_id=f"{doc_id}:{len(sentences) + 1:05d}", doc_id=doc_id, section=section,
                section_year=section_year, pillar=pillar, sentence_no=len(sentences) + 1,
                char_start=body_start + a, char_end=body_start + b, paragraph_no=paragraph_no, text=body[a:b],
            ))
    return sentences


def ingest(raw_dir: Path, max_bytes: int, max_year: int | None = None) -> list[Document]:
    """Every report of a folder, in doc_id order."""
    max_year = max_year or dt.date.today().year + 1
    return [read_document(doc_id, path, meta, max_bytes, max_year) for doc_id, path, meta in discover(raw_dir)]



DOCUMENT_COLUMNS = [*(f for f in Document.__dataclass_fields__ if f not in ("text", "sentences")),
                    "n_chars", "n_sentences", "text"]
SENTENCE_COLUMNS = list(Sentence.__dataclass_fields__)


INT_COLUMNS = {"report_year", "n_chars", "n_sentences", "section_year", "sentence_no", "char_start", "char_end",
               "paragraph_no"}


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({c: "Int64" for c in columns if c in INT_COLUMNS})


def documents_frame(docs: list[Document]) -> pd.DataFrame:
    return _frame([d.row() for d in docs], DOCUMENT_COLUMNS)


def sentences_frame(docs: list[Document]) -> pd.DataFrame:
    return _frame([asdict(s) for d in docs for s in d.sentences], SENTENCE_COLUMNS)


def from_frames(documents: pd.DataFrame, sentences: pd.DataFrame) -> list[Document]:
    """Documents rebuilt from the ingest stage's files, for the extract stage run on its own."""
    fields = set(Document.__dataclass_fields__) - {"sentences"}
    by_doc = {doc_id: group for doc_id, group in sentences.groupby("doc_id", sort=False)}
    docs = []
    for row in documents.astype(object).where(documents.notna(), None).to_dict("records"):
        doc = Document(**{k: v for k, v in row.items() if k in fields})
        group = by_doc.get(doc.doc_id)
        if group is not None:
            records = group.astype(object).where(group.notna(), None).to_dict("records")
            doc.sentences = [Sentence(**r) for r in records]
        docs.append(doc)
    return docs
