"""The NLP stages for a batch of documents: sentences, named entities, event candidates.

Cost model (measured on FA-KES, docs/PERFORMANCE.md): the NER pass alone runs at about twice the
speed of the full spaCy pipeline, and two thirds of the words of war reporting sit in sentences
with a conflict cue. So every sentence gets sentence boundaries, entities and cue matching, and
only the cue sentences that also hold a modality marker get the dependency parse, because only
there can the parse change the answer (extract/modality.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..geo.areas import AreaIndex
from ..geo.countries import PLACE_LABELS, CountryGazetteer
from ..geo.outlets import outlet_region
from ..geo.placing import PLACES_STAGE, place_records
from ..geo.recognise import names_an_owner
from ..records import DocumentExtraction, EntityMention, EventCandidate, Sentence, Span
from .lexicon import CueLexicon, load_lexicon
from .modality import ASSERTED, modality_of
from .components import CUES_COMPONENT
from .nlp import CHEAP_PASS, PARSE_PASS, package_version, run_components

CANDIDATES_STAGE = "fogmap_event_candidates_v2"
COUNTRY_STAGE = "fogmap_country_focus_v2"


@dataclass(frozen=True)
class TextToExtract:
    doc_id: str
    text: str
    outlet: str | None = None  # its home region is the country focus when the text names no country


def candidate_id(doc_id: str, start: int, end: int) -> str:
    key = f"{doc_id}:{start}:{end}:{CANDIDATES_STAGE}".encode()
    return hashlib.sha1(key).hexdigest()[:20]


def extraction_stages(model: str, places: bool = True) -> tuple[str, ...]:
    """Versioned names of the stages this module runs, as recorded per document in the store."""
    return ("sentencizer", f"ner:{model}=={package_version(model)}", CUES_COMPONENT, CANDIDATES_STAGE,
            COUNTRY_STAGE, *((PLACES_STAGE,) if places else ()))


# The geoparser: text and the NLP stages' findings in, resolved place mentions out (geo/resolve.py).
Geoparse = Callable[[str, DocumentExtraction], Sequence]


class Extractor:
    """Holds the loaded pipeline; call it on a batch of texts (the unit a worker process gets)."""

    def __init__(self, nlp: Language, gazetteer: CountryGazetteer, stages: tuple[str, ...],
                 lexicon: CueLexicon | None = None, batch_size: int = 64,
                 geoparse: Geoparse | None = None, areas: AreaIndex | None = None) -> None:
        self.nlp = nlp
        self.geoparse = geoparse
        self.areas = areas
        self.gazetteer = gazetteer
        self.lexicon = lexicon or load_lexicon()
        self.batch_size = batch_size
        self.marker_ids = {nlp.vocab.strings.add(form) for form in self.lexicon.markers}
        self.stages = stages
        self.ner_stage = stages[1]

    def needs_parse(self, sent: SpacySpan, cues: list[tuple[int, int, str]]) -> bool:
        if not any(sent.start <= s < sent.end for s, _, _ in cues):
            return False
        return any(token.lower in self.marker_ids for token in sent)

    def __call__(self, items: Sequence[TextToExtract]) -> list[DocumentExtraction]:
        docs = list(run_components(
            self.nlp, CHEAP_PASS, (self.nlp.make_doc(item.text) for item in items), self.batch_size
        ))
        gated = [(i, sent) for i, doc in enumerate(docs) for sent in doc.sents
                 if self.needs_parse(sent, doc._.fogmap_cues)]
        parsed = run_components(self.nlp, PARSE_PASS, (sent.as_doc() for _, sent in gated), self.batch_size)
        parses: dict[tuple[int, int], Doc] = {
            (i, sent.start): parse for (i, sent), parse in zip(gated, parsed)
        }
        return [self._records(item, doc, i, parses) for i, (item, doc) in enumerate(zip(items, docs))]

    def _records(self, item: TextToExtract, doc: Doc, index: int,
                 parses: dict[tuple[int, int], Doc]) -> DocumentExtraction:
        sentences = list(doc.sents)
        sentence_of = {}
        for seq, sent in enumerate(sentences):
            for t in range(sent.start, sent.end):
                sentence_of[t] = seq
        entities = tuple(
            EntityMention(Span(item.doc_id, ent.start_char, ent.end_char), ent.label_, ent.text,
                          sentence_of.get(ent.start, 0), self.ner_stage)
            for ent in doc.ents
        )
        # "the US dollar exchange rate", "US troops": whose, not where, so no vote for the story's country
        placed = tuple(e for e in entities if e.label in PLACE_LABELS and not names_an_owner(doc.text, e.span.end))
        focus = self.gazetteer.focus((e.text, e.label) for e in placed) or outlet_region(item.outlet)
        candidates = tuple(
            self._candidate(item.doc_id, doc, sentences[sentence_of[start]], start, end, form, parses.get(
                (index, sentences[sentence_of[start]].start)), placed, sentence_of[start], focus)
            for start, end, form in doc._.fogmap_cues
        )
        extraction = DocumentExtraction(
            doc_id=item.doc_id,
            sentences=tuple(
                Sentence(item.doc_id, seq, s.start_char, s.end_char, (index, s.start) in parses)
                for seq, s in enumerate(sentences)
            ),
            entities=entities,
            candidates=candidates,
            country_focus=focus,
        )
        if self.geoparse is None:
            return extraction
        mentions, places = place_records(item.doc_id, item.text, self.geoparse(item.text, extraction), self.areas)
        return replace(extraction, place_mentions=mentions, places=places)

    def _candidate(self, doc_id: str, doc: Doc, sent: SpacySpan, start: int, end: int, form: str,
                   parse: Doc | None,
                   entities: tuple[EntityMention, ...], seq: int, focus: str | None) -> EventCandidate:
        trigger = doc[start:end]
        cue = self.lexicon.forms[form]
        modality = modality_of(parse[start - sent.start:end - sent.start]) if parse is not None else ASSERTED
        named = [self.gazetteer.country_of(e.text, focus) for e in entities
                 if e.sentence_seq == seq]
        named = [c for c in named if c]
        country = focus if focus in named else (named[0] if named else focus)
        return EventCandidate(
            id=candidate_id(doc_id, trigger.start_char, trigger.end_char),
            sentence=Span(doc_id, sent.start_char, sent.end_char),
            trigger=Span(doc_id, trigger.start_char, trigger.end_char),
            trigger_text=trigger.text,
            cue=cue.lemma,
            cue_class=cue.cue_class,
            acled_type=cue.acled_type,
            modality=modality,
            parsed=parse is not None,
            country=country,
            stage=CANDIDATES_STAGE,
        )
