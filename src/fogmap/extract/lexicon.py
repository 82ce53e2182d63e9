"""The conflict-cue lexicon and the modality markers, loaded from kb/ files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_lines, read_tsv


@dataclass(frozen=True)
class Cue:
    lemma: str
    cue_class: str
    acled_type: str


@dataclass(frozen=True)
class CueLexicon:
    forms: dict[str, Cue]  # surface form (lower case, may be several words) -> cue
    exclusions: tuple[str, ...]
    markers: dict[str, str]  # marker form -> kind (negation, denial, conditional, modal, future, plan)

    @property
    def lemmas(self) -> dict[str, Cue]:
        """Cue lemmas that are words in their own right ("kill"), not heads of phrases ("chemical")."""
        return {cue.lemma: cue for cue in self.forms.values() if cue.lemma in self.forms}


@lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    forms: dict[str, Cue] = {}
    for row in read_tsv("conflict_cues.tsv"):
        cue = Cue(row["cue"], row["cue_class"], row["acled_type"])
        for form in row["forms"].split("|"):
            forms.setdefault(form.strip().lower(), cue)
    markers = {row["form"].lower(): row["kind"] for row in read_tsv("modality_markers.tsv")}
    return CueLexicon(forms=forms, exclusions=tuple(read_lines("cue_exclusions.txt")), markers=markers)
