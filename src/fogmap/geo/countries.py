"""Country of a named entity, and a document's country focus, from kb/countries.tsv and kb/cities.tsv.

A stop-gap that the gazetteer-backed geoparser replaces: it knows country names, aliases and
demonyms, and cities of 100,000+ people (15,000+ in conflict countries).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_tsv

_ARTICLE = re.compile(r"^(the)\s+", re.I)
_POSSESSIVE = re.compile(r"(['’]s|['’])$")

# Entity labels that name places or peoples; ORG and PERSON never decide a country here.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_CITY_WEIGHT = 0.75  # a city name can be another country's city; a country name cannot
_NORP_WEIGHT = 0.5  # a people acts abroad as often as at home


def normalise(name: str) -> str:
    name = _POSSESSIVE.sub("", name.strip())
    return _ARTICLE.sub("", name).lower()


@dataclass(frozen=True)
class CountryGazetteer:
    countries: dict[str, str]  # normalised country name, alias or demonym -> ISO2
    cities: dict[str, tuple[tuple[str, int], ...]]  # normalised city name -> ((ISO2, population), ...) largest first

    def country_named(self, text: str) -> str | None:
        return self.countries.get(normalise(text))

    def country_of(self, text: str, focus: str | None = None) -> str | None:
        """Country an entity names: a country or demonym first, then a city (the focus country's if ambiguous)."""
        key = normalise(text)
        if key in self.countries:
            return self.countries[key]
        options = self.cities.get(key)
        if not options:
            return None
        for country, _ in options:
            if country == focus:
                return country
        return options[0][0]

    def focus(self, entities: Iterable[tuple[str, str]]) -> str | None:
        """The country a document is mostly about, from (entity text, NER label) pairs.

        A place named outright counts most, a city a little less, a people ("Turkish troops") half:
        in "Turkish troops entered Syria" the story is in Syria.
        """
        scores: Counter = Counter()
        order: list[str] = []
        for text, label in entities:
            if label == "NORP":
                country, weight = self.country_named(text), _NORP_WEIGHT
            elif (named := self.country_named(text)) is not None:
                country, weight = named, 1.0
            else:
                country, weight = self.country_of(text), _CITY_WEIGHT
            if country:
                scores[country] += weight
                order.append(country)
        return _most_common_first_seen(scores, order) if scores else None


def _most_common_first_seen(counts: Counter, order: list[str | None]) -> str:
    best = max(counts.values())
    return next(c for c in order if c and counts[c] == best)


@lru_cache(maxsize=1)
def load_country_gazetteer() -> CountryGazetteer:
    countries: dict[str, str] = {}
    for row in read_tsv("countries.tsv"):
        names = [row["name"], *row.get("aliases", "").split("|"), *row.get("demonyms", "").split("|")]
        for name in names:
            if name.strip():
                countries.setdefault(normalise(name), row["iso2"])
    cities: dict[str, list[tuple[str, int]]] = {}
    for row in read_tsv("cities.tsv"):
        entry = (row["country"], int(row["population"] or 0))
        for name in [row["name"], *row.get("alternates", "").split("|")]:
            if name.strip():
                options = cities.setdefault(normalise(name), [])
                if entry not in options:
                    options.append(entry)
    return CountryGazetteer(
        countries=countries,
        cities={k: tuple(sorted(v, key=lambda e: -e[1])) for k, v in cities.items()},
    )
