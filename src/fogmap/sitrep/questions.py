"""Open attribution questions: violent events of the window whose perpetrator is open, each with its
leading hypotheses, their posteriors and the sensitivity line (what the lead hangs on)."""

from __future__ import annotations

from typing import Any

HYPOTHESES_SHOWN = 3  # the leaders; the whole table is `fogmap attribute ID`


def question(answer: dict[str, Any]) -> dict[str, Any]:
    """One assessment (attribution/report.py's JSON) cut to what a brief shows."""
    event = answer["event"]
    items = answer.get("items", [])
    return {
        "event": {k: event.get(k) for k in ("id", "date_start", "country", "admin1", "place_name", "type", "subtype",
                                             "actor1_id", "actor2_id", "fatalities", "reports")},
        "leader": answer["leader_name"], "leader_posterior": answer["leader_posterior"],
        "hypotheses": [{"name": h["name"], "posterior": h["posterior"], "prior": h["prior"],
                        "reasons": h["reasons"]} for h in answer["hypotheses"][:HYPOTHESES_SHOWN]],
        "evidence_items": len(items),
        "evidence_documents": sorted({i["doc_id"] for i in items if i.get("doc_id")}),
        "sensitivity": answer["sensitivity"]["text"],
        "history": answer.get("history"),
        "stage": answer.get("stage"),
    }
