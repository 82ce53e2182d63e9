"""Place mentions in a text: named entities, gazetteer names the NER missed, and how each is described.

Three sources, in order of trust:

1. NER spans labelled GPE, LOC or FAC (a trailing "province", "countryside", "County" ... is read as
   a description of the place, not part of its name, unless the gazetteer knows the whole phrase);
2. NER spans labelled NORP or ORG that are a demonym ("Syrian": the country, relation "demonym") or
   a gazetteer name with a decent prior (the small English pipeline tags "Khmeimim" NORP and
   "Tartus" ORG);
3. runs of capitalised words no entity covers, looked up in the gazetteer n-gram by n-gram, longest
   first, with the same prior bar, skipping a sentence's first word when it is a common word.

Each mention carries the relation its words give it ("near X", "south of the city of X",
"X countryside", "X province", "north-western Syria") and the ACLED geo precision that follows:
1 the place itself, 2 near it or part of it, 3 a larger region.
"""

from __future__ import annotations

from bisect import bisect_left
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..kb import read_tsv
from ..records import EntityMention, Sentence
from .areas import AreaIndex
from .countries import CountryGazetteer
from .gazetteer import Gazetteer, GazetteerEntry
from .names import name_key

NER_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small English pipeline gives place names it does not recognise as such ("Khmeimim" NORP,
# "Tartus" ORG, "Manbij" PRODUCT, "Palmyra" PERSON): taken when the gazetteer knows the name well.
MISLABEL_LABELS = frozenset({"NORP", "ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"})
# Adjectives of continents ("European", "African"), which kb/countries.tsv does not hold -> continent code.
CONTINENT_ADJECTIVES = {"european": "EU", "europeans": "EU", "african": "AF", "africans": "AF", "asian": "AS",
                        "asians": "AS", "north american": "NA", "south american": "SA", "latin american": "SA"}

# AP-style US state abbreviations (news writes "Macon, Ga."), to the state's postal code.
US_STATE_ABBREVIATIONS = {
    "Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Cal": "CA", "Colo": "CO", "Conn": "CT",
    "Del": "DE", "Fla": "FL", "Ga": "GA", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Kans": "KS", "Ky": "KY",
    "La": "LA", "Md": "MD", "Mass": "MA", "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO",
    "Mont": "MT", "Neb": "NE", "Nebr": "NE", "Nev": "NV", "N.H": "NH", "N.J": "NJ", "N.M": "NM",
    "N.Y": "NY", "N.C": "NC", "N.D": "ND", "Okla": "OK", "Ore": "OR", "Pa": "PA", "R.I": "RI",
    "S.C": "SC", "S.D": "SD", "Tenn": "TN", "Tex": "TX", "Vt": "VT", "Va": "VA", "Wash": "WA",
    "W.Va": "WV", "W. Va": "WV", "Wis": "WI", "Wisc": "WI", "Wyo": "WY", "D.C": "DC",
}
_ABBREVIATIONS = {k.replace(" ", "").lower(): v for k, v in US_STATE_ABBREVIATIONS.items()}

# Relations a mention's words give it, and the ACLED geo precision each implies.
AT, NEAR, PART_OF, ADMIN, REGION_OF, DEMONYM = "at", "near", "part_of", "admin", "region_of", "demonym"
PRECISION = {AT: 1, NEAR: 2, PART_OF: 2, ADMIN: 3, REGION_OF: 3, DEMONYM: 3}

# A word after a name that says what kind of place it is -> (relation, kind).
CONTAINER_AFTER = {
    "province": (ADMIN, "admin1"), "governorate": (ADMIN, "admin1"), "oblast": (ADMIN, "admin1"),
    "prefecture": (ADMIN, "admin1"), "state": (ADMIN, "admin1"), "region": (ADMIN, "region"),
    "county": (PART_OF, "admin2"), "parish": (PART_OF, "admin2"), "district": (PART_OF, "admin2"),
    "countryside": (PART_OF, "countryside"), "outskirts": (NEAR, "near"), "suburbs": (NEAR, "near"),
    "area": (NEAR, "near"), "environs": (NEAR, "near"), "city": (AT, "city"), "town": (AT, "city"),
    "village": (AT, "city"),
}
_KIND_WORDS = "city|town|village|province|governorate|region|district|county|area|municipality"
_DIRECTION = (r"(?:north|south)(?:[- ]?(?:east|west))?|east|west|northeast|northwest|southeast|southwest")
# "near", "outside", "on the outskirts of", "12 km south of", "south-west of the city of" just before a name.
_NEAR_BEFORE = re.compile(
    r"(?:\b(?:near|nearby|outside(?: of)?|around|close to|(?:on )?the (?:outskirts|suburbs|edge|vicinity|"
    rf"countryside|environs) of|(?:some )?[\d.,]+ ?(?:km|kilometres|kilometers|miles|mi)\.? (?:\w+ )?(?:of|from)|"
    rf"(?:{_DIRECTION})(?:ern)? of|(?:to the )(?:{_DIRECTION}) of)"
    rf"(?: the (?:{_KIND_WORDS}) of)? (?:the )?)$",
    re.I,
)
_KIND_BEFORE = re.compile(rf"\bthe ({_KIND_WORDS}) of (?:the )?$", re.I)
_RURAL_BEFORE = re.compile(r"\brural (?:the )?$", re.I)
# "north-western Syria", "northern Aleppo", "central Mali", "eastern Ghouta" (lower case only: an
# upper-case "Eastern" belongs to the name, as in "Eastern Ghouta").
_REGION_BEFORE = re.compile(
    r"\b((?:north|south)(?:[- ]?(?:east|west))?ern|eastern|western|central|(?:north|south)[- ]?(?:east|west)) (?:the )?$"
)
_AFTER = re.compile(r"(?:'s)?\s+(" + "|".join(CONTAINER_AFTER) + r")\b", re.I)  # used with .match(text, end)
# ", Neb.", ", Syria", ", New South Wales": a larger place named right after a place.
_WITHIN = re.compile(r",\s+((?:[A-Z][\w’'-]*\.?)(?:\s?[A-Z][\w’'-]*\.?){0,2})(?=[\s,.;:)]|$)")
# "X (Djugu, Ituri)", "X town (Savar, Dhaka)", "X, Bulacan", "X parish, San Cristobal, Tachira state": the
# places holding X, written in parentheses or after commas (news and ACLED notes name a village's
# district and province so). A part is capitalised words with the particles names carry, and may end
# in a kind word ("Rajouri district") that is not part of the name.
_CONTAINER_NAME = (r"(?:[A-Z][\w’'.&-]*|(?:al|el|ad|ar|as|ash|at|az)-[A-Z][\w’'.-]*)"
                   r"(?:[ -](?:(?:al|el|de|del|la|le|of|the|da|do|dos|e)[ -])?[A-Z][\w’'.&-]*){0,3}")
_CONTAINER_KIND = (r"(?:\s+(?:province|governorate|oblast|prefecture|state|region|county|parish|district|"
                   r"municipality|department|division|LGA|township|territory|sub-?district|commune|city))?")
_CONTAINER_PART = rf"({_CONTAINER_NAME}){_CONTAINER_KIND}"
_CONTAINER_PARENS = re.compile(rf"(?:\s+[a-z]+){{0,2}}\s*\(\s*{_CONTAINER_PART}((?:\s*,\s*{_CONTAINER_PART})*)\s*\)")
_CONTAINER_COMMAS = re.compile(rf"(?:\s+[a-z]+){{0,2}}((?:,\s+{_CONTAINER_PART}(?=[\s,.;:)]|$)){{1,3}})"
                               r"(?!,?\s+(?:and|or)\s)")  # "Aleppo, Idlib and Hama" is a list
_CONTAINER_DESIGNATOR = re.compile(r"\s+(?:LGA|District|State|Province|Governorate|Region|County|Oblast|"
                                   r"Municipality|Department|Division|Township|Prefecture)$")
_CONTAINER_ITEM = re.compile(rf",?\s*{_CONTAINER_PART}")
# A country's name before these nouns says whose thing it is, not where anything happened: "the high
# US dollar exchange rate", "US troops in Syria" (a mention with relation "demonym").
_ATTRIBUTE_AFTER = re.compile(r"\s+(?:dollars?|currency|embassy|consulate|envoy|ambassador|troops|soldiers|"
                              r"forces|military|army|navy|government|officials?|sanctions|president|"
                              r"nationals|citizens)\b|-(?:backed|led)\b")


def names_an_owner(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` says whose thing follows ("the US dollar", "Turkish troops")
    rather than where something happened."""
    return _ATTRIBUTE_AFTER.match(text, end) is not None


# Words before a name that set something in a place: "near X", "in X", "the village of X".
_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|at|near|outside|around|into|nearby)|\bthe (?:village|town|city|outskirts|"
                              r"vicinity|suburbs) of|\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)? of)"
                              r" (?:the )?$")
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^the\s+", re.I)
# Runs of capitalised words, with the lower-case particles place names carry ("Deir al-Zour", "Isle of Man").
_CAPITALISED_RUN = re.compile(
    r"(?<![\w'’])(?:[A-Z][\w’'.-]*|(?:al|el|ad|ar|as|ash|at|az|de|del|di|du|la|le)-[A-Z][\w’'.-]*)"
    r"(?:[ -](?:(?:al|el|de|del|la|le|of|the|da|do|dos)[ -])?[A-Z][\w’'.-]*)*"
)
_MAX_NGRAM = 4
# The bar a name found by the gazetteer scan (or under an NER label that is not a place) must pass.
SCAN_MIN_POPULATION = 100_000  # anywhere: "Lincoln", "Bell", "Man" are towns, but more often names and words
SCAN_MIN_POPULATION_FOCUS = 15_000  # in the document's own country
STRONG, WEAK = 2.0, 1.0  # Recogniser.known
# Capitalised words that name a place somewhere but in news are most often something else.
_NOT_PLACES = frozenset(name_key(w) for w in (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December President Minister General Colonel Major Captain Sergeant "
    "Police Army Navy God Allah Christmas Easter Ramadan Eid Mr Mrs Ms Dr Sir Reuters AP AFP Internet "
    "Islam Islamic Muslim Christian Jewish Sunni Shia Shiite Republican Democrat Senate Congress "
    # datelines abbreviate days and months ("Mon Jul 18 2016"): Mon is a state of Myanmar, Sat a river
    "Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split())


_DATELINE_WORD = re.compile(r"Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATELINE_AFTER = re.compile(r"\.?,?\s+(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")


@dataclass(frozen=True)
class PlaceName:
    """A place named in a text: the toponym's span, the name to look up, how the text describes it."""

    start: int  # the toponym as written: "Idlib" in "in Idlib province", "Laurel County" (a proper name)
    end: int
    text: str
    name: str  # what to look up: "Idlib", "Laurel"
    source: str  # "ner:GPE", "ner:NORP", "ner:ORG/embedded", "gazetteer", "gold" ...
    relation: str = AT  # at, near, part_of, admin, region_of, demonym
    kind: str = ""  # what the words say the place is: admin1, admin2, region, countryside, near, city, ""
    direction: str = ""  # "north-western" in "north-western Syria", "south" in "south of the city of X"
    phrase_start: int = -1  # the whole description: "south of the city of Mayadin"
    phrase_end: int = -1
    country: str | None = None  # a demonym's country (ISO 3166 alpha-2)
    within: str = ""  # the name right after a comma: "Neb." in "Lexington, Neb."
    containers: tuple[str, ...] = ()  # the places written as holding it: ("Djugu", "Ituri") in "Djaiba (Djugu, Ituri)"
    parenthesised: bool = False  # the containers are in parentheses: a note's own address, not maybe a list

    @property
    def precision(self) -> int:
        return PRECISION[self.relation]

    @property
    def phrase(self) -> tuple[int, int]:
        return (self.phrase_start if self.phrase_start >= 0 else self.start,
                self.phrase_end if self.phrase_end >= 0 else self.end)


def clean_name(text: str) -> str:
    """The name to look up: no leading "the", no possessive."""
    return _POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip())).strip()


def describe(text: str, start: int, end: int, source: str, *, name: str | None = None,
             container: str | None = None, country: str | None = None) -> PlaceName:
    """A mention of the toponym at text[start:end], with the relation the words around it give.

    `container` is a kind word already inside the span ("County" in "Laurel County"); `name` is what
    to look up (the span without that word); `country` makes the mention a demonym of that country.
    """
    mention = PlaceName(start, end, text[start:end], name or clean_name(text[start:end]), source)
    if country is not None or source.endswith("demonym"):
        return replace(mention, relation=DEMONYM, kind="country", country=country)
    after = _AFTER.match(text, end) if container is None and end < len(text) else None
    if container is not None:
        relation, kind = CONTAINER_AFTER[container.lower()]
        mention = replace(mention, relation=relation, kind=kind)
    elif after:
        relation, kind = CONTAINER_AFTER[after.group(1).lower()]
        mention = replace(mention, relation=relation, kind=kind, phrase_end=after.end())
    if not after and (within := _WITHIN.match(text, end)) is not None:
        words = within.group(1).split(". ")[0]
        if words.endswith(".") and state_abbreviation_code(words) is None:
            words = words[:-1]  # the end of the sentence, not of an abbreviation
        mention = replace(mention, within=words)
    if containers := written_containers(text, end):
        mention = replace(mention, containers=containers, parenthesised=_CONTAINER_PARENS.match(text, end) is not None)
    return _describe_before(mention, text[max(0, start - 60):start])


def written_containers(text: str, end: int) -> tuple[str, ...]:
    """The names of the places written as holding the place that ends at `end`, nearest first:
    ("Djugu", "Ituri") for "Djaiba (Djugu, Ituri)" and for "Djaiba, Djugu, Ituri"; a kind word after
    a name ("Tachira state") is dropped. A word in lower case may stand between ("Ashulia town (Savar,
    Dhaka)"); a name alone in parentheses that repeats the place ("Asuncion (Asuncion)") holds it too."""
    found = _CONTAINER_PARENS.match(text, end) or _CONTAINER_COMMAS.match(text, end)
    if found is None:
        return ()
    names = []
    for item in _CONTAINER_ITEM.finditer(found.group(0)[found.group(0).find(found.group(1)):]):
        name, stop, _ = item.group(1).partition(". ")  # "near Vodyane, Donetsk. The ...": the sentence ends
        if name.endswith(".") and state_abbreviation_code(name) is None:
            name = name[:-1]
        name = _CONTAINER_DESIGNATOR.sub("", name)
        if name and not is_generic(name):
            names.append(clean_name(name))
        if stop:
            break
    return tuple(dict.fromkeys(names))


def _describe_before(mention: PlaceName, before: str) -> PlaceName:
    start = mention.start
    if (near := _NEAR_BEFORE.search(before)) is not None:
        words = near.group(0)
        direction = re.search(rf"\b({_DIRECTION})(?:ern)?\b", words, re.I)
        kind = _KIND_BEFORE.search(words)
        return replace(mention, relation=NEAR, phrase_start=start - len(words),
                       direction=direction.group(1).lower() if direction else mention.direction,
                       kind=_kind_of(kind.group(1)) if kind else (mention.kind or "near"))
    if (kind := _KIND_BEFORE.search(before)) is not None:
        relation, kind_name = CONTAINER_AFTER.get(kind.group(1).lower(), (AT, "city"))
        return replace(mention, relation=relation if mention.relation == AT else mention.relation,
                       kind=mention.kind or kind_name, phrase_start=start - len(kind.group(0)))
    if _RURAL_BEFORE.search(before):
        return replace(mention, relation=PART_OF, kind="countryside", phrase_start=start - 6)
    if (region := _REGION_BEFORE.search(before)) is not None:
        return replace(mention, relation=REGION_OF, direction=region.group(1).lower(),
                       phrase_start=start - len(region.group(0)))
    return mention


_GENERIC = re.compile(r"(?:(?:north|south)[- ]?(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|central|upper|lower|"
                      r"middle|inner|outer|greater)", re.I)


def is_generic(name: str) -> bool:
    """A direction or position word alone ("Western", "Central"): admin-1 areas of some countries are
    so named, but alone in news it names none of them."""
    return _GENERIC.fullmatch(name.strip()) is not None


def country_named(countries: CountryGazetteer, name: str) -> str | None:
    """The country a name, alias or demonym stands for ("Syrian" -> SY, "UK" -> GB); a short alias
    only in capitals, as it is written ("CAR" is the Central African Republic, "car" is not)."""
    if len(name) <= 3 and not name.isupper():
        return None
    return countries.countries.get(name.lower())


def written_as(name: str, entry: GazetteerEntry) -> bool:
    """Whether a short name may stand for the entry as written: "CAR" for the Central African Republic
    (an alias in capitals), but "Car" only for a place whose own name is Car."""
    return len(name) > 3 or name.isupper() or name_key(entry.name) == name_key(name)


def state_abbreviation_code(name: str) -> str | None:
    """The postal code of a US state an AP abbreviation names ("Ga." -> GA); only with a full stop."""
    return _ABBREVIATIONS.get(name.replace(" ", "").rstrip(".").lower()) if "." in name else None


def _kind_of(word: str) -> str:
    return CONTAINER_AFTER.get(word.lower(), (AT, "city"))[1]


class Recogniser:
    """Finds place mentions; holds the gazetteer, the country names (demonyms) and, when given, the
    admin-1 areas (so "Tamil Nadu" counts as a known name)."""

    def __init__(self, gazetteer: Gazetteer, countries: CountryGazetteer, areas: AreaIndex | None = None) -> None:
        self.gazetteer = gazetteer
        self.countries = countries
        self.areas = areas
        self._kb_spellings = kb_spellings()
        self._known: dict[tuple[str, str | None], float] = {}

    def __call__(self, text: str, entities: Sequence[EntityMention], sentences: Sequence[Sentence] = (),
                 focus: str | None = None) -> list[PlaceName]:
        found: list[PlaceName] = []
        covered: list[tuple[int, int]] = []
        people = {clean_name(e.text) for e in entities if e.label == "PERSON" and " " in e.text.strip()
                  and len(self._possessive_parts(text, [(e.span.start, e.span.end)])) == 1}
        person_words = {w for p in people for w in p.split()}
        for ent in entities:
            covered.append((ent.span.start, ent.span.end))
            for start, end in self._possessive_parts(text, _entity_parts(text, ent.span.start, ent.span.end)):
                mention = self.from_entity(text, start, end, ent.label, focus, person_words)
                if mention is not None:
                    found.append(mention)
        found.extend(self.scan(text, covered, {s.start for s in sentences}, focus))
        found.sort(key=lambda m: m.start)
        return found

    def _possessive_parts(self, text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A country's possessive that lost its apostrophe ("Syrias Deir el-Zour", as scraped text
        often has it) cut from the place it owns: the tagger takes the two for one name."""
        out = []
        for start, end in parts:
            m = _BARE_POSSESSIVE.match(text, start, end)
            if m and m.group(1) not in _NAME_LIKE_POSSESSIVES and country_named(self.countries, m.group(1)):
                out += [(start, start + len(m.group(1))), (start + m.end() - m.start(), end)]
            else:
                out.append((start, end))
        return out

    def mention_at(self, text: str, start: int, end: int, source: str) -> PlaceName:
        """A mention of a span given from outside (a gold span): "Laurel County" is Laurel, a county."""
        raw = text[start:end]
        name = clean_name(raw) or raw
        start += max(0, raw.find(name))
        return self._mention(text, start, start + len(name), source)

    def _mention(self, text: str, start: int, end: int, source: str) -> PlaceName:
        """The toponym at text[start:end]: "Laurel County" keeps its capitalised kind word in the span
        (it is the proper name), "Idlib province" does not; either way the name looked up is the first."""
        words = text[start:end].rsplit(None, 1)
        if (len(words) == 2 and words[1].lower() in CONTAINER_AFTER and not self.known(text[start:end])
                and clean_name(words[0])):
            if words[1][0].isupper():
                return describe(text, start, end, source, name=clean_name(words[0]), container=words[1])
            end = start + len(words[0].rstrip())
        return describe(text, start, end, source)

    def from_entity(self, text: str, start: int, end: int, label: str, focus: str | None,
                    person_words: set[str] = frozenset()) -> PlaceName | None:
        """The place mention an entity span holds, if any."""
        raw = text[start:end]
        name = clean_name(raw)
        if not name:
            return None
        start += raw.find(name)
        end = start + len(name)
        if _DATELINE_WORD.fullmatch(name) and _DATELINE_AFTER.match(text, end):
            return None  # "Mon Jul 18 2016": the tagger's GPE is the day of the week
        if label in NER_PLACE_LABELS:
            if _ATTRIBUTE_AFTER.match(text, end) and (country := country_named(self.countries, name)):
                return describe(text, start, end, f"ner:{label}/attribute", country=country)
            return self._mention(text, start, end, f"ner:{label}")
        if label == "NORP":
            country = country_named(self.countries, name)
            if country is not None or name.lower() in CONTINENT_ADJECTIVES:
                return describe(text, start, end, "ner:NORP/demonym", country=country)
        if label not in MISLABEL_LABELS:
            return None
        if _KIND_BEFORE.search(text, max(0, start - 40), start):  # "the village of X": a place, known or not
            return self._mention(text, start, end, f"ner:{label}/context")
        if (label != "PERSON" or name not in person_words) and (
                self.known(name, focus) >= STRONG or self._cued_town(text, start, name)):
            return self._mention(text, start, end, f"ner:{label}")
        if label == "ORG":
            return self._embedded(text, start, name, focus)
        return None

    def _embedded(self, text: str, start: int, name: str, focus: str | None) -> PlaceName | None:
        """A place heading an organisation's name: "Texas" in "Texas Department of Transportation"."""
        words = list(re.finditer(r"\S+", name))
        for n in range(min(3, len(words) - 1), 0, -1):
            head = clean_name(name[:words[n - 1].end()])
            if head and head[0].isupper() and self.known(head, focus) >= STRONG:
                demonym = country_named(self.countries, head) if head not in self.gazetteer else None
                return describe(text, start, start + len(head), "ner:ORG/embedded", country=demonym)
        return None

    def known(self, name: str, focus: str | None = None) -> float:
        """How surely a name is a place: STRONG for a country, an admin-1 area, the project's features
        and spellings, or a town of SCAN_MIN_POPULATION spelt as its own name (SCAN_MIN_POPULATION_FOCUS
        in the document's country); WEAK for any other gazetteer name; 0 for none."""
        cache_key = (name, focus)
        if cache_key not in self._known:
            self._known[cache_key] = self._how_known(name, focus)
        return self._known[cache_key]

    def _how_known(self, name: str, focus: str | None) -> float:
        key = name_key(name)
        if not key or key in _NOT_PLACES or len(key) < 2:
            return 0.0
        if key in self._kb_spellings or country_named(self.countries, name):
            return STRONG
        if is_generic(name) or (name.isupper() and len(name) <= 5 and state_abbreviation_code(name) is None):
            return 0.0  # "Western", "Central"; "SANA", "IDA": acronyms of agencies more than towns
        if self.areas is not None and any(name_key(a.name) == key for a in self.areas.by_name(name)[:3]):
            return STRONG
        entries = [e for e in self.gazetteer.lookup(name)[:20] if written_as(name, e)]
        for entry in entries:
            if entry.source == "fogmap" or entry.feature_class == "A":
                return STRONG
            if name_key(entry.name) == key and (entry.population >= SCAN_MIN_POPULATION or (
                    entry.country == focus and entry.population >= SCAN_MIN_POPULATION_FOCUS)):
                return STRONG
            # a name of two or more words is rarely an accident: any spelling of a town in the document's
            # country will do, whatever its population (GeoNames gives Tall 'Afar none), so "Tal Afar" in
            # a report on Iraq is the town, not the Ethiopian region "Afar"
            if " " in name.strip() and entry.country == focus:
                return STRONG
        return WEAK if entries else 0.0

    def scan(self, text: str, covered: Sequence[tuple[int, int]], sentence_starts: Iterable[int],
             focus: str | None) -> list[PlaceName]:
        """Gazetteer names in capitalised runs no entity covers."""
        starts = set(sentence_starts)
        spans = sorted(covered)
        out = []
        for run in _CAPITALISED_RUN.finditer(text):
            out.extend(self._ngrams(text, run.start(), run.group(0), spans, starts, focus))
        return out

    def _cued_town(self, text: str, start: int, name: str) -> bool:
        """A whole capitalised run the words before set an event in ("near Mineralne", "the village of
        X") and that names a town the gazetteer knows, however small: the cue makes up for the
        population bar a bare name must pass."""
        if not _LOCATIVE_BEFORE.search(text, max(0, start - 40), start) or self.known(name) < WEAK:
            return False
        return any(e.feature_class == "P" for e in self.gazetteer.lookup(name)[:20])

    def _ngrams(self, text: str, offset: int, run: str, covered: Sequence[tuple[int, int]],
                sentence_starts: set[int], focus: str | None) -> list[PlaceName]:
        words = [(m.start() + offset, m.end() + offset) for m in re.finditer(r"\S+", run)]
        out, i = [], 0
        while i < len(words):
            for n in range(min(_MAX_NGRAM, len(words) - i), 0, -1):
                start, end = words[i][0], words[i + n - 1][1]
                if _crosses_sentence(text, words[i:i + n]):
                    continue
                name = clean_name(text[start:end].rstrip(".,;:"))
                if not name or (n == 1 and _common_word(text, start, name, sentence_starts)) or \
                        _overlaps(covered, start, end):
                    continue
                if self.known(name, focus) >= STRONG or (
                        i == 0 and n == len(words) and self._cued_town(text, start, name)):
                    start += text[start:end].find(name)
                    out.append(self._mention(text, start, start + len(name), "gazetteer"))
                    i += n
                    break
            else:
                i += 1
        return out


def _crosses_sentence(text: str, words: Sequence[tuple[int, int]]) -> bool:
    """Whether a full stop inside the words ends a sentence ("Donetsk. The"): the next word is a
    common one ("St. Louis" and "N.Y. City" go on)."""
    return any(text[e - 1] == "." and text[s2:e2].lower() in STOP_WORDS for (_, e), (s2, e2) in zip(words, words[1:]))


def _entity_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An entity span cut where a comma or a parenthesis parts the names in it: the tagger takes
    "Nis, Serbia" and "Yerevan (Yerevan" for one name; each is a place of its own."""
    if not _PARTS_SPLIT.search(text, start, end):
        return [(start, end)]
    return [(start + m.start(), start + m.end()) for m in _PART.finditer(text[start:end])]


_PARTS_SPLIT = re.compile(r",|\(|\)")
_BARE_POSSESSIVE = re.compile(r"([A-Z][a-z]+)s\s+(?=[A-Z])")
_NAME_LIKE_POSSESSIVES = frozenset({"France", "Jordan", "Chad", "Georgia"})  # "Frances Smith", "Jordans Lane"
_PART = re.compile(r"[^,()]*[^,()\s]")


def _common_word(text: str, start: int, name: str, sentence_starts: set[int]) -> bool:
    """A capitalised word that is most likely an ordinary word: a stop word, or a sentence's first
    word that the text also writes in lower case."""
    lower = name.lower()
    if lower in STOP_WORDS or len(name) < 3:
        return True
    first = start in sentence_starts or start == 0 or text[max(0, start - 2):start] in (". ", "\n", '" ')
    return first and re.search(rf"\b{re.escape(lower)}\b", text) is not None


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans`, which are sorted and do not overlap each other
    (entity spans): only the last span starting before `end` can reach into it."""
    i = bisect_left(spans, (end, -1))
    return i > 0 and spans[i - 1][1] > start


@lru_cache(maxsize=1)
def kb_spellings() -> dict[str, frozenset[str]]:
    """name key -> the ids kb/place_aliases.tsv files it under."""
    out: dict[str, set[str]] = {}
    for row in read_tsv("place_aliases.tsv"):
        for name in [row["name"], *row["aliases"].split("|")]:
            if name:
                out.setdefault(name_key(name), set()).add(row["id"])
    return {k: frozenset(v) for k, v in out.items()}
