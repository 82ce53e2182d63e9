"""The Admiralty scale of source reliability (kb/source_grades.tsv): A completely reliable ... E
unreliable, F cannot be judged. F is what every source is until the user grades it; it is kept apart
from C ("fairly reliable"), because not knowing a source is not knowing it is middling."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_tsv

DEFAULT_GRADE = "F"


@dataclass(frozen=True)
class Grade:
    letter: str
    meaning: str
    weight: float  # the exponent on a claim's likelihood ratio: how far one claim may move the odds


@lru_cache(maxsize=1)
def grades() -> dict[str, Grade]:
    return {r["grade"]: Grade(r["grade"], r["meaning"], float(r["weight"])) for r in read_tsv("source_grades.tsv")}
