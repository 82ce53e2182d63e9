"""Near-duplicate detection with MinHash signatures and LSH banding.

The signatures and band buckets live in the evidence store, not in memory, so memory stays flat
however large the store grows; this module only computes them and compares them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from ..settings import DedupSettings

_WORD = re.compile(r"\w+")
_SEED = 1  # fixed: signatures in a store must stay comparable across runs and versions


@dataclass(frozen=True)
class Fingerprint:
    signature: np.ndarray  # uint32, bands * rows values
    bands: tuple[tuple[int, int], ...]  # (band number, bucket key)

    def to_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()


def shingles(text: str, width: int) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + width]).encode() for i in range(max(len(words) - width + 1, 0))}


def fingerprint(text: str, settings: DedupSettings) -> Fingerprint | None:
    """MinHash signature and LSH buckets of a text; None when it is too short to compare reliably."""
    if len(_WORD.findall(text)) < settings.min_words:
        return None
    minhash = MinHash(num_perm=settings.bands * settings.rows, seed=_SEED)
    minhash.update_batch(list(shingles(text, settings.shingle_words)))
    signature = minhash.hashvalues.astype(np.uint32)
    return Fingerprint(signature, band_keys(signature, settings.bands, settings.rows))


def band_keys(signature: np.ndarray, bands: int, rows: int) -> tuple[tuple[int, int], ...]:
    keys = []
    for band in range(bands):
        chunk = signature[band * rows:(band + 1) * rows].astype("<u4").tobytes()
        keys.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little")))
    return tuple(keys)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of MinHash positions that agree."""
    return float(np.mean(a == b))


def signature_from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")
