"""An outlet's home region: the country focus for a document that names no country itself."""

from __future__ import annotations

import re
from functools import lru_cache

from ..kb import read_tsv

_NOT_KEY = re.compile(r"[^a-z0-9]+")


def outlet_key(name: str) -> str:
    key = _NOT_KEY.sub(" ", name.lower()).strip()
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def outlet_regions() -> dict[str, str]:
    """Outlet name or alias (as `outlet_key`) -> ISO 3166 alpha-2, from kb/outlet_regions.tsv."""
    regions: dict[str, str] = {}
    for row in read_tsv("outlet_regions.tsv"):
        for name in (row["outlet"], *filter(None, (row.get("aliases") or "").split("|"))):
            regions[outlet_key(name)] = row["country"]
    return regions


def outlet_region(outlet: str | None) -> str | None:
    """The outlet's home country, or None for an unknown outlet (or several joined: "X; Y")."""
    if not outlet:
        return None
    return outlet_regions().get(outlet_key(outlet))
