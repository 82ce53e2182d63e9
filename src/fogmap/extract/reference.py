"""The event-candidate detector run on a full parse of every sentence: the yardstick for the cheap path.

It finds cues by lemma as well as by surface form and keeps only those whose part of speech fits
an event (noun, verb, adjective), so it catches inflections the lexicon lacks; the benchmark
reports how much of what it finds the production path (extractor.py) finds too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from .components import CUES_COMPONENT, ConflictCueMatcher
from .extractor import Extractor, TextToExtract
from .modality import modality_of
from .nlp import CHEAP_PASS, PARSE_PASS, run_components

EVENT_POS = {"NOUN", "VERB", "PROPN", "ADJ"}


@dataclass(frozen=True)
class ReferenceCandidate:
    doc_id: str
    sentence_start: int
    trigger_start: int
    trigger_end: int
    modality: str


def reference_candidates(extractor: Extractor, items: Sequence[TextToExtract]) -> list[ReferenceCandidate]:
    nlp = extractor.nlp
    lemmas = set(extractor.lexicon.lemmas)
    cue_matcher = nlp.get_pipe(CUES_COMPONENT)
    docs = list(run_components(nlp, CHEAP_PASS, (nlp.make_doc(i.text) for i in items), extractor.batch_size))
    sentences = [(item, sent) for item, doc in zip(items, docs) for sent in doc.sents]
    parsed = run_components(nlp, PARSE_PASS + (CUES_COMPONENT,),
                            (sent.as_doc() for _, sent in sentences), extractor.batch_size)
    found: list[ReferenceCandidate] = []
    for (item, sent), parse in zip(sentences, parsed):
        for start, end in _triggers(parse, lemmas, cue_matcher):
            span = parse[start:end]
            if span.root.pos_ in EVENT_POS:
                found.append(ReferenceCandidate(
                    item.doc_id, sent.start_char, sent.start_char + span.start_char,
                    sent.start_char + span.end_char, modality_of(span)))
    return found


def _triggers(parse: Doc, lemmas: set[str], cue_matcher: ConflictCueMatcher) -> list[tuple[int, int]]:
    spans = [(s, e) for s, e, _ in parse._.fogmap_cues]
    covered = {t for s, e in spans for t in range(s, e)}
    excluded = {t for _, s, e in cue_matcher.exclusions(parse) for t in range(s, e)}
    spans += [(t.i, t.i + 1) for t in parse
              if t.lemma_.lower() in lemmas and t.i not in covered and t.i not in excluded]
    return spans
