"""spaCy components of fogmap, registered under versioned names.

Registration happens when this module is imported, which is how spaCy finds factories; nothing
else here runs at import time.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from .lexicon import CueLexicon, load_lexicon

CUES_COMPONENT = "fogmap_conflict_cues_v1"

if not Doc.has_extension("fogmap_cues"):
    # (start token, end token, lexicon form) of every conflict cue in the doc
    Doc.set_extension("fogmap_cues", default=None)


class ConflictCueMatcher:
    """Marks conflict cues by their surface forms: no tagger or parser needed, so it runs on every sentence."""

    def __init__(self, nlp: Language, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        for form in lexicon.forms:
            # one label per form, so a match tells which lexicon entry it was whatever the spacing
            self.cues.add(form, [nlp.make_doc(form)])
        self.exclusions = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exclusions.add("EXCLUDED", list(nlp.tokenizer.pipe(lexicon.exclusions)))

    def __call__(self, doc: Doc) -> Doc:
        excluded = [(s, e) for _, s, e in self.exclusions(doc)]
        spans = filter_spans([SpacySpan(doc, s, e, label=m) for m, s, e in self.cues(doc)])
        doc._.fogmap_cues = [
            (span.start, span.end, span.label_)
            for span in spans
            if not any(s < span.end and span.start < e for s, e in excluded)
        ]
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory(CUES_COMPONENT, assigns=["doc._.fogmap_cues"])
def make_conflict_cue_matcher(nlp: Language, name: str) -> ConflictCueMatcher:
    return ConflictCueMatcher(nlp, load_lexicon())
