"""Organizations, one row per mention, with one canonical name per body within a report.

"National Police of Timor-Leste (PNTL)" defines an acronym: later "PNTL" and "the Timorese
police" resolve to the same canonical name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tipfacts.extraction.context import SentenceContext
from tipfacts.extraction.facts import Fact, fact
from tipfacts.extraction.matcher import Gates
from tipfacts.lexicon.tables import table, words_alternation
from tipfacts.lexicon.words import ARMED_GROUPS, INTERGOVERNMENTAL, NOT_ORG_NAMES, ORG_HEADS, US_GOVERNMENT_MARKERS
from tipfacts.places import countries

CAP = r"(?:[A-Z][\w’'.&-]*[\w.’'])"
JOIN = rf"(?:{table('name_joiners').alternation()})"
NAME = re.compile(rf"{CAP}(?:\s+(?:{JOIN}\s+)*{CAP})*")
ACRONYM_DEF = re.compile(rf"(?P<name>{CAP}(?:\s+(?:{JOIN}\s+)*{CAP})*)\s*\((?P<acr>[A-Z][A-Za-z.&-]{{1,11}})\)")
HEAD = [(re.compile(rf"\b(?:{p})(?:e?s)?\b"), kind) for p, kind in ORG_HEADS.items()]
IGO = re.compile(rf"(?<![\w-])(?:{words_alternation(INTERGOVERNMENTAL)})(?![\w-])")
US = re.compile(US_GOVERNMENT_MARKERS)
ARMED = re.compile(rf"(?<![\w-])(?:{words_alternation(ARMED_GROUPS)})(?![\w-])")
LEADING = re.compile(rf"^(?:(?:{words_alternation(table('name_lead_words').terms())})\s+)+")
GENERIC = re.compile(rf"^(?:{table('generic_names').alternation()})$")
GENERIC_WORDS = frozenset(w.lower() for w in table("generic_name_words").terms())
SINGLE_WORD_BODY = re.compile(rf"(?:{table('single_word_bodies').alternation()})")
# An NGO's name may hold "for", "of" or "the" ("Hope for Justice"), not "and": "and" joins the next name of a list.
NGO_NAME = rf"{CAP}(?:\s+(?:(?:for|of|the)\s+)*{CAP})*"
NGO_NAMED = re.compile(rf"\b(?:{table('ngo_cues').alternation()})\s+(?P<name>{NGO_NAME})")
# "NGOs such as Maiti Nepal and Shakti Samuha", "NGOs, including A, B, and C": the list's further names (after a
# word that opens a list; "the NGO La Strada and Caritas" names one NGO and another body)
LISTING = re.compile(r"\b(?:such\s+as|including|like|namely)\s+$")
NGO_NEXT = re.compile(rf"(?:\s*,\s+(?:and\s+)?|\s+and\s+)(?P<name>{NGO_NAME})")
# "Prime Minister Hun Sen": a title, then a proper name.
PERSON = re.compile(rf"(?:{table('person_titles').alternation()})\s+(?P<rest>[A-Z].*)")
# "Save the Children and the International Organization for Migration", "from the Immigration Services Agency to
# the Labor Inspection Office": where two names meet (each side a body by itself).
AND = re.compile(r"\s+(?:and|to\s+the|from\s+the|with\s+the|within(?:\s+the)?)\s+(?:the\s+)?")
# An acronym no sentence of the report defines ("the MOI reported", "funding for the CNLTP"): TIP narratives
# name bodies by acronyms defined in earlier years' reports. A small table lists the acronyms of other things.
BARE_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{2,7}s?|Mo[A-Z][A-Za-z&]{0,5}")  # "the MOI", "the MoHA" (Ministry of ...)
NOT_BODY_ACRONYM = re.compile(rf"(?:{table('not_body_acronyms').alternation()})[sS]?")
NUMBER_NEAR = re.compile(r"\d[\d,.]*\s*(?:million\s+|billion\s+)?$")
# A name that may go on with a list of its portfolios ("Ministry of Labor, Employment and Social Security").
PORTFOLIO_HEAD = re.compile(r"\b(?:Ministry|Ministries|Department|Secretariat|Committee|Commission)\s+(?:of|for)\s")
# "the anti-trafficking police unit": a body described in lower case (a trafficking word, then a head word).
DESCRIBED = re.compile(
    rf"\bthe\s+(?:government['’]s\s+)?(?P<name>(?-i:{table('described_bodies').alternation()}))\b(?!['’-])",
    re.IGNORECASE,
)
# Which of the slow sentence-wide patterns may match a sentence: most name no NGO list, body, armed group or
# described body.
GATES = Gates([NGO_NAMED, IGO, ARMED, DESCRIBED])
# What a name may not end on: a joining word, a possessive.
TRAILING = re.compile(rf"(?:\s+{JOIN}|['’]s?)$")
# "Ministries of Labor and Justice": each listed portfolio one or two capitalized words
PORTFOLIO = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
PLURAL_HEAD = re.compile(
    rf"(?P<head>Ministries|Departments)\s+of\s+(?P<portfolios>{PORTFOLIO}(?:,\s+{PORTFOLIO})*,?\s+and\s+{PORTFOLIO})"
)
TRAFFICKING_NAME = re.compile(r"traffick|\bTIP\b", re.IGNORECASE)
RECOMMENDING = re.compile(r"(?:prioritized\s+)?recommendations?\s*[:.-]", re.IGNORECASE)
DEMONYM_POLICE = re.compile(r"\b(?P<dem>[A-Z][a-z]+)\s+(?P<head>police|authorities\s+police)\b")


@dataclass
class Mention:
    start: int
    end: int
    name: str
    owner: str = ""  # "U.S. State Department" in "U.S. State Department's Office to ..."
    kind: str | None = None  # known from the context ("NGOs such as Maiti Nepal"), not from the name


def _titled(name: str) -> str:
    """ "anti-human trafficking units" -> "Anti-Human Trafficking Units" (joiners stay lower case)."""
    return re.sub(rf"\b(?!(?:{JOIN})\b)([a-z])", lambda c: c.group(1).upper(), name)


def _kind(name: str, subject: str | None) -> tuple[str, str | None]:
    """(org_kind, country) from the name's words (a name defined in lower case, from its title case)."""
    if name[:1].islower():
        name = _titled(name)
    if IGO.fullmatch(name) or re.search(r"\bUnited\s+Nations\b|^UN\s", name):
        return "intergovernmental", None
    if ARMED.fullmatch(name):
        return "other", None
    named = [p.iso3 for p in countries.find_places(name) if p.iso3]
    if US.search(name) and subject != "USA":
        return "foreign_government", "USA"
    for pattern, kind in HEAD:
        if pattern.search(name):
            if kind in ("index_publisher", "ngo"):
                return kind, None
            country = named[0] if named else subject
            return ("foreign_government" if country != subject and kind == "national_government" else kind), country
    return "other", subject


def _generic(name: str, subject: str | None = None) -> bool:
    """The government, the report, or a general reference ("Vietnamese Government", "Government Agencies").
    Another country's government acts in its own right ("the Cuban Government" in another country's report)."""
    if name in NOT_ORG_NAMES or GENERIC.match(name):
        return True
    rest = name
    for place in reversed(countries.find_places(name)):
        if subject is None or place.iso3 in (None, subject):
            rest = rest[: place.start] + " " + rest[place.end :]
    words = re.findall(r"[\w’'&.-]+", rest.lower())
    return not words or all(w in GENERIC_WORDS for w in words)


def _person(name: str) -> bool:
    """A title and a proper name holding no body's head ("Minister Dao Ngoc Dung")."""
    m = PERSON.fullmatch(name)
    return bool(m) and not any(p.search(m.group("rest")) for p, _ in HEAD)


def _bare_acronym_body(text: str, start: int, name: str, defined: frozenset[str]) -> bool:
    """An undefined acronym that names a body: not another thing's acronym (a law, plan, currency, illness),
    not a country, not an amount's currency ("80 million FCFA"), not a word of an all-capitals heading."""
    if not BARE_ACRONYM.fullmatch(name) or name in defined or NOT_BODY_ACRONYM.fullmatch(name):
        return False
    if (
        countries.resolve(name)
        or countries.resolve(name.title())
        or NUMBER_NEAR.search(text[max(0, start - 20) : start])
    ):
        return False
    before = text[max(0, start - 30) : start].split()
    after = text[start + len(name) : start + len(name) + 30].split()
    near = [w for w in (before[-1:] + after[:1]) if re.search(r"[A-Za-z]{2}", w)]
    return not any(w.isupper() for w in near) and any(c.islower() for c in text)


@lru_cache(maxsize=1 << 14)  # reports name the same bodies, and the same capitalized words, again and again
def _is_org(name: str, subject: str | None = None) -> bool:
    if _generic(name, subject) or countries.resolve(name) or _person(name):
        return False
    if " " not in name and not SINGLE_WORD_BODY.fullmatch(name):
        return bool(IGO.fullmatch(name) or ARMED.fullmatch(name))  # "Office", "Court" alone name no body
    return bool(IGO.fullmatch(name) or ARMED.fullmatch(name)) or any(p.search(name) for p, _ in HEAD)


def _conjuncts(start: int, name: str) -> list[tuple[int, str]]:
    """(start, name) of each body a coordinated name holds: "Save the Children and World Vision" (or "the ATU and
    the Ministry of Health") names two, "Ministry of Labor and Social Affairs" one (its second part names no body by
    itself)."""
    for sep in AND.finditer(name):
        left, right = name[: sep.start()], name[sep.end() :]
        first = AND.split(right, maxsplit=1)[0]
        if (_is_org(left) or GENERIC.match(left) or BARE_ACRONYM.fullmatch(left)) and _is_org(
            first
        ):  # "Deputy Prime Minister and Minister of ..."
            return [(start, left), *_conjuncts(start + sep.end(), right)]
    return [(start, name)]


def _owns_bodies(owner: str, owned: str) -> bool:
    """A state owns bodies ("Nepal's Ministry", "the State Department's Office"), and a body owns a named unit
    ("the Ministry of Interior's Counter-Trafficking Unit"); a possessive inside a name does not split it
    ("Lord's Resistance Army", "Department of Children's Services", "the Prosecutor's Office")."""
    owner = LEADING.sub("", owner)
    if US.search(owner) or (countries.resolve(owner) and not countries.demonyms_of(countries.resolve(owner)) & {owner}):
        return True
    first = owned.split(" ", 1)[0]
    heads = [p for p, _ in HEAD]
    return any(p.search(owner) for p in heads) and _is_org(owned) and not any(p.fullmatch(first) for p in heads)


def _split_possessive(start: int, name: str) -> list[Mention]:
    """ "U.S. State Department's Office to Monitor ..." names two bodies, and so does "the Directorate of Criminal
    Investigations’ Anti-Human Trafficking Unit"."""
    parts = re.split(r"(['’]s\s+|(?<=s)['’]\s+)", name)
    out, pos, owner = [], 0, ""
    for i in range(0, len(parts), 2):
        part = parts[i]
        if out and not _owns_bodies(owner, part):  # glue back onto the previous name
            last = out.pop()
            part = name[last.start - start : pos + len(part)]
            out.append(Mention(last.start, start + pos + len(parts[i]), part, last.owner))
        else:
            out.append(Mention(start + pos, start + pos + len(part), part, owner))
        owner = parts[i]
        pos += len(parts[i]) + (len(parts[i + 1]) if i + 1 < len(parts) else 0)
    return out


def _with_listed_portfolios(text: str, names: list[re.Match[str]]) -> list[tuple[int, str]]:
    """(start, name) of each capitalized name, a ministry's list of portfolios joined onto it: "Ministry of Labor,
    Employment and Social Security" is one body (not when a listed part is a body or place by itself: "the
    Ministry of Justice, Interpol and Europol")."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(names):
        m, j = names[i], i
        if PORTFOLIO_HEAD.search(m.group(0)):
            while j + 1 < len(names) and re.fullmatch(r",\s+(?:and\s+)?", text[names[j].end() : names[j + 1].start()]):
                j += 1
            parts = [n.group(0) for n in names[i + 1 : j + 1]]
            closed = j > i and (" and " in parts[-1] or text[names[j - 1].end() : names[j].start()].endswith("and "))
            if not closed or any(_is_org(p) or countries.find_places(p) for q in parts for p in AND.split(q)):
                j = i
        out.append((m.start(), text[m.start() : names[j].end()]))
        i = j + 1
    return out


# `subject`: the report's country (its own government in general is no body).
def mentions(
    text: str, acronyms: dict[str, str] | None = None, subject: str | None = None, defined: frozenset[str] = frozenset()
) -> list[Mention]:
    """Organization names in a sentence, left to right; `acronyms` the report defined count as names, and so do
    acronyms it never defined (`defined`: every acronym it defines, bodies or not)."""
    found: list[Mention] = []
    for full in sorted((n for n in (acronyms or {}) if " " in n and n in text), key=len, reverse=True):
        for m in re.finditer(re.escape(full), text):  # "Ministry of Women, Children and Social Welfare"
            if not any(f.start <= m.start() < f.end for f in found):
                found.append(Mention(m.start(), m.end(), full))
    known = list(found)
    names = list(NAME.finditer(text))
    for start, whole_name in _with_listed_portfolios(text, names):
        for part in _split_possessive(start, whole_name):
            lead = LEADING.match(part.name)
            whole = part.name[lead.end() :] if lead else part.name
            for start, name in _conjuncts(part.start + (lead.end() if lead else 0), whole):
                name = TRAILING.sub("", name).rstrip(".")
                if any(start < f.end and f.start < start + len(name) for f in known):
                    continue  # a name the report defined
                if _is_org(name, subject) or (acronyms and name in acronyms):
                    found.append(Mention(start, start + len(name), name, part.owner))
                elif _bare_acronym_body(text, start, name, defined):  # mostly a ministry or agency ("the MOL")
                    found.append(Mention(start, start + len(name), name, part.owner, kind="national_government"))
    possible = GATES.which(text)
    for m in NGO_NAMED.finditer(text) if 0 in possible else ():  # "NGOs such as Maiti Nepal"
        item: re.Match[str] | None = m
        while item and not countries.resolve(item.group("name")):
            if not any(f.start <= item.start("name") < f.end for f in found):
                name = item.group("name").rstrip(".")
                found.append(Mention(item.start("name"), item.start("name") + len(name), name, kind="ngo"))
            item = NGO_NEXT.match(text, item.end()) if LISTING.search(text, 0, m.start("name")) else None
            if item and " " not in item.group("name") and not SINGLE_WORD_BODY.fullmatch(item.group("name")):
                break  # "NGOs like Shakti Samuha and Kathmandu officials": a one-word item is an acronym or known
    bodies = (*(IGO.finditer(text) if 1 in possible else ()), *(ARMED.finditer(text) if 2 in possible else ()))
    for m in bodies:
        if any(f.start <= m.start() < f.end for f in found):
            continue
        # "the UN TIP Protocol", "the ILO Convention": the body's name qualifies a longer name that is no body
        if any(n.start() <= m.start() and re.match(r"\s+[A-Z]", text[m.end() : n.end()]) for n in names):
            continue
        found.append(Mention(m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda x: x.start)


def short_names(contexts: list[SentenceContext]) -> dict[str, str]:
    """Full name -> acronym, and acronym -> full name, from "Name (ACR)" definitions in a report."""
    pairs: dict[str, str] = {}
    for acronym, name in (contexts[0].acronyms if contexts else {}).items():
        name = _conjuncts(0, LEADING.sub("", name))[-1][1]
        # a defined acronym names a body even in lower case: "anti-human trafficking units (AHTUs)"
        if (_is_org(name) or _is_org(_titled(name))) and not countries.resolve(acronym):
            pairs[name], pairs[acronym] = acronym, name
    for ctx in contexts:
        for m in ACRONYM_DEF.finditer(ctx.text):
            name = _conjuncts(0, LEADING.sub("", m.group("name")))[-1][1]
            if _is_org(name) and not countries.resolve(m.group("acr")):
                pairs[name] = m.group("acr")
                pairs[m.group("acr")] = name
    return pairs


def document_names(contexts: list[SentenceContext]) -> dict[str, str]:
    """`short_names` of a report, computed once for the rules that read them (organizations, events)."""
    if not contexts:
        return {}
    shared = contexts[0].shared
    if "org_pairs" not in shared:
        shared["org_pairs"] = short_names(contexts)
    return shared["org_pairs"]


def _not_bare_bodies(ctx: SentenceContext) -> frozenset[str]:
    """Acronyms a report defines ("the 2014 Criminal Code (COIP)") or dates ("the 2007 HTTCA"): a body's acronym
    that is defined is a name the report pairs; a dated one names a law or a plan."""
    text = ctx.doc.text
    return frozenset(
        {*ctx.acronyms, *re.findall(r"\(([A-Z][A-Z0-9&-]{1,7})s?\)", text)}
        | set(re.findall(r"\b(?:1[89]|20)\d\d\s+([A-Z][A-Z0-9&-]{1,7})\b", text))
    )


def _initials(name: str) -> str:
    """ "Ministry of Interior" -> "MI": the capitals of a name's words."""
    return "".join(w[0] for w in re.findall(r"[\w’'-]+", name) if w[0].isupper())


def _spelled_out(acronym: str, names: list[str]) -> str:
    """The report's body whose initials spell an undefined acronym ("MOI": "Ministry of Interior"), else the acronym."""
    bare = acronym.rstrip("s").upper()  # "MoHA" is spelled "MOHA"
    for name in names:
        full = "".join(w[0].upper() for w in re.findall(r"[\w’'-]+", name) if w.lower() != "the")
        parts = "".join(w[0].upper() for w in re.findall(r"[^\W_]+", name) if w.lower() != "the")
        # "ATU": "Anti-Trafficking Unit", or "the police anti-trafficking unit" (its last words)
        if len(name) > len(bare) and (
            bare in (_initials(name), full, parts) or (name.islower() and parts.endswith(bare))
        ):
            return name
    return acronym


def _spelled(name: str) -> str:
    """ "Anti-TIP Bureau" and "Anti-Trafficking-in-Persons Bureau" spell one name."""
    return re.sub(r"[\s-]+", " ", re.sub(r"\bTIP\b", "Trafficking in Persons", name)).lower()


def _longer_names(names: list[str]) -> dict[str, str]:
    """A report's shorter name -> the fuller name of the same body it also uses: the full name cut before a
    joining word ("Regional Center" of "Regional Center of Excellence for ..."; not "National Police" of
    "National Police Academy", nor "Ministry of Labor" of "Ministry of Labor and the Ministry of Health"), or
    the same name spelled out ("Anti-TIP Bureau")."""
    out = {}
    for short in names:
        for full in names:
            cut = re.match(rf"{re.escape(short)}\s+(?:of|for|to|on|against)\s", full)
            if (
                len(full) > len(short)
                and (cut or _spelled(full) == _spelled(short))
                and len(full) > len(out.get(short, ""))
            ):
                out[short] = full
    return out


def sentence_mentions(ctx: SentenceContext, pairs: dict[str, str]) -> list[Mention]:
    """`mentions` of a sentence with its report's names, computed once for the rules that read them."""
    found = ctx.shared.setdefault("org_mentions", {})
    if ctx.sentence.sentence_no not in found:
        defined = ctx.shared.get("not_bare_bodies")
        if defined is None:
            defined = ctx.shared["not_bare_bodies"] = _not_bare_bodies(ctx)
        found[ctx.sentence.sentence_no] = mentions(ctx.text, pairs, ctx.subject, defined)
    return found[ctx.sentence.sentence_no]


def canonical(name: str, pairs: dict[str, str]) -> str:
    """One name for every mention of a body: the full name where the report defines an acronym."""
    if name in pairs and len(pairs[name]) > len(name):
        return pairs[name]
    return name


def _named_like(described: str, names: list[str]) -> str:
    """The report's one named body about trafficking with the described body's head word ("the anti-trafficking
    committee" of a report naming the "National Committee to Combat Trafficking"; not its "Child Protection Unit"
    for "the anti-trafficking unit"), else the description itself."""
    head = re.compile(rf"\b{described.split()[-1]}\b", re.IGNORECASE)
    alike = sorted({n for n in names if head.search(n) and n != described and TRAFFICKING_NAME.search(n)})
    return alike[0] if len(alike) == 1 else described


def _described(ctx: SentenceContext, found: list[Mention]) -> list[re.Match[str]]:
    """Bodies the sentence describes in lower case ("the anti-trafficking police unit"), not part of a name and not
    denied ("did not establish the dedicated anti-trafficking agency")."""
    if 3 not in GATES.which(ctx.text):  # most sentences describe no body (the pattern is long to try)
        return []
    return [
        m
        for m in DESCRIBED.finditer(ctx.text)
        if not any(f.start < m.end("name") and m.start("name") < f.end for f in found)
        and not ctx.negated(m.start(), 30)
    ]


def _each_body(name: str) -> list[str]:
    """ "Ministries of Labor and Justice" names two ministries: "Ministry of Labor", "Ministry of Justice"."""
    m = PLURAL_HEAD.fullmatch(name)
    if not m:
        return [name]
    head = {"Ministries": "Ministry", "Departments": "Department"}[m.group("head")]
    return [f"{head} of {part}" for part in re.split(r",\s+(?:and\s+)?|\s+and\s+", m.group("portfolios"))]


def _apparatus(ctx: SentenceContext) -> bool:
    """A reference list or the like names no body the report speaks of; a recommendation does ("increase resources
    for the Anti-Trafficking Unit"): annotators list the bodies a report names in its recommendations too."""
    return ctx.is_advice and "recommend" not in ctx.sentence.section.lower() and not RECOMMENDING.match(ctx.text)


def extract_document(contexts: list[SentenceContext]) -> list[Fact]:
    pairs = document_names(contexts)
    national_police = next(
        (n for n in pairs if len(n) > 8 and re.search(r"\bPolice\b", n) and countries.find_places(n)), None
    )
    named = sorted(
        {m.name for ctx in contexts if not _apparatus(ctx) for m in sentence_mentions(ctx, pairs) if " " in m.name}
    )
    longer = _longer_names(named)
    described = {
        ctx.sentence.sentence_no: _described(ctx, sentence_mentions(ctx, pairs))
        for ctx in contexts
        if not _apparatus(ctx)
    }
    described_names = sorted({m.group("name") for found in described.values() for m in found})
    facts = []
    for ctx in contexts:
        if _apparatus(ctx):
            continue
        for mention in sentence_mentions(ctx, pairs):
            name = mention.name
            if mention.kind:
                kind, country = mention.kind, ctx.subject
            else:
                kind, country = _kind(canonical(name, pairs), ctx.subject)
            full = canonical(name, pairs)
            full = longer.get(full, full)
            if mention.kind == "national_government" and BARE_ACRONYM.fullmatch(name) and name not in pairs:
                # "the MOI" in a report that names the "Ministry of Interior", "the ATU" one that describes "the
                # police anti-trafficking unit"
                full = _spelled_out(name, named + described_names)
                kind = _kind(full, ctx.subject)[0] if full != name else kind
            if mention.owner and US.search(mention.owner):
                # "the U.S. State Department's Office to Monitor ...": the report's author, one body with its office
                # (a body of the United States' own government in its own article)
                if ctx.subject != "USA":
                    kind, country = "foreign_government", "USA"
                full = canonical(LEADING.sub("", mention.owner).strip(), pairs)
            facts.extend(
                fact(
                    ctx,
                    "org_name",
                    (mention.start, mention.end),
                    name=name,
                    canonical=one,
                    org_kind=kind,
                    country_iso3=country,
                )
                for one in _each_body(full)
            )
        for m in described[ctx.sentence.sentence_no]:
            full = _named_like(m.group("name"), [longer.get(n, n) for n in named])
            kind, country = _kind(full, ctx.subject)
            facts.append(
                fact(
                    ctx,
                    "org_described",
                    m.span("name"),
                    name=m.group("name"),
                    canonical=full,
                    org_kind="national_government" if kind == "other" else kind,  # "the advisory body"
                    country_iso3=country,
                )
            )
        if national_police and ctx.subject:
            for m in DEMONYM_POLICE.finditer(ctx.text):
                if countries.resolve(m.group("dem")) == ctx.subject:
                    facts.append(
                        fact(
                            ctx,
                            "org_national_police",
                            m.span(),
                            name=m.group(0),
                            canonical=national_police,
                            org_kind="law_enforcement",
                            country_iso3=ctx.subject,
                        )
                    )
    return facts
