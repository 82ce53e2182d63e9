"""Claims: who says what about an event, a relation or control, with what stance and how sure.

``claims_for`` is the stage ``fogmap_claims_v2``: reported speech and attribution statements of one
document (kb/claim_cues.tsv), their chains of voices resolved like any actor, the party each content
names as doer or backer (kb/claim_acts.tsv), and the hedge of their words (kb/claim_hedges.tsv).
"""

from .stage import CLAIMS_STAGE, claims_for

__all__ = ["CLAIMS_STAGE", "claims_for"]
