"""Who is trafficked from where to where, for what: one row per origin x destination x exploitation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import product

from tipfacts.extraction import readings
from tipfacts.extraction.context import SentenceContext
from tipfacts.extraction.facts import Fact, fact, join_list
from tipfacts.extraction.matcher import matcher
from tipfacts.lexicon.tables import table, words_alternation
from tipfacts.places.countries import INTERNAL_PLACES, REGIONS, Place


def _words(name: str, whole: bool = False) -> re.Pattern[str]:
    """A lexicon table as one case-insensitive pattern (`whole`: whole words only)."""
    alternation = table(name).alternation()
    return re.compile(rf"\b(?:{alternation})\b" if whole else alternation, re.IGNORECASE)


CUE = _words("flow_cues")
# Words before a destination list: people were moved or exploited there.
TOWARD_VERB = _words("flow_movements")
# The tier-rating paragraph states efforts, not flows.
FLOW_FREE_PARAGRAPH = _words("flow_free_paragraphs")
# What may stand between two members of one list of places: "Indonesia, the P.R.C. (especially Burma) but
# also China", "European countries—including Austria", "Montenegro and, to a lesser extent, in Albania".
LIST_GAP = re.compile(
    r"(?:[\s,()—–]|\b(?:and|or|the|but|also|as\s+well\s+as|especially|particularly|including|notably|mainly"
    r"|primarily|most\s+often|such\s+as|to\s+a\s+(?:lesser|greater)\s+extent|countries|islands|nations|states"
    r"|regions?|other|indigenous|in"
    r"|throughout)\b)*",
    re.IGNORECASE,
)
# "in Africa, Asia, the Mediterranean, Latin America": a member the place finder does not know keeps the list.
UNKNOWN_MEMBER = re.compile(
    r",\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}(?:,\s+(?:(?:and|or)\s+)?|,?\s+(?:and|or)\s+)(?:the\s+)?"
)
BARE_IN = re.compile(r"\s+in\s+(?:the\s+)?")
# A place list after "from" (possibly "from rural areas in"): origins.
FROM_LEAD = re.compile(
    r"\b(?:from|originat\w*\s+in)\s+(?:(?:the|rural|urban|poor|remote|areas?|regions?|provinces?|villages?|parts\s+of|in|other"
    r"|neighbo(?:u)?ring|(?:south|north)?(?:east|west)?(?:ern)?\s+and)\s+)*$",
    re.IGNORECASE,
)
# A place list after "to", "in", "throughout": destinations (when a movement or exploitation word precedes).
TO_LEAD = re.compile(
    r"\b(?:to|into|towards?|in|within|throughout|across|bound\s+for|destined\s+for|reach|reaching)\s+"
    r"(?:(?:the|other|neighbo(?:u)?ring|several|various|many|west|east|north|south|western|eastern|northern"
    r"|southern|central|and|cities|towns|urban\s+areas|countries)\s+(?:in\s+)?)*$",
    re.IGNORECASE,
)
# "through Poland into Germany", "across Germany to the Netherlands": places on the way, then where.
ROUTE_LEAD = re.compile(r"\b(?:across|through|via)\s+(?:the\s+)?$", re.IGNORECASE)
ONWARD = re.compile(r"\s(?:to|into)\s+(?:the\s+)?[A-Z]")
# "perpetrators from Japan": where offenders come from, not victims.
OFFENDERS_FROM = re.compile(rf"\b(?:{table('flow_offenders').alternation()})\s+from\s+(?:the\s+)?$", re.IGNORECASE)
PEOPLE_OF = re.compile(
    r"\b(?:citizens|nationals|natives|residents|people|women|men|children|victims)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# Where the noun phrase after a demonym ends: its verb, a relative clause, a preposition, or the next place.
OWN_PHRASE_END = re.compile(
    r"[,;:(]|\b(?:are|were|is|was|have|has|had|who|which|that|from|in|to|into|for|at|on|become|remain)\b"
    r"|\s[A-Z]"
)
VICTIM_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s+){0,3}?(?:women|men|girls|boys|children|minors|adults|persons|people|nationals|citizens"
    r"|victims|workers|labou?rers|migrants|refugees|individuals|youth|females|males"
    r"|woman|man|girl|boy|child|victim|worker)\b",  # "a Filipina woman"
    re.IGNORECASE,
)
INTERNAL = re.compile(
    r"\binternal(?:ly)?\s+(?:\w+\s+)?traffick\w*|\btraffick\w*\s+internally\b|\bdomestically\b|\bdomestic\s+(?:and\s+foreign\s+)?victims\b|\bwithin\s+(?:the\s+)?"
    r"(?:country|its\s+borders)|\bthroughout\s+the\s+country|\bin\s+the\s+country\b|\bfrom\s+(?:rural|poor|remote)",
    re.IGNORECASE,
)
# "most trafficking was internal": a statement of internal trafficking that names no people.
INTERNAL_STATED = re.compile(
    r"\btrafficking\s+(?:(?:in|within)\s+[\w\s]{1,30}?\s+)?(?:is|was|remains|remained)\s+"
    r"(?:(?:mostly|mainly|primarily|largely|predominantly|overwhelmingly)\s+)?(?:internal|domestic)\b",
    re.IGNORECASE,
)
INTERNAL_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?P<area>" + "|".join(INTERNAL_PLACES) + r")\b", re.IGNORECASE)
INTERNAL_TO = re.compile(r"\bto\s+(?:the\s+)?(?P<area>" + "|".join(INTERNAL_PLACES) + r")\b", re.IGNORECASE)
CITY_TO = re.compile(r"\b(?:to|in)\s+(?P<area>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
FOREIGN = re.compile(r"\bforeign\b", re.IGNORECASE)
# "from Asia", "from nearby countries": an origin elsewhere, named or not, so not the subject's own people.
FROM_ELSEWHERE = re.compile(r"\bfrom\s+(?:the\s+)?(?:[A-Z]|neighbo|nearby|other\s+countries|abroad)")
# What people of the country undergo at home when a clause names no kind: "Kenyan girls are exploited in bars".
HOME_VERB = re.compile(
    r"\b(?:exploit(?:ed|s)?|exploitation\s+of|forc(?:ed|es?)|subjected|sold|traffick(?:ed|s)|coerc(?:ed|es?)"
    r"|abduct(?:ed|s)?|recruit(?:ed|s)?|used)\b",
    re.IGNORECASE,
)
# "trafficked into the country", "into Israel": brought from elsewhere, the origin unstated.
INBOUND = re.compile(r"\b(?:into|entering)\s+(?:the\s+country\b|[A-Z])")
# "...; traffickers exploit some of these workers": people the clause before named, with their places.
ANAPHOR = re.compile(
    r"\b(?:these|those|such)\s+(?:\w+\s+)?(?:workers|victims|women|men|girls|boys|children|migrants|people"
    r"|individuals|persons|laborers|labourers)\b",
    re.IGNORECASE,
)
CREDITED = re.compile(
    r"(?:according\s+to|per)\s+(?:the\s+)?(?P<a>[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)"
    r"|(?:the\s+)?(?P<b>[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)+)\s+(?:noted|reported|found|estimated|stated"
    r"|said|documented|observed|indicated)\b"
)
# Words CREDITED cannot match without: a cheap test first (the full pattern tries every capital letter).
CREDIT_WORDS = re.compile(
    r"according\s+to\s|per\s|\s(?:noted|reported|found|estimated|stated|said|documented|observed|indicated)\b"
)
ROLE_DEST = re.compile(r"\bdestination\b", re.IGNORECASE)
# A list of countries a role word names: "Source countries for victims in 2008 included A, B, and C", "A, B, and
# C were the major destination countries". Plural "countries" only: "X is a source country for ..." states the
# subject's roles (see country_roles), and its flows follow from the clause's own words.
ROLE_ORIGINS = r"(?:source|origin|sending)\s+countries|countries\s+of\s+origin"
ROLE_DESTINATIONS = r"destination\s+countries|countries\s+of\s+destination"
ROLE_VERB = r"(?:includ\w*|are|were|was|is|comprise\w*|consist\w*\s+of)"
ROLE_LIST_WORDS = re.compile(rf"\b(?:{ROLE_ORIGINS}|{ROLE_DESTINATIONS})\b", re.IGNORECASE)
ROLE_LIST_LEAD = re.compile(
    rf"\b(?:(?P<origins>{ROLE_ORIGINS})|(?P<destinations>{ROLE_DESTINATIONS}))\b[^,;:]{{0,80}}?\b{ROLE_VERB}\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
ROLE_LIST_TAIL = re.compile(
    rf"^[\s,]*(?:(?:are|were|is|was|remain\w*)\s+)(?:among\s+)?(?:the\s+)?(?:[a-z]+\s+){{0,2}}?"
    rf"(?:(?P<origins>{ROLE_ORIGINS})|(?P<destinations>{ROLE_DESTINATIONS}))\b",
    re.IGNORECASE,
)
# A demonym used as an adjective of a workplace names where people are exploited: "South African farms".
WORKPLACE_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s+){0,2}?(?:farms?|mines?|plantations?|ships|vessels|boats|households|homes|brothels|factories"
    r"|construction|fishing|industry|industries|sector|tourism|agricultur\w*|markets?)\b"
)
# "South and Southeast Asia": a compass word sharing the region's name with the next one.
SHARED_REGION = re.compile(r"\b(South|North|East|West|Central|Southern|Northern|Eastern|Western)\s+and\s+$")
REGION_NAMES = frozenset(REGIONS)
# "concentrated in the Sindh and Punjab provinces": named parts of the country, where a kind is found.
PROVINCES_IN = re.compile(
    r"\bin\s+(?:the\s+)?(?P<area>[A-Z][\w'’-]*(?:(?:\s+|,\s*|,?\s+and\s+)[A-Z][\w'’-]*)*\s+"
    r"(?:provinces?|districts?|governorates?|prefectures?))\b"  # not "region" ("the Balkan region"), "states"
)
COUNTRIES_AFTER = re.compile(r"(?:\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?\s+(?:countries|nations|states)\b")
# A place inside a country ("Gaza province") is not that country.
SUBDIVISION_AFTER = re.compile(  # matched at a place's end (`match(text, pos)`: no `^`, which needs a line start)
    r"\s+(?:province|region|district|state|city|county|governorate|prefecture|municipality)\b", re.IGNORECASE
)
# "X is a source, transit, and destination country for men ...": roles (see country_roles), not a home flow.
ROLE_STATEMENT = re.compile(
    r"\b(?:source|transit|destination)\s+(?:country|countries|point|hub)\b"
    r"|\bcountry\s+of\s+(?:origin|transit|destination)\b",
    re.IGNORECASE,
)
# Migrants and foreigners are not the subject's own people, whatever the clause omits.
NOT_HOME = _words("flow_not_home", whole=True)
# A clause about what the state did ("the government took action by convicting ...") describes no flow.
STATE_ACTOR = _words("flow_state_actors", whole=True)
# "traffickers exploit domestic and foreign victims in X": a statement of roles (see country_roles), not a flow.
ROLE_OPENING = re.compile(r"\bdomestic\s+and\s+foreign\s+victims\b", re.IGNORECASE)
# "no reports of women trafficked": a denial of the whole statement (a negated verb is SentenceContext.negated).
NO_REPORTS = re.compile(r"\bno\s+(?:reports?|evidence|indications?|known\s+cases?)\s+(?:of|that)\b", re.IGNORECASE)
# Verbs of exploitation, for statements that name no place: "gangs force women into prostitution".
EXPLOIT_VERB = _words("flow_exploit_verbs", whole=True)


@dataclass(frozen=True)
class End:
    """One end of a flow: a country, an area, or both (a city inside a country). `people`: the victim groups
    an origin's own words name ("Bolivian women and Colombian children"); two ends are equal without them."""

    iso3: str | None
    area: str | None
    people: tuple[str, ...] = field(default=(), compare=False)


def _merged(ends: list[End]) -> list[End]:
    """Each end once, in order, with the people of all its mentions ("Bolivian women and Bolivian girls")."""
    people: dict[End, set[str]] = {}
    for end in ends:
        people.setdefault(end, set()).update(end.people)
    return [End(e.iso3, e.area, tuple(sorted(p))) for e, p in people.items()]


def _own_people(ctx: SentenceContext, after: str) -> tuple[str, ...]:
    """The victim groups of the noun phrase right after a demonym, up to its verb or the next place."""
    phrase = OWN_PHRASE_END.split(after, maxsplit=1)[0]
    return tuple(readings.victim_groups(phrase, ctx.present))


def _lists(clause: str, places: list[Place]) -> list[list[Place]]:
    """Places joined into one list: "from Indonesia, the P.R.C. (especially Burma) but also China"."""
    groups: list[list[Place]] = []
    for place in places:
        gap = clause[groups[-1][-1].end : place.start] if groups else ""
        if (
            groups
            and (LIST_GAP.fullmatch(gap) or UNKNOWN_MEMBER.fullmatch(gap))
            and not re.search(r"\bto\b(?!\s+a\s+\w+\s+extent)", gap)
            # "women from Ethiopia in Egypt": an origin, then where ("other countries in Europe" is one list)
            and not (BARE_IN.fullmatch(gap) and not groups[-1][-1].text.endswith(("countries", "nations")))
        ):
            groups[-1].append(place)
        else:
            groups.append([place])
    return groups


def _shared_regions(clause: str, places: list[Place]) -> list[Place]:
    """ "South and Southeast Asia" names two regions; the place finder sees only the second."""
    out: list[Place] = []
    for p in places:
        shared = SHARED_REGION.search(clause, max(0, p.start - 20), p.start) if p.area and not p.iso3 else None
        name = f"{shared.group(1)} {p.area.rsplit(' ', 1)[-1]}" if shared and p.area else ""
        if shared and name in REGION_NAMES:
            out.append(Place(shared.start(), shared.start() + len(shared.group(1)), name, None, name, p.is_demonym))
        out.append(p)
    return out


def _is_plural_people(form: str) -> bool:
    """ "Nicaraguans transit ...": a plural demonym names people, not an adjective."""
    return form.endswith("s") and not form.endswith("ese")


def _ends(ctx: SentenceContext, offset: int, clause: str, before: str = "") -> tuple[list[End], list[End]]:
    """Origins and destinations named in a clause, from the words before each list of places (`before`:
    the clause's earlier segments, where the verb of "..., as well as to India" stands)."""
    places = _shared_regions(
        clause,
        [
            Place(p.start - offset, p.end - offset, p.text, p.iso3, p.area, p.is_demonym)
            for p in ctx.places
            if offset <= p.start and p.end <= offset + len(clause) and not SUBDIVISION_AFTER.match(ctx.text, p.end)
        ],
    )
    origins: list[End] = []
    destinations: list[End] = []
    listed_destinations: list[End] = []  # named by a role word: the clause's other places are no destinations
    for group in _lists(clause, places):
        lead = clause[max(0, group[0].start - 40) : group[0].start]
        if OFFENDERS_FROM.search(lead):
            continue
        role = ROLE_LIST_LEAD.search(clause[: group[0].start]) or ROLE_LIST_TAIL.match(clause[group[-1].end :])
        if role:  # "source countries included A, B", "A and B were the main destination countries"
            listed = [End(p.iso3, p.area) for p in group if not p.is_demonym]
            if role.group("origins"):
                origins += listed
            else:
                listed_destinations += listed
            continue
        if ROUTE_LEAD.search(lead) and ONWARD.search(clause, group[-1].end):
            continue  # "trafficked across Germany to the Netherlands": a route, not where they end up
        if readings.ABROAD.fullmatch(group[0].text) and TOWARD_VERB.search(clause[: group[0].start]):
            # "exploited abroad, including in Angola, Cyprus": the countries say where abroad
            destinations += [End(p.iso3, p.area) for p in (group[1:] or group)]
        elif FROM_LEAD.search(lead) or PEOPLE_OF.search(lead):
            origins += [End(p.iso3, p.area) for p in group]
        elif TO_LEAD.search(lead) and TOWARD_VERB.search(before + clause[: group[0].start]):
            destinations += [
                End(p.iso3, p.area)
                for p in group
                if not p.is_demonym
                or WORKPLACE_AFTER.match(clause[p.end :])
                # "to other West and Central African countries": regions
                or (p.iso3 is None and COUNTRIES_AFTER.match(clause, p.end))
            ]
        else:
            # "exploit Chinese, South African, and Malawian adults": the last demonym's noun is everyone's
            people = VICTIM_AFTER.match(clause[group[-1].end :])
            for p in group:
                after = clause[p.end :]
                if p.is_demonym and WORKPLACE_AFTER.match(after):
                    destinations.append(End(p.iso3, p.area))
                elif p.is_demonym and (people or VICTIM_AFTER.match(after) or _is_plural_people(p.text)):
                    own = _own_people(ctx, after) or _own_people(ctx, clause[group[-1].end :])
                    origins.append(End(p.iso3, p.area, own))
    return _merged(origins), list(dict.fromkeys(listed_destinations or destinations))


def _internal_areas(clause: str, known: set[str]) -> tuple[str | None, str | None]:
    """Places inside the country: "from rural areas ... to Dili"."""
    origin = INTERNAL_FROM.search(clause)
    dest = INTERNAL_TO.search(clause)
    city = next((m for m in CITY_TO.finditer(clause) if m.group("area") not in known), None)
    dest_area = dest.group("area") if dest else (city.group("area") if city and origin else None)
    return (origin.group("area") if origin else None), dest_area


def _implicit_home(ctx: SentenceContext, kinds_named: bool, verbs: str) -> bool:
    """A clause that names a kind and a verb of exploitation, and is no effort, role or migration statement,
    speaks of exploitation at home ("gangs force women into prostitution")."""
    return bool(
        kinds_named
        and EXPLOIT_VERB.search(verbs)
        and not ctx.sentence.pillar
        and not ROLE_STATEMENT.search(verbs)
        and not NOT_HOME.search(verbs)
        and not STATE_ACTOR.search(verbs)
        and not DEFINITION.search(verbs)
    )


def _complete(
    ctx: SentenceContext, clause: str, origins: list[End], destinations: list[End], kinds_named: bool, verbs: str
) -> tuple[list[End], list[End]]:
    """Fill the end a clause leaves implicit: a report about X speaks of X unless it says otherwise. `verbs`:
    where the clause's verb is (a gapped segment's stands before it)."""
    subject = ctx.subject
    known = {p.text for p in ctx.places}
    origin_area, dest_area = _internal_areas(clause, known)
    internal = bool(INTERNAL.search(clause) or origin_area or dest_area)
    here, there = End(subject, origin_area), End(subject, dest_area)
    if origin_area:  # "Timorese women ... from rural areas": the subject's own, from a place inside it
        origins = [here if o.iso3 == subject and o.area is None else o for o in origins]
    if origins and not destinations:
        if ROLE_DEST.search(clause) or all(o.iso3 != subject for o in origins):
            return origins, [End(subject, None)]
        abroad = readings.ABROAD.search(clause)
        if abroad:
            return (origins, [End(None, abroad.group(0))]) if kinds_named else ([], [])
        # "Kenyan children are forced to work": exploited at home; "All victims were Kenyans" states no flow
        return (origins, [there]) if kinds_named or internal or HOME_VERB.search(clause) else ([], [])
    if destinations and not origins:
        if any(d.iso3 == subject for d in destinations):
            if internal or any(d.iso3 not in (subject, None) for d in destinations):
                return [here], destinations  # "to India, Pakistan, and within Nepal": from the subject
            if FOREIGN.search(clause) or (INBOUND.search(clause) and not STATE_ACTOR.search(clause)):
                return [End(None, None)], destinations
            # "victims in Korea are sold in bars": exploited at home, as a clause naming no place would say
            # ("women from nearby countries are forced ... in Bolivia" names an origin the places missed)
            people = readings.victim_groups(clause, ctx.present)
            home = people and not FROM_ELSEWHERE.search(clause) and _implicit_home(ctx, kinds_named, verbs)
            return ([here], destinations) if home else ([], [])
        return [End(subject, None)], destinations + ([there] if internal else [])
    if not origins and not destinations:
        abroad = readings.ABROAD.search(clause)
        if abroad and not internal and kinds_named:
            return [End(subject, None)], [End(None, abroad.group(0))]
        if INTERNAL_STATED.search(clause):  # "most trafficking was internal"
            return [here], [there]
        provinces = PROVINCES_IN.search(clause)
        if provinces and kinds_named and not STATE_ACTOR.search(verbs):
            # "bonded labour, concentrated in the Sindh and Punjab provinces": exploitation at home, there
            return [here], [End(subject, provinces.group("area"))]
        people = readings.victim_groups(clause, ctx.present)
        # "the government did not address internal child trafficking": an effort, not a flow
        implicit = not FROM_ELSEWHERE.search(clause) and _implicit_home(ctx, kinds_named, verbs)
        if people and ((internal and not STATE_ACTOR.search(verbs)) or implicit):
            return [here], [there]
        return [], []
    if internal and all(d.iso3 != subject for d in destinations):
        destinations = [*destinations, there]
    return origins, destinations


# Where one clause turns to another flow: ", as well as to India ...", ", while foreign women ...".
SEGMENT_BREAK = re.compile(
    r",\s+(?=(?:as\s+well\s+as\s+(?:to|in|into|within|throughout)|while|whereas|and\s+also"
    # "..., and they are also vulnerable to trafficking at transit points": its own status and places
    r"|and\s+(?:they|some|others|many)\s+(?:are|were|also|may|might|remain\w*|become|face)"
    # "..., with small numbers of Lebanese girls sex trafficked in other Arab countries"
    r"|with\s+(?:small\s+numbers|some|many|a\s+few|others))\b)",
    re.IGNORECASE,
)
# Where a coordinated clause may turn to other people with their own kind, the verb left unsaid ("women to
# Chile for sex trafficking and men to Brazil for forced labor"): a break only if both sides name people and
# a kind ("sex trafficking of Thai and migrant children" is one group of people).
PEOPLE_NOUN = rf"(?:{words_alternation(table('victim_groups').terms())})"
# The people a coordinated clause turns to: "some Peruvian men", "women and girls", "other young women".
PEOPLE = (
    rf"(?:(?:some|many|other|most)\s+)?(?:[A-Z][\w'’-]*\s+){{0,2}}"
    # "East African and possibly Thai women": coordinated demonyms of one group
    rf"(?:(?:and|or)\s+(?:possibly\s+|also\s+)?(?:[A-Z][\w'’-]*\s+){{1,2}})?(?:[a-z-]+\s+)?{PEOPLE_NOUN}"
    rf"(?:(?:,\s*|\s+(?:and|or)\s+)(?:[a-z-]+\s+)?{PEOPLE_NOUN})*"
)
# "women from Bangladesh and India in sex trafficking ... and men from Pakistan in forced labor": the people's
# own origins may stand between them and their preposition.
FROM_NAMES = r"(?:\s+from\s+(?:the\s+)?[A-Z][\w'’.-]*(?:(?:\s+|,\s*|\s+and\s+|,\s+and\s+)(?:the\s+)?[A-Z][\w'’.-]*)*)?"
# A finite verb of the coordinated people's own ("and women in Oman are exploited"): their verb is not elided.
OWN_VERB = re.compile(r"\b(?:are|were|is|was|have|has|had|may|might|could|can|face|suffer\w*|become|remain\w*)\b")
GAP_BREAK = re.compile(
    rf",?\s+and\s+(?={PEOPLE}{FROM_NAMES}\s+(?:(?P<elided>to|into|in|for|on|at)|{table('flow_gap_verbs').alternation()})\b)"
)
PEOPLE_END = re.compile(rf"\b(?:{PEOPLE_NOUN})\s*$", re.IGNORECASE)
# "exploit men in forced labor in Qatar and Oman, and in sex trafficking in India": the same people and verb
# turn to another kind with its own places (a break only when both stretches name a kind and a place).
# "..., and exploit Bulgarian men in forced labor across Europe": the same subject's next verb, likewise.
KIND_BREAK = re.compile(
    rf",?\s+(?:and\s+(?:also\s+)?(?=(?:in|into|for|to)\s+)|as\s+well\s+as\s+)"
    rf"(?=(?:(?:in|into|for|to)\s+)?(?:[\w-]+\s+){{0,2}}?(?:{table('exploitations').alternation()}))"
    rf"|,\s+and\s+(?:also\s+)?(?!{table('exploitations').alternation()})(?=(?:exploit|subject|force|sell|traffic)\w*\s)",
    re.IGNORECASE,
)
# "Human trafficking is a form of slavery, involving ...": what trafficking is, not where it happens.
DEFINITION = re.compile(
    r"\b(?:trafficking|slavery)\s+(?:in\s+persons\s+)?(?:is|are)\s+(?:a\s+form|a\s+crime|the\s+(?:illegal|trade|act|recruitment))"
    r"|\bis\s+defined\s+as\b|\brefers\s+to\s+the\b",
    re.IGNORECASE,
)
# A relative clause about the people (", who are vulnerable to exploitation,"): its hedge is not the flow's.
RELATIVE = re.compile(r",\s*(?:who|which|whom|whose)\b[^,;]*,", re.IGNORECASE)


@lru_cache(maxsize=256)
def _credited(sentence: str) -> str | None:
    """The source a sentence credits ("the Organised Crime Index noted ..."), looked up once per sentence."""
    m = CREDITED.search(sentence) if CREDIT_WORDS.search(sentence) else None
    return (m.group("a") or m.group("b")) if m else None


@dataclass(frozen=True)
class Segment:
    """A stretch of a clause that states its own flows. `gapped`: it turns to other people in a coordinated
    clause ("and men are forced ..."); `elided`: their verb, with its hedges, stands before ("and men to ...")."""

    offset: int
    text: str
    gapped: bool = False
    elided: bool = False
    antecedent: str = ""  # the clause before, whose people "these workers" are: its places and sector


def _segments(ctx: SentenceContext, offset: int, clause: str) -> list[Segment]:
    """The clause cut where it turns to another flow (SEGMENT_BREAK), where coordinated people take their own
    kind (GAP_BREAK, when the stretches on both sides name one), and where the same people turn to another
    kind with its own places (KIND_BREAK, when the stretches on both sides name a kind and a place)."""
    cuts = sorted(
        [(m.start(), m.end(), "turn") for m in SEGMENT_BREAK.finditer(clause)]
        + [(m.start(), m.end(), "elided" if m.group("elided") else "gap") for m in GAP_BREAK.finditer(clause)]
        + [(m.start(), m.end(), "kind") for m in KIND_BREAK.finditer(clause)]
    )
    out: list[Segment] = []
    start, before = 0, "turn"
    for i, (a, b, cut) in enumerate(cuts):
        if a < start:
            continue
        left = clause[start:a]
        if cut == "kind":
            following = next((c[0] for c in cuts[i + 1 :] if c[0] >= b and c[2] in ("turn", "kind")), len(clause))
            sides = [(start, left), (b, clause[b:following])]
            if not all(
                _kinds(ctx, side) and (_names_place(ctx, offset + lo, side) or INTERNAL.search(side))
                for lo, side in sides
            ):
                continue
        elif cut != "turn":
            following = next((c[0] for c in cuts[i + 1 :] if c[2] == "turn"), len(clause))
            right = clause[b:following]
            # "women and girls from X": one group of people
            if PEOPLE_END.search(left) or not (
                _kinds(ctx, left) and _names_people(ctx, offset + start, left) and _kinds(ctx, right)
            ):
                continue
            if cut == "elided" and OWN_VERB.search(right):  # "and women in Oman are exploited": their own verb
                cut = "gap"
        out.append(Segment(offset + start, left, before != "turn", before in ("elided", "kind")))
        start, before = b, cut
    out.append(Segment(offset + start, clause[start:], before != "turn", before in ("elided", "kind")))
    return out


def _names_people(ctx: SentenceContext, start: int, text: str) -> bool:
    """Whether `text` (at `start` in the sentence) names victims: a group word, or a plural demonym
    ("Haitians are exploited ...")."""
    return bool(readings.victim_groups(text, ctx.present)) or any(
        start <= p.start and p.end <= start + len(text) and p.is_demonym and _is_plural_people(p.text)
        for p in ctx.places
    )


def _names_place(ctx: SentenceContext, start: int, text: str) -> bool:
    """Whether `text` (at `start` in the sentence) names a place, not only a demonym."""
    return any(start <= p.start and p.end <= start + len(text) and not p.is_demonym for p in ctx.places)


def _kinds(ctx: SentenceContext, text: str) -> tuple[str, ...]:
    return readings.exploitations(text, ctx.present, labour_default=True)


def _rating_paragraphs(ctx: SentenceContext) -> frozenset[int]:
    """Paragraphs (numbers) that open on the tier rating: they state efforts, not flows. Once per report."""
    found = ctx.shared.get("flows.rating_paragraphs")
    if found is None:
        first: dict[int, str] = {}
        for sentence in ctx.doc.sentences:
            first.setdefault(sentence.paragraph_no, sentence.text)
        found = frozenset(n for n, text in first.items() if FLOW_FREE_PARAGRAPH.search(text))
        ctx.shared["flows.rating_paragraphs"] = found
    return found


def extract(ctx: SentenceContext) -> list[Fact]:
    if ctx.sentence.paragraph_no in _rating_paragraphs(ctx):
        return []
    facts = []
    clauses = ctx.clauses()
    for i, (clause_offset, whole) in enumerate(clauses):
        if not CUE.search(whole) or ROLE_OPENING.search(whole):
            continue
        antecedent = clauses[i - 1] if i else None
        inherited = Inherited([], (), [])
        segments = _segments(ctx, clause_offset, whole)
        for segment, following in zip(segments, [*segments[1:], None], strict=True):
            before = whole[: segment.offset - clause_offset]
            ends = _ends(ctx, segment.offset, segment.text, before)
            anaphor = ANAPHOR.search(segment.text)
            if (
                antecedent
                and anaphor
                and not any(ends)
                and _kinds(ctx, segment.text)
                and not STATE_ACTOR.search(segment.text)
                # "child marriages remain a problem, and husbands subject these girls to ...": named here
                and not readings.victim_groups(segment.text[: anaphor.start()], ctx.present)
            ):
                # "X migrate to Y for work in construction; traffickers exploit some of these workers"
                ends = _ends(ctx, *antecedent)
                facts += _segment_flows(ctx, replace(segment, antecedent=antecedent[1]), before, inherited, ends)
            else:
                facts += _segment_flows(ctx, segment, before, inherited, ends)
            inherited = Inherited(
                ends[0] or inherited.origins,
                _kinds(ctx, segment.text) or inherited.kinds,
                # only a gapped segment reads the scaffold before it
                _scaffold(ctx, segment, before) if following is not None and following.gapped else [],
            )
    return facts


@dataclass(frozen=True)
class Inherited:
    """What a segment passes to the next: its origins, its kinds, and the destinations it names before its
    first kind ("travel to East Asia and the US, where men are forced to work ..., and women are forced into
    prostitution": the women's destinations too)."""

    origins: list[End]
    kinds: tuple[str, ...]
    scaffold: list[End]


def _scaffold(ctx: SentenceContext, segment: Segment, before: str) -> list[End]:
    start, end = segment.offset, segment.offset + len(segment.text)
    kind = next((s.start for s in matcher().spans(ctx.text, "exploitations") if start <= s.start < end), None)
    if kind is None:
        return []
    return _ends(ctx, start, segment.text[: kind - start], before)[1]


def _denied(ctx: SentenceContext, segment: Segment) -> bool:
    """ "Women were not trafficked to X", "no reports of ...": a denied flow is no fact. A negation reaches a
    verb of exploitation from within the segment only ("men are not ..., and women are ...")."""
    if NO_REPORTS.search(segment.text):
        return True
    return any(
        ctx.negated(segment.offset + m.start(), reach)
        for m in EXPLOIT_VERB.finditer(segment.text)
        for reach in [_reach(segment.text, m.start())]
        if reach
    )


def _reach(text: str, end: int) -> int | None:
    r"""How far before a verb of exploitation at `end` a negation denies it: two words ("were not trafficked",
    "have not been exploited"), not a noun's ("for little or no pay or coerced into ..."). The length of the
    match of `(?:\S+\s+){1,2}$` in `text[:end]`, or None; read from the end (the pattern tried every position)."""
    head = text[:end]
    words = head.rstrip()  # str's whitespace is the pattern's \s
    if not words or len(words) == len(head):
        return None
    parts = words.rsplit(None, 2)
    last = len(words) - len(parts[-1])
    first = words.rfind(parts[-2], 0, last) if len(parts) > 1 else last
    return end - first


def _status(ctx: SentenceContext, segment: Segment, before: str) -> str:
    """reported | potential | prevented | alleged. A hedge in the segment, or in the words before a segment
    whose verb is elided (its verb's), hedges it; one inside a relative clause about the people does not."""
    start = segment.offset - len(before) if segment.elided else segment.offset
    text = (before if segment.elided else "") + segment.text
    masked = RELATIVE.sub(lambda m: " " * len(m.group(0)), text)
    found = readings.status(masked, ctx.present)
    if found not in ("potential", "reported"):
        return found
    kept = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^ ]+(?: [^ ]+)*", masked)]
    return "potential" if any(ctx.hedged(a, b, risk=True) for a, b in kept) else "reported"


def _effort(ctx: SentenceContext, clause: str, kinds: tuple[str, ...], verbs: str) -> bool:
    """A statement of the government's efforts (a TIP narrative's prosecution, protection or prevention
    section) states a flow only with its kind and without the state as actor ("the court convicted two men
    for exploiting 59 women in Lebanon", "officials identified 141 victims, including 111 Burundians" state
    none); a list of source or destination countries there still does."""
    if not ctx.sentence.pillar or ROLE_LIST_WORDS.search(clause):
        return False
    return not kinds or bool(STATE_ACTOR.search(verbs))


def _victim_groups(clause: str, ctx: SentenceContext) -> list[str]:
    """The clause's victim groups; "persons" ("nationals", "victims") only when it names no other."""
    groups = readings.victim_groups(clause, ctx.present)
    return [g for g in groups if g != "persons"] or groups


def _segment_flows(
    ctx: SentenceContext,
    segment: Segment,
    before: str,
    inherited: Inherited,
    ends: tuple[list[End], list[End]],
) -> list[Fact]:
    """Flows of one segment; "..., as well as to India" takes the people and exploitation before it, and a
    gapped segment ("and women to ...") naming no place the destinations its verb's stretch named first."""
    offset, clause = segment.offset, segment.text
    if _denied(ctx, segment):
        return []
    origins, destinations = ends
    if segment.gapped and not origins and not destinations:
        destinations = inherited.scaffold
    if not origins and destinations and inherited.origins:
        origins = inherited.origins
    kinds = _kinds(ctx, clause) or (inherited.kinds if destinations else ())
    verbs = (before + clause) if segment.gapped else clause
    origins, destinations = _complete(ctx, clause, origins, destinations, bool(kinds), verbs)
    named = [d for d in destinations if not (d.area and readings.ABROAD.fullmatch(d.area))]
    if named:  # "recruited abroad ... in the Dominican Republic": the named places say where
        destinations = named
    elif not kinds:
        return []
    if not origins or not destinations:
        return []
    status = _status(ctx, segment, before)
    if status != "prevented" and _effort(ctx, clause, kinds, verbs):
        return []
    # "..., and in sex trafficking in India": the people are those of the verb before
    clause_groups = _victim_groups(clause, ctx) or (_victim_groups(before, ctx) if segment.elided else [])
    own_people = len({o.people for o in origins if o.people}) > 1  # "Bolivian women and Colombian children"
    columns = {
        "sector": readings.sector(clause, ctx.present) or readings.sector(segment.antecedent, ctx.present),
        "status": status,
        "year": ctx.year,
        "trend": readings.trend(clause, ctx.present),
        "attributed_to": _credited(ctx.text),
    }
    return [
        fact(
            ctx,
            "flow_clause",
            (offset, offset + len(clause)),
            origin_iso3=origin.iso3,
            origin_area=origin.area,
            destination_iso3=dest.iso3,
            destination_area=dest.area,
            exploitation=kind,
            victim_groups=join_list(origin.people if own_people and origin.people else clause_groups),
            **columns,
        )
        for origin, dest, kind in product(origins, destinations, kinds or ("unspecified",))
        if origin.iso3 is not None or dest.iso3 is not None
    ]
