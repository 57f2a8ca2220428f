"""Ingest stage: a folder of reports -> `documents` and `sentences` with exact offsets.

Text is normalized once (Unicode NFC, `\\n` line ends, no BOM) and every offset in
the dataset points into that normalized text, kept in `documents.text`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import yaml
from bs4 import BeautifulSoup
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from tipfacts.errors import InputError
from tipfacts.lexicon.words import ABBREVIATIONS, PILLAR_HEADINGS, PLAIN_HEADINGS
from tipfacts.places import countries
from tipfacts.schemas.vocabularies import SOURCE_KINDS

REPORT_SUFFIXES = (".txt", ".md", ".html")
META_SUFFIX = ".meta.yaml"
DOC_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
META_KEYS = {"title", "url", "publisher", "source_kind", "subject", "report_year", "retrieved_on", "license", "sha256"}
BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP/Office file",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office file",
}
# What a marked heading line is; `marked_heading` matches it without the regex's cubic backtracking.
HEADING = re.compile(
    r"^(?:(?P<eq>=+)[ \t]*(?P<eqtext>.+?)[ \t]*(?P=eq)"
    r"|(?P<hash>#{1,6})[ \t]+(?P<hashtext>.+?))[ \t]*$",
    re.MULTILINE,
)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# What comes right before a report's own country in its first sentence: nothing ("Nepal is a source country"),
# "the Government of", "trafficking in", or the TIP opening "domestic and foreign victims in".
SUBJECT_OPENING = re.compile(
    r"(?:^|\b(?:government|republic|kingdom)\s+of\s+|\btrafficking(?:\s+in\s+persons)?\s+in\s+"
    r"|\b(?:domestic\s+and\s+foreign|foreign\s+and\s+domestic)\s+victims\s+in\s+)(?:the\s+)?$",
    re.IGNORECASE,
)
TITLE_LABEL = re.compile(r"\s*([^:]{2,60}):")  # a TIP narrative's "NEPAL: Tier 2 Watch List"
# A web page, whatever its file name says: an optional XML prolog or comments, then <!DOCTYPE html> or <html>.
HTML_PAGE = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html\b|html[\s>])", re.I | re.S)
# Limits that keep a pathological report from hanging a run (the rules' time grows fast with sentence length).
MAX_HEADING_CHARS = 300  # a longer line is prose, never a heading
MAX_SENTENCE_CHARS = 10_000  # a longer "sentence" (a run-on line, a table dump) is cut at spaces, with a warning
MAX_META_BYTES = 100_000  # a sidecar holds a few `key: value` lines
UTF16_32_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_SPACES = re.compile(r"\s*")
VISIBLE = re.compile(r"[^\s\ufeff\u200b-\u200d\u2060\u00ad]")  # any character a reader would see
log = logging.getLogger("tipfacts")
PLAIN_HEADING = re.compile(r"(?P<plain>(?i:" + "|".join(PLAIN_HEADINGS) + r")(?:\s*\((?:1[89]|20)\d\d\))?)\s*:?[ \t]*")


def marked_heading(line: str) -> tuple[str, int] | None:
    """(text, level) of `== Heading ==` or `## Heading`, exactly as HEADING.fullmatch finds them, in linear time.

    HEADING's backreference makes the regex cubic on a long line of `=` (10,000 of them took a minute).
    """
    body = line.rstrip(" \t")
    if body[:1] == "=":
        level = min(len(body) - len(body.lstrip("=")), len(body) - len(body.rstrip("=")), (len(body) - 1) // 2)
        if level < 1:
            return None
        inner = body[level : len(body) - level]
    elif body[:1] == "#":
        level = len(line) - len(line.lstrip("#"))
        if level > 6 or len(line) < level + 2 or line[level] not in " \t":
            return None
        inner = line[level + 1 :]
    else:
        return None
    return (inner.strip(" \t") or inner[-1:]), level


def heading_text(line: str) -> tuple[str, int] | None:
    """(heading, level) if a line is a heading: `= T =`, `== H ==`, `# H`, or a bare TIP section name."""
    if len(line) > MAX_HEADING_CHARS:  # a longer line is prose, not a heading
        return None
    marked = marked_heading(line)
    if marked:
        return marked[0].strip(), marked[1]
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
            "doc_id": self.doc_id,
            "title": self.title,
            "subject_iso3": self.subject_iso3,
            "source_kind": self.source_kind,
            "publisher": self.publisher,
            "url": self.url,
            "report_year": self.report_year,
            "retrieved_on": self.retrieved_on,
            "license": self.license,
            "sha256": self.sha256,
            "n_chars": len(self.text),
            "n_sentences": len(self.sentences),
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
        raise InputError(path, "the report is empty (or only whitespace)", "add the report's text, or remove the file")
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"this is {kind}, not text", "convert it to .txt, .md or .html first")
    for bom, encoding in UTF16_32_BOMS.items():
        if data.startswith(bom):
            raise InputError(
                path,
                f"this is {encoding} text, not UTF-8",
                f"re-save the file as UTF-8 (e.g. `iconv -f {encoding} -t UTF-8`)",
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            path,
            f"the file holds a NUL byte at byte offset {nul}: it is binary, not text",
            "convert it to UTF-8 text first",
            line=data[:nul].count(b"\n") + 1,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not valid UTF-8 at byte offset {err.start} (byte 0x{data[err.start]:02x})",
            "re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
            line=line,
        ) from None
    if not VISIBLE.search(text):
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


class _MetaLoader(yaml.SafeLoader):
    """Safe YAML in which dates stay text (checked below, never a crash) and a repeated key is an error."""


class _RepeatedKey(yaml.constructor.ConstructorError):
    pass


def _timestamp_as_text(loader: _MetaLoader, node: yaml.Node) -> str:
    return loader.construct_scalar(node)


def _mapping_without_repeats(loader: _MetaLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, Hashable):
            if key in seen:
                raise _RepeatedKey(
                    None,
                    None,
                    f"the key {key!r} appears twice (lines {seen[key]} and {key_node.start_mark.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_MetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_MetaLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats)
# The same loader on libyaml's parser (8x faster, 0.1 ms a sidecar); _parse_meta falls back to the Python one.
_FastMetaLoader: type | None = None
if yaml.__with_libyaml__:

    class _FastMetaLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        pass

    _FastMetaLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    _FastMetaLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats)
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _parse_meta(text: str) -> Any:
    """libyaml when it takes the text without complaint; else the Python parser, whose errors are the ones shown."""
    if _FastMetaLoader is not None and not _NOT_PRINTABLE.search(text):
        try:
            return yaml.load(text, Loader=_FastMetaLoader)
        except Exception:  # any complaint: the Python parser below gives the error
            pass
    return yaml.load(text, Loader=_MetaLoader)


TEXT_META_KEYS = ("title", "url", "publisher", "source_kind", "subject", "license", "sha256")


def _read_bytes(path: Path, limit: int, what: str, too_big: str, hint: str) -> bytes:
    """A file's bytes; over `limit` or unreadable is refused with one message naming the file."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(path, too_big.format(size=size, mb=size / 1e6), hint)
        return path.read_bytes()
    except OSError as err:
        raise InputError(
            path, f"cannot read the {what}: {err.strerror}", "check the file and its permissions"
        ) from None


def _load_yaml(path: Path) -> Any:
    data = _read_bytes(
        path,
        MAX_META_BYTES,
        "metadata file",
        f"the metadata file is {{size:,}} bytes, over the limit of {MAX_META_BYTES:,}",
        "a sidecar holds a few `key: value` lines; is this the right file?",
    )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            path,
            f"the metadata file is not UTF-8 text (byte offset {err.start})",
            "re-save it as UTF-8",
            line=data[: err.start].count(b"\n") + 1,
        ) from None
    try:
        return _parse_meta(text.removeprefix("\ufeff"))  # a SafeLoader
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        hint = (
            "keep one of the two lines"
            if isinstance(err, _RepeatedKey)
            else "fix the YAML syntax (`key: value` per line)"
        )
        raise InputError(
            path, f"not valid YAML: {err.problem or err.context}", hint, line=None if mark is None else mark.line + 1
        ) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as err:
        raise InputError(path, f"not valid YAML: {err}", "fix the YAML syntax (`key: value` per line)") from None


def read_meta(path: Path, max_year: int) -> dict[str, Any]:
    """The sidecar's keys, each checked; unknown keys are an error (a typo would silently lose data)."""
    meta = _load_yaml(path)
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(path, "metadata must be a mapping of `key: value` lines")
    unknown = sorted(set(map(str, meta)) - META_KEYS)
    if unknown:
        raise InputError(
            path, f"unknown metadata key(s): {', '.join(unknown)}", f"use only: {', '.join(sorted(META_KEYS))}"
        )
    for key in TEXT_META_KEYS:
        value = meta.get(key)
        if isinstance(value, bool) or not isinstance(value, str | int | float | None):
            raise InputError(
                path,
                f"{key} must be one line of text, not {type(value).__name__} {value!r}",
                f"write it as `{key}: some text` (quote it if it holds a colon)",
            )
        if value is not None:
            meta[key] = str(value).strip() or None
    year = meta.get("report_year")
    if isinstance(year, str) and year.strip().isdecimal():
        year = int(year)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= max_year):
        raise InputError(
            path,
            f"report_year {year!r} is not a plausible year (1990-{max_year})",
            "give a four-digit year such as 2023, or null",
        )
    if "report_year" in meta:
        meta["report_year"] = year
    retrieved = meta.get("retrieved_on")
    if retrieved is not None:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(retrieved).strip()):
                raise ValueError(retrieved)
            meta["retrieved_on"] = dt.date.fromisoformat(str(retrieved).strip()).isoformat()
        except ValueError:
            raise InputError(
                path, f"retrieved_on {retrieved!r} is not an ISO date", "write it as YYYY-MM-DD, e.g. 2024-03-01"
            ) from None
    url = meta.get("url")
    if url is not None and not _is_http_url(url):
        raise InputError(path, f"url {url!r} is not an http(s) URL", "give the full address, https://...")
    kind = meta.get("source_kind")
    if kind is not None and kind not in SOURCE_KINDS:
        raise InputError(path, f"source_kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    subject = meta.get("subject")
    if subject is not None and countries.resolve(str(subject)) is None:
        raise InputError(
            path,
            f"subject {subject!r} is not a country name or ISO3 code",
            "use the country's English name or its ISO3 code (e.g. TLS)",
        )
    digest = meta.get("sha256")
    if digest is not None and not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise InputError(
            path,
            f"sha256 {digest!r} is not a SHA-256 hex digest (64 characters 0-9, a-f)",
            "remove the key, or copy the digest `sha256sum` prints",
        )
    return {k: (None if v is None else v) for k, v in meta.items()}


def _is_http_url(url: str) -> bool:
    """An absolute http(s) address with a host, no spaces or control characters, and a valid port."""
    if re.search(r"[\s\x00-\x1f\x7f]", url):
        return False
    try:
        parsed = urlparse(url)
        parsed.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.hostname) and ".." not in parsed.hostname


def discover(raw_dir: Path) -> list[tuple[str, Path, Path | None]]:
    """(doc_id, report, sidecar) for every report in `raw_dir`, sorted; checks ids and pairing."""
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "no such folder of reports", "pass --raw-dir pointing at a folder of reports")
    reports: dict[str, Path] = {}
    sidecars: dict[str, Path] = {}
    ignored: list[str] = []
    with os.scandir(raw_dir) as found:  # by name: the order sorted(raw_dir.iterdir()) gives, without a stat per file
        entries = sorted(found, key=lambda entry: entry.name)
    inside = raw_dir.resolve()
    for entry in entries:
        path = raw_dir / entry.name
        if entry.name.startswith(".") or entry.is_dir():
            continue
        if entry.is_symlink() and not path.resolve().is_relative_to(inside):
            raise InputError(
                path,
                f"a symbolic link to {os.readlink(path)}, outside the folder of reports: its text would be "
                "published as if it were a report",
                "copy the file into the folder instead (a link to a file inside the folder is fine), "
                "or remove the link",
            )
        if path.name.endswith(META_SUFFIX):
            sidecars[path.name[: -len(META_SUFFIX)]] = path
            continue
        if path.name.lower().endswith((".meta.yml", META_SUFFIX)):
            stem = path.name[: path.name.lower().rindex(".meta.y")]
            raise InputError(
                path,
                "a metadata file must end in `.meta.yaml` (lower case), or it would be ignored",
                f"rename it to {stem}{META_SUFFIX}",
            )
        if path.suffix not in REPORT_SUFFIXES:
            if path.suffix.lower() in (*REPORT_SUFFIXES, ".htm", ".markdown", ".text"):
                raise InputError(
                    path,
                    f"a report must end in {', '.join(REPORT_SUFFIXES)} (lower case), or it would be ignored",
                    f"rename it to {path.stem}{_report_suffix(path)}",
                )
            ignored.append(path.name)
            continue
        doc_id = path.stem
        if not DOC_ID.fullmatch(doc_id):
            raise InputError(
                path,
                f"{doc_id!r} is not a valid report id (lower-case letters, digits and '-')",
                "rename the file, e.g. `tipfacts add` does it for you",
            )
        if doc_id in reports:
            raise InputError(
                path, f"two files share the id {doc_id!r}: {reports[doc_id].name} and {path.name}", "keep one of them"
            )
        reports[doc_id] = path
    for doc_id, meta in sidecars.items():
        if doc_id not in reports:
            raise InputError(
                meta,
                f"metadata without its report (no {doc_id}.txt, .md or .html)",
                "add the report or remove the sidecar",
            )
    if not reports:  # a wrong --raw-dir must not publish empty tables over the previous ones
        raise InputError(
            raw_dir,
            "no reports in this folder (files ending .txt, .md or .html)",
            "check --raw-dir (or ingest.raw_dir in params.yaml)",
        )
    if ignored:
        shown = ", ".join(ignored[:5]) + (f" and {len(ignored) - 5} more" if len(ignored) > 5 else "")
        log.warning(
            "warning: %s: ignored %d file(s) that are not reports (.txt, .md, .html) or sidecars: %s",
            raw_dir,
            len(ignored),
            shown,
        )
    return [(doc_id, path, sidecars.get(doc_id)) for doc_id, path in sorted(reports.items())]


def _report_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".htm": ".html", ".markdown": ".md", ".text": ".txt"}.get(suffix, suffix)


def read_document(
    doc_id: str,
    path: Path,
    meta_path: Path | None,
    max_bytes: int,
    max_year: int,
    max_sentence_chars: int = MAX_SENTENCE_CHARS,
    shown_as: Path | None = None,
) -> Document:
    """One report file (and sidecar) -> a Document with its sentences.

    A subject or report year the sidecar does not give is read from the title or the first sentence
    (a report that names neither would silently lose the facts that need them); `shown_as` is the name
    warnings give the file (`tipfacts add` reads a scratch copy).
    """
    data = _read_bytes(
        path,
        max_bytes,
        "report",
        f"the report is {{mb:.1f}} MB, over the limit of {max_bytes / 1e6:g} MB",
        "split it into several reports, or raise ingest.max_report_mb in params.yaml",
    )
    text = normalize(decode(path, data))
    shown = shown_as or path
    if path.suffix == ".html" or HTML_PAGE.match(text[:4096]):
        if path.suffix != ".html":
            log.warning("note: %s: an HTML page saved as %s; read as HTML (its visible text only)", shown, path.suffix)
        text = normalize(html_to_text(text))
        if not VISIBLE.search(text):
            raise InputError(path, "the HTML page has no visible text", "save the page with its text, or remove it")
    meta = read_meta(meta_path, max_year) if meta_path else {}
    digest = hashlib.sha256(data).hexdigest()
    if meta.get("sha256") and meta["sha256"] != digest:
        raise InputError(
            meta_path or path,
            f"sha256 in the metadata does not match {path.name} (the report changed)",
            f"if the change is intended, set sha256: {digest}",
        )
    title = meta.get("title") or _title_line(text)
    cuts: list[tuple[int, int]] = []
    sentences = segment(doc_id, text, max_sentence_chars, cuts)
    titles = [t for t in (title, _plain_title(text)) if t]
    subject = countries.resolve(str(meta["subject"])) if meta.get("subject") else _subject_from(titles, sentences)
    year = meta.get("report_year") or _year_from(titles, max_year)
    # A key the sidecar states as null is a deliberate "unknown" (a Wikipedia revision's year), not a lapse.
    missing = [key for key, value in (("subject", subject), ("report_year", year)) if value is None and key not in meta]
    if missing:
        where = f"not in {meta_path.name}" if meta_path else "no metadata file"
        log.warning(
            "warning: %s: %s unknown (%s) and not found in its title or first sentence; facts that need %s "
            "are lost or undated\n  what to do: add %s to %s%s",
            shown,
            " and ".join(missing),
            where,
            "them" if len(missing) > 1 else "it",
            " and ".join(f"`{key}:`" for key in missing),
            doc_id,
            META_SUFFIX,
        )
    doc = Document(
        doc_id=doc_id,
        title=title,
        subject_iso3=subject,
        source_kind=meta.get("source_kind"),
        publisher=meta.get("publisher"),
        url=meta.get("url"),
        report_year=year,
        retrieved_on=meta.get("retrieved_on"),
        license=meta.get("license"),
        sha256=digest,
        text=text,
        sentences=sentences,
    )
    if cuts:
        start, length = cuts[0]
        more = f" (and {len(cuts) - 1} more)" if len(cuts) > 1 else ""
        log.warning(
            "warning: %s:%d: a sentence of %s characters%s is over the limit of %s; it was cut at spaces "
            "into pieces, so a fact that spans a cut may be missed",
            shown,
            text.count("\n", 0, start) + 1,
            f"{length:,}",
            more,
            f"{max_sentence_chars:,}",
        )
    return doc


def _title_line(text: str) -> str | None:
    first = text.lstrip()[: MAX_HEADING_CHARS + 1].split("\n", 1)[0]
    if len(first) > MAX_HEADING_CHARS:  # a longer line is prose (and would make the regex below slow)
        return None
    m = re.match(r"\s*(?:=[ \t]*(.+?)[ \t]*=|#[ \t]+(.+?))[ \t]*$", first, re.MULTILINE)
    return (m.group(1) or m.group(2)) if m else None


def _plain_title(text: str) -> str | None:
    """The first line when it stands alone (a blank line follows) and ends as no sentence does: an unmarked title."""
    head = text.lstrip()[: MAX_HEADING_CHARS + 2]
    first, newline, rest = head.partition("\n")
    if not newline or not rest.startswith("\n") or not first.strip() or first.rstrip()[-1] in ".!?;,":
        return None
    return first.strip()


def _subject_from(titles: list[str], sentences: list[Sentence]) -> str | None:
    """The country a title names ("Human trafficking in Nepal", "NEPAL: Tier 2"), else the one the first
    sentence opens on ("Nepal is a source country", "The Government of Nepal ...")."""
    for title in titles:
        places = [p for p in countries.find_places(title) if p.iso3]
        label = TITLE_LABEL.match(title)
        found = places[0].iso3 if places else countries.resolve(label.group(1)) if label else None
        if found:
            return found
    first = next((s.text for s in sentences if s.text not in titles), "")
    opening = (p for p in countries.find_places(first) if p.iso3 and not p.is_demonym)
    return next((p.iso3 for p in opening if SUBJECT_OPENING.search(first[: p.start])), None)


def _year_from(titles: list[str], max_year: int) -> int | None:
    """The first plausible year a title gives ("Nepal 2023 Trafficking in Persons Report")."""
    years = (int(m.group(1)) for title in titles for m in YEAR.finditer(title))
    return next((year for year in years if 1990 <= year <= max_year), None)


def pillar_of(heading: str) -> str | None:
    low = heading.lower()
    return next((p for word, p in PILLAR_HEADINGS.items() if re.search(rf"\b{word}\b", low)), None)


def cut_sentence(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """text[start:end] in pieces of at most `limit` characters, cut at the last space before the limit.

    Where the second half of the window holds no space (a run of one character), the cut falls at the limit.
    Pieces carry no leading or trailing whitespace, so each is a sentence like the splitter's.
    """
    pieces = []
    while end - start > limit:
        cut = max(text.rfind(space, start + 1, start + limit + 1) for space in " \n\t")
        if cut <= start + limit // 2:
            cut = start + limit
        pieces.append((start, start + len(text[start:cut].rstrip())))
        start = _SPACES.match(text, cut, end).end()
    if start < end:
        pieces.append((start, start + len(text[start:end].rstrip())))
    return pieces


def segment(
    doc_id: str, text: str, max_sentence_chars: int = MAX_SENTENCE_CHARS, cuts: list[tuple[int, int]] | None = None
) -> list[Sentence]:
    """Sections from heading lines, paragraphs from blank lines, sentences from the splitter.

    A sentence longer than `max_sentence_chars` is cut into pieces (`cut_sentence`); its offset and
    length go into `cuts`, for the warning.
    """
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
        body = text[body_start : block.end()]
        spans = []
        for a, b in split_sentences(body):
            piece = body[a:b]
            a, b = a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())  # Unicode spaces too
            if a >= b:
                continue
            if b - a > max_sentence_chars:
                spans += cut_sentence(body, a, b, max_sentence_chars)
                if cuts is not None:
                    cuts.append((body_start + a, b - a))
            else:
                spans.append((a, b))
        for a, b in spans:
            sentences.append(
                Sentence(
                    sentence_id=f"{doc_id}:{len(sentences) + 1:05d}",
                    doc_id=doc_id,
                    section=section,
                    section_year=section_year,
                    pillar=pillar,
                    sentence_no=len(sentences) + 1,
                    char_start=body_start + a,
                    char_end=body_start + b,
                    paragraph_no=paragraph_no,
                    text=body[a:b],
                )
            )
    return sentences


def ingest(
    raw_dir: Path, max_bytes: int, max_year: int | None = None, max_sentence_chars: int = MAX_SENTENCE_CHARS
) -> list[Document]:
    """Every report of a folder, in doc_id order."""
    max_year = max_year or dt.date.today().year + 1
    return [
        read_document(doc_id, path, meta, max_bytes, max_year, max_sentence_chars)
        for doc_id, path, meta in discover(raw_dir)
    ]


DOCUMENT_COLUMNS = [
    *(f for f in Document.__dataclass_fields__ if f not in ("text", "sentences")),
    "n_chars",
    "n_sentences",
    "text",
]
SENTENCE_COLUMNS = list(Sentence.__dataclass_fields__)


INT_COLUMNS = {
    "report_year",
    "n_chars",
    "n_sentences",
    "section_year",
    "sentence_no",
    "char_start",
    "char_end",
    "paragraph_no",
}


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({c: "Int64" for c in columns if c in INT_COLUMNS})


def documents_frame(docs: list[Document]) -> pd.DataFrame:
    return _frame([d.row() for d in docs], DOCUMENT_COLUMNS)


def sentences_frame(docs: list[Document]) -> pd.DataFrame:
    return _frame(
        [{c: getattr(s, c) for c in SENTENCE_COLUMNS} for d in docs for s in d.sentences], SENTENCE_COLUMNS
    )  # what asdict gives, without its deep copies


def from_frames(documents: pd.DataFrame, sentences: pd.DataFrame) -> list[Document]:
    """Documents rebuilt from the ingest stage's files, for the extract stage run on its own."""
    fields = set(Document.__dataclass_fields__) - {"sentences"}
    by_doc: dict[str, list[Sentence]] = {}  # one conversion of the whole frame, not one per report
    for record in sentences.astype(object).where(sentences.notna(), None).to_dict("records"):
        by_doc.setdefault(record["doc_id"], []).append(Sentence(**record))
    docs = []
    for row in documents.astype(object).where(documents.notna(), None).to_dict("records"):
        doc = Document(**{k: v for k, v in row.items() if k in fields})
        doc.sentences = by_doc.get(doc.doc_id, [])
        docs.append(doc)
    return docs
