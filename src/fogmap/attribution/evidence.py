"""Claims as evidence: the likelihood ratio one claim gives the actor it names.

The base ratio is kb/claim_weights.tsv's, by stance and hedge. Three things weigh it, as an exponent
(a weight of 0.5 takes the square root: the claim moves the odds half as far in log terms):
- the source's grade (kb/source_grades.tsv: F, never graded, counts low);
- interest: a claim by a party to the fight about its enemy (an accusation) or about itself (a denial)
  counts half; a responsibility claim through the actor's own channel is the actor's word and is
  what the base ratio already describes;
- repetition: sources that share a voice (state media repeating each other) are one source; only
  the strongest claim of each voice counts, the others are shown with weight 0;
- role: a claim that an actor backed the attack ("Iran supplied the drones") implicates it only
  through the hands it armed, and counts half for it (BACKER_WEIGHT).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_tsv

INTERESTED_WEIGHT = 0.5
BACKER_WEIGHT = 0.5


@lru_cache(maxsize=1)
def claim_ratios() -> dict[tuple[str, str], float]:
    return {(r["stance"], r["hedge"]): float(r["ratio"]) for r in read_tsv("claim_weights.tsv")}


@dataclass(frozen=True)
class ClaimWeight:
    base: float  # kb/claim_weights.tsv
    grade_weight: float
    interest_weight: float  # 1, or INTERESTED_WEIGHT
    repeat_weight: float  # 1, or 0 for a repeat of a voice already counted
    role_weight: float = 1.0  # 1 for a perpetrator, BACKER_WEIGHT for a backer

    @property
    def exponent(self) -> float:
        return self.grade_weight * self.interest_weight * self.repeat_weight * self.role_weight

    @property
    def ratio(self) -> float:
        return self.base ** self.exponent


def claim_weight(stance: str, hedge: str, grade_weight: float, *, interested: bool, repeat: bool,
                 backer: bool = False) -> ClaimWeight:
    base = claim_ratios().get((stance, hedge))
    if base is None:
        base = claim_ratios().get((stance, "unconfirmed"), 1.0)  # an odd pair counts as barely stated
    return ClaimWeight(base, grade_weight, INTERESTED_WEIGHT if interested else 1.0, 0.0 if repeat else 1.0,
                       BACKER_WEIGHT if backer else 1.0)
