"""The claims stage: every sentence that reports someone's words becomes Claims about the document's
events, relations and control statements.

For each statement (claims/cues.py) the chain of voices is resolved (claims/speakers.py); the claim
is whose words they are, the last voice of the chain. What is claimed comes from the content
(claims/about.py): the doer or backer of an event, a casualty figure, a control statement or a
relation read from the same words, else the event itself. The stance follows from the verb and from
who speaks about whom: claiming responsibility, or naming its own side as the doer, is a claim of
responsibility; a party naming another as the doer accuses it; an outlet, a monitor or an unnamed
source asserts; a denial denies. The hedge is the least sure of the statement's words (claims/hedges.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..actors.relations import actor_phrases, gated_sentences
from ..actors.resolve import ActorResolver, default_resolver
from ..extract.casualties import fatality_range, find_casualties, injured_total
from ..extract.masking import mask
from ..extract.timex import event_date
from ..geo.countries import load_country_gazetteer
from ..records import Claim, ClaimSource, ControlAssertion, DocumentExtraction, Event, Relation, Span
from .about import (Act, acts, linked_controls, linked_event, linked_relations, own_side_phrases,
                    refers_to_event)
from .cues import Statement, claim_terms, statements
from .hedges import hedge_of
from .speakers import ARMED_GROUPS, NOT_PARTIES, Voices, names_someone, speaker_spans

CLAIMS_STAGE = "fogmap_claims_v2"
# Words without which no row of kb/claim_cues.tsv can match: a sentence without one is skipped before its
# speakers are looked for.
_GATE = re.compile(r"\b(?:said|says|say|told|stat|announc|add|report|insist|maintain|declar|wr[io]te|tweet|posted|"
                   r"explain|warn|noted|claim|argu|assert|charg|stress|reveal|disclos|confirm|verif|acknowledg|"
                   r"admit|hint|suggest|impl[iy]|insinuat|alleg|intimat|signal|speculat|surmis|guess|muse|den[iy]|"
                   r"reject|dismiss|refut|disput|accus|blam|held|hold|pointed|quot|cit|according|took|accept|"
                   r"assum|might|may|could|likely|probabl|possibl|perhaps|presumabl|apparent|seem|appear|it is|"
                   r"it was)", re.I)
_RESPONSIBLE = ("responsibility",)
_ATTRIBUTING = ("responsibility", "accuse", "deny")  # verbs that are about a doer even with no act in the content
# what a denial of one's own part denies ("denied any involvement", "rejected the accusations")
_INVOLVEMENT = re.compile(r"(?:(?:any|all|the|its|their|his|her|a|these|those|such) )?(?:involvement|responsibility|role|"
                          r"part|links?|connection|accusations?|allegations?|charges?|claims?|reports?|blame)\b", re.I)
_CONDITIONAL = re.compile(r"(?:if|unless|whether|should)\b", re.I)  # content that only supposes


@lru_cache(maxsize=1)
def _backing() -> re.Pattern[str]:
    """Words by which an accusation is of backing, not doing ("accused Iran of arming the Houthis")."""
    return re.compile(claim_terms()["BACKING"], re.I)


@dataclass(frozen=True)
class _Context:
    doc_id: str
    text: str
    sentence: Span
    countries: list[str | None]
    day: dt.date | None
    events: tuple[Event, ...]
    controls: tuple[ControlAssertion, ...]
    relations: tuple[Relation, ...]
    resolver: ActorResolver
    voices: Voices

    def words(self, span: tuple[int, int]) -> str:
        return self.text[self.sentence.start + span[0]:self.sentence.start + span[1]]

    def span(self, span: tuple[int, int]) -> Span:
        return Span(self.doc_id, self.sentence.start + span[0], self.sentence.start + span[1])


def claim_id(doc_id: str, cue_start: int, about_kind: str, about: str, actor_start: int | None) -> str:
    key = f"{doc_id}:{cue_start}:{about_kind}:{about}:{actor_start}:{CLAIMS_STAGE}"
    return hashlib.sha1(key.encode()).hexdigest()[:20]


def claims_for(doc_id: str, text: str, published: dt.date | None, ex: DocumentExtraction,
               events: tuple[Event, ...] = (), controls: tuple[ControlAssertion, ...] = (),
               relations: tuple[Relation, ...] = (), outlet: str | None = None,
               resolver: ActorResolver | None = None) -> tuple[Claim, ...]:
    """Every claim the document reports, in text order; ``outlet`` is the document's, the claimant of
    its author's own speculation. Actors are resolved with ``resolver`` (default: the shipped KB's).
    A document that reports no event, control statement or relation has nothing a claim could be
    about, and is not read."""
    if not (events or controls or relations):
        return ()
    resolver = resolver or default_resolver()
    voices = Voices(resolver, doc_id)
    countries_of = load_country_gazetteer()
    out: dict[str, Claim] = {}
    for s, sentence, entities, countries in gated_sentences(text, ex, _GATE):
        speakers = speaker_spans(sentence, entities, resolver, countries[0], published)
        found = statements(sentence, mask(sentence, speakers))
        if not found:
            continue
        when = event_date(sentence, published)
        day = when.earliest if when else published
        ctx = _Context(doc_id, text, Span(doc_id, s.start, s.end), countries, day, events, controls, relations,
                       resolver, voices)
        actors = actor_phrases(sentence, entities, resolver, countries[0], day)
        actors += [(st, en) for st, en, label, name in entities if label == "GPE" and countries_of.country_named(name)]
        persons = [(st, en) for st, en, label, _ in entities if label == "PERSON"]
        event = linked_event(events, ctx.sentence, text)
        if event is not None and event.country:  # names are read in the country of the event spoken of
            ctx = replace(ctx, countries=list(dict.fromkeys([event.country, *countries])))
        for statement in found:
            chain = _chain(ctx, statement, persons, outlet, _armed_group(resolver, event, day))
            for claim in _claims(ctx, statement, chain, actors, event):
                out.setdefault(claim.id, claim)
    return tuple(sorted(out.values(), key=lambda c: (c.span_cue.start, c.about_kind, c.id)))


def _armed_group(resolver: ActorResolver, event: Event | None, day: dt.date | None) -> str | None:
    """The armed group (no state's forces) the event the claim speaks of names, for "the group said"."""
    for actor_id in (event.actor1_id, event.actor2_id) if event is not None else ():
        found = resolver.by_id(actor_id, day) if actor_id and ":" not in actor_id else None
        if found is not None and found.kind in ARMED_GROUPS:
            return actor_id
    return None


def _chain(ctx: _Context, statement: Statement, persons: list[tuple[int, int]], outlet: str | None,
           group: str | None = None) -> tuple[ClaimSource, ...]:
    if statement.speaker is None:
        return (ctx.voices.author(outlet, ctx.countries[0], ctx.day),)
    sentence = ctx.text[ctx.sentence.start:ctx.sentence.end]
    return tuple(ctx.voices.source(sentence, ctx.sentence.start, span, ctx.countries, ctx.day, persons, group)
                 for span in statement.chain if span is not None)


def _claims(ctx: _Context, statement: Statement, chain: tuple[ClaimSource, ...],
            actors: list[tuple[int, int]], event: Event | None) -> list[Claim]:
    """The claims one statement makes: about a doer or backer, a casualty figure, a control statement,
    a relation — or, when it makes none of those, about the event it speaks of."""
    claimant = chain[-1]
    sentence = ctx.text[ctx.sentence.start:ctx.sentence.end]
    content = ctx.span(statement.content)
    if _CONDITIONAL.match(ctx.text, content.start):
        return []  # "if Iran was behind the attack, ..., an official said": a supposition, not a claim
    region = statement.region
    hedge = hedge_of([sentence[region[0]:region[1]], *(sentence[c[0]:c[1]] for _, c in statement.relayed_cues)],
                     [statement.verb, *(v for v, _ in statement.relayed_cues)])
    base = dict(claimant=claimant.words, hedge=hedge, span_cue=ctx.span(statement.cue), span_content=content,
                sentence=ctx.sentence, claimant_kind=claimant.kind, claimant_id=claimant.actor_id,
                speaks_for_id=claimant.speaks_for_id, chain=chain, stage=CLAIMS_STAGE)
    says = "denies" if statement.verb == "deny" else "asserts"  # the stance of a claim about no doer
    refers = refers_to_event(ctx.events, ctx.sentence, content, ctx.text) or (
        statement.verb == "author" and refers_to_event(ctx.events, ctx.sentence, ctx.sentence, ctx.text))
    out = [_claim(ctx, statement, base, kind, event.id if event else "", stance, actor, actor_id)
           for kind, stance, actor, actor_id in _doers(ctx, statement, claimant, actors, refers)]
    words = ctx.text[content.start:content.end]
    if event is not None and find_casualties(words):
        _, best, _ = fatality_range(words)
        out.append(_claim(ctx, statement, base, "casualties", event.id, says, None, None,
                          fatalities=best or None, injured=injured_total(words) or None))
    for c in linked_controls(ctx.controls, ctx.sentence, content):
        named = c.actor and len(c.spans) > 2  # the spans: sentence, the actor's words, the place's
        out.append(_claim(ctx, statement, base, "control", c.id, says, c.spans[1] if named else None,
                          c.actor_id if named else None))
    for r in linked_relations(ctx.relations, ctx.sentence, content):
        out.append(_claim(ctx, statement, base, "relation", r.id, says, r.spans[1], r.actor_a_id))
    if not out and event is not None and refers:
        out.append(_claim(ctx, statement, base, "event", event.id, says, None, None))
    return out


def _doers(ctx: _Context, statement: Statement, claimant: ClaimSource, actors: list[tuple[int, int]],
           refers: bool) -> list[tuple[str, str, Span | None, str | None]]:
    """(about kind, stance, the party's words, its actor id) for each doer or backer the statement
    puts forward."""
    party = claimant.speaks_for_id
    own_words = claimant.span
    sentence = ctx.text[ctx.sentence.start:ctx.sentence.end]
    if statement.verb == "responsibility":
        return [("perpetrator", "claims_responsibility", own_words, party or claimant.actor_id)]
    if statement.verb == "accuse" and statement.target is not None:
        if not refers:
            return []  # "accused Trump of ignoring the facts": no event of the document
        role = "backer" if _backing().search(sentence, *statement.content) else "perpetrator"
        return [(role, "accuses", ctx.span(statement.target), _resolve(ctx, ctx.words(statement.target)))]
    if statement.verb == "author":  # the author names no side of its own
        found = (acts(sentence, statement.content, actors) or _named(ctx, statement, actors)) if refers else []
    else:
        own = own_side_phrases(sentence, *statement.content, it=claimant.kind != "unnamed")
        found = acts(sentence, statement.content, actors, own)
    out = []
    for act in found:
        actor_id = (party or claimant.actor_id) if act.own_side else _resolve(ctx, ctx.words(act.actor))
        if actor_id is None:
            continue  # "gunmen", "unknown attackers": no one is named
        if statement.verb not in _ATTRIBUTING and not refers:
            continue  # a doer of something the document does not report
        stance = _stance(ctx, statement.verb, party, actor_id, act.own_side)
        out.append((act.role, stance, ctx.span(act.actor), actor_id))
    if not out and statement.verb == "deny" and _INVOLVEMENT.match(ctx.text, ctx.span(statement.content).start):
        out.append(("perpetrator", "denies", own_words, party or claimant.actor_id))  # "denied any involvement"
    return out


def _named(ctx: _Context, statement: Statement, actors: list[tuple[int, int]]) -> list[Act]:
    """The author's speculation names a party without saying what it did ("a sign that Islamic State is
    expanding"): the first armed party its content names."""
    for span in actors:
        if statement.content[0] <= span[0] and span[1] <= statement.content[1]:
            found = ctx.resolver.resolve(ctx.words(span), ctx.countries[0], ctx.day)
            if found is not None and names_someone(found) and found.kind not in NOT_PARTIES:
                return [Act("perpetrator", span, False)]
    return []


def _stance(ctx: _Context, verb: str, party: str | None, actor_id: str, own_side: bool) -> str:
    if verb == "deny":
        return "denies"
    if own_side or ctx.voices.same_side(party, actor_id, ctx.day):
        return "claims_responsibility"
    if verb == "accuse" or party is not None:
        return "accuses"
    return "asserts"


def _resolve(ctx: _Context, words: str) -> str | None:
    """The party ``words`` name, read in the first of the claim's countries that knows one; None for a
    generic role ("gunmen")."""
    for country in ctx.countries:
        found = ctx.resolver.resolve(words, country, ctx.day)
        if found is not None:
            return found.actor_id if names_someone(found) else None
    return None


def _claim(ctx: _Context, statement: Statement, base: dict, kind: str, about: str, stance: str,
           actor: Span | None, actor_id: str | None, **figures: int | None) -> Claim:
    hedge = "denied" if stance == "denies" else base["hedge"]
    return Claim(id=claim_id(ctx.doc_id, ctx.sentence.start + statement.cue[0], kind, about,
                             actor.start if actor else None),
                 about=about, stance=stance, about_kind=kind, actor=ctx.text[actor.start:actor.end] if actor else None,
                 actor_id=actor_id, actor_span=actor, **{**base, "hedge": hedge}, **figures)
