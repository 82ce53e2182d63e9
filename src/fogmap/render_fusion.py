"""Rich output of the canonical level: canonical events and why two reports were (not) merged."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .render import _count, _when


def _dispute_text(disputes: list[dict[str, Any]]) -> str:
    return "; ".join(f"{d['field']}: " + " vs ".join(str(v) for v, _ in d["values"]) for d in disputes)


def print_canonical_events(console: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no canonical events match", markup=False)
        return
    table = Table(show_lines=False, header_style="bold")
    table.add_column("date", no_wrap=True)
    for name in ("cty", "sub-event", "who -> whom", "place", "killed", "reports", "sources", "disputed"):
        table.add_column(name, overflow="fold")
    table.add_column("id", no_wrap=True)
    for row in rows:
        place = row["place_name"] or ""
        if row.get("admin1") and row["admin1"] != place:
            place += f", {row['admin1']}"
        table.add_row(_when(row), row["country"] or "?", row["subtype"],
                      f"{row['actor1_acled'] or '?'} -> {row['actor2_acled'] or '?'}", place,
                      _count(row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]),
                      f"{row['reports']} +{row['copies']} cop" if row["copies"] else str(row["reports"]),
                      str(row["sources"]), Text(_dispute_text(row["disputes"]), style="yellow"), row["id"][:10])
    console.print(table)
    console.print(Text(f"{len(rows)} canonical event(s); reports count documents (+ copies and near-duplicates), "
                       "sources count independent ones; `fogmap why-merged A B` explains a merge", style="dim"))


def print_why_merged(console: Console, answer: dict[str, Any]) -> None:
    verdict = "one canonical event" if answer["same_canonical"] else "different canonical events"
    console.print(f"{answer['a']} and {answer['b']}: {verdict}; features "
                  f"{'all compatible' if answer['compatible'] else 'not all compatible'}", markup=False)
    table = Table(header_style="bold")
    for name in ("feature", "matched", "a", "b", "detail"):
        table.add_column(name, overflow="fold")
    for f in answer["features"]:
        mark = ("yes" if f["matched"] else "NO") + ("" if f["blocking"] else " (informs)")
        table.add_row(f["name"], Text(mark, style="green" if f["matched"] else ("red" if f["blocking"] else "yellow")),
                      str(f["a"]), str(f["b"]), f["detail"])
    console.print(table)
