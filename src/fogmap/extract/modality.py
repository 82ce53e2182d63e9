"""Whether a cue reports something that happened: parse-based rules over the trigger's governors.

Every rule fires only through a marker word listed in kb/modality_markers.tsv (a negation, a
denial verb, a conditional, a modal, a future auxiliary, a verb of planning). A sentence without
any marker is therefore "asserted" whatever its parse, which is what lets the pipeline skip the
parse for it without changing the answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

ASSERTED, NEGATED, HYPOTHETICAL, PLANNED = "asserted", "negated", "hypothetical", "planned"

# Strongest first: "denied plans to attack" is negated, not planned.
_PRECEDENCE = (NEGATED, HYPOTHETICAL, PLANNED)

# Climbing stops at these relations: a coordinated or loosely attached clause has its own modality.
_CLAUSE_BREAKS = {"conj", "parataxis", "appos", "ROOT"}
# Past these edges we are in a reporting or governing clause: only its verb's meaning counts
# ("denied that rebels attacked"), not its own negation ("could not confirm that ... were killed").
_EMBEDDING = {"ccomp", "advcl", "relcl", "acl", "csubj"}
# Reached through its subject, a verb says something *about* the event ("the strike was not
# successful", "an airstrike denied ISIL terrain"), except a verb of existence ("did not happen").
_SUBJECT = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_EXISTENCE = {"happen", "occur", "take", "exist"}
_DENIAL_LEMMAS = {"deny", "denial", "reject", "refute", "dismiss"}
_PLAN_LEMMAS = {"plan", "plot", "threaten", "vow", "intend", "prepare"}
# Wishes count only over their complement ("wants to attack", "urged the army to attack"), not over
# anything else they govern ("wants revenge for the attack").
_WISH_LEMMAS = {"want", "wish", "hope", "urge"}
_COMPLEMENT = {"xcomp", "ccomp"}
_CONDITIONAL = {"if", "unless", "whether"}
_MODALS = {"would", "could", "might", "may", "should", "can", "ca", "'d"}
_FUTURE = {"will", "'ll", "wo", "shall"}


def _governors(trigger: Token) -> Iterator[tuple[Token, bool, bool, str]]:
    """(token, inside the trigger's own clause, reached through a subject, the relation it was reached
    by) for the trigger and each word it depends on."""
    token, own_clause, via_subject = trigger, True, False
    yield token, own_clause, via_subject, ""
    while token.dep_ not in _CLAUSE_BREAKS and token.head is not token:
        if token.dep_ in _EMBEDDING:
            own_clause = False
        if token.dep_ in _SUBJECT:
            via_subject = True
        edge = token.dep_
        token = token.head
        yield token, own_clause, via_subject, edge


def _governor_kinds(token: Token, edge: str) -> set[str]:
    lemma = token.lemma_.lower()
    if lemma in _DENIAL_LEMMAS:
        return {NEGATED}
    if lemma in _PLAN_LEMMAS or (lemma in _WISH_LEMMAS and edge in _COMPLEMENT):
        return {PLANNED}
    return set()


def _negated_adverb(token: Token) -> bool:
    """ "did not ever clash": the parser may hang the negation on the adverb, not the verb."""
    return token.dep_ == "advmod" and any(c.dep_ == "neg" for c in token.children)


def _clause_kinds(token: Token) -> set[str]:
    kinds: set[str] = set()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no") or _negated_adverb(child):
            kinds.add(NEGATED)
        elif child.dep_ == "mark" and word in _CONDITIONAL:
            kinds.add(HYPOTHETICAL)
        elif child.dep_ == "aux" and word in _MODALS:
            kinds.add(HYPOTHETICAL)
        elif child.dep_ == "aux" and word in _FUTURE:
            kinds.add(PLANNED)
    return kinds


def modality_of(trigger: Span) -> str:
    """Modality of the event a cue (as a span of a parsed doc) reports."""
    kinds: set[str] = set()
    root = trigger.root
    for token, own_clause, via_subject, edge in _governors(root):
        if via_subject and token.lemma_.lower() not in _EXISTENCE:
            continue
        if token is not root:
            kinds |= _governor_kinds(token, edge)
        if own_clause:
            kinds |= _clause_kinds(token)
    for kind in _PRECEDENCE:
        if kind in kinds:
            return kind
    return ASSERTED
