"""Rich output of attribution: the hypotheses, the ACH matrix, every cell with its sentence, and the
sensitivity line; and the list of events whose perpetrator is open."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

NEUTRAL = "·"  # a cell whose ratio is 1: the item says nothing about that hypothesis


def _ratio(r: float) -> Text:
    if abs(r - 1.0) < 5e-4:
        return Text(NEUTRAL, style="dim")
    return Text(f"{r:.2f}", style="green" if r > 1 else "red")


def _event_line(e: dict[str, Any]) -> str:
    where = ", ".join(x for x in (e.get("place_name"), e.get("admin1"), e.get("country")) if x)
    named = f"; reports name {e['actor1_id']}" if e.get("actor1_id") else "; no perpetrator named"
    return (f"{e['id'][:10]}  {e.get('date_start') or 'undated'}  {e.get('type')} / {e.get('subtype')}  {where}  "
            f"{e.get('reports')} report(s){named}")


def print_assessment(console: Console, a: dict[str, Any]) -> None:
    console.print(Text(_event_line(a["event"]), style="bold"))
    console.print(Text(f"history: {a['history']['events']} past event(s) with a named perpetrator; "
                       f"weights {a['history']['weights']}", style="dim"))
    labels = {h["actor"]: f"H{n + 1}" for n, h in enumerate(a["hypotheses"])}
    hyp = Table(title="Hypotheses (most probable first)", title_justify="left", show_edge=False)
    for col in ("", "actor", "why on the table", "prior", "posterior"):
        hyp.add_column(col, justify="right" if col in ("prior", "posterior") else "left")
    for h in a["hypotheses"]:
        style = "bold" if h["actor"] == a["leader"] else ""
        hyp.add_row(labels[h["actor"]], Text(h["name"], style=style), ", ".join(h["reasons"]) or "-",
                    f"{h['prior']:.3f}", Text(f"{h['posterior']:.3f}", style=style))
    console.print(hyp)
    for h in a["hypotheses"]:
        who = f" ({h['actor']})" if h["name"] != h["actor"] else ""
        console.print(Text(f"   {labels[h['actor']]}{who} prior: {h['prior_basis']}", style="dim"))
    if not a["items"]:
        console.print("no evidence items: no claim names a perpetrator or backer, and no weapon is named")
    else:
        _print_matrix(console, a, labels)
    console.print(Text("sensitivity: " + a["sensitivity"]["text"], style="bold"))


def _print_matrix(console: Console, a: dict[str, Any], labels: dict[str, str]) -> None:
    matrix = Table(title="Evidence x hypotheses: likelihood ratios (>1 for, <1 against, · neutral)",
                   title_justify="left", show_edge=False)
    matrix.add_column("")
    matrix.add_column("item")
    matrix.add_column("diag.", justify="right")
    order = [h["actor"] for h in a["hypotheses"]]
    for actor in order:
        matrix.add_column(labels[actor], justify="right")
    for n, item in enumerate(a["items"]):
        matrix.add_row(f"E{n + 1}", item["summary"], f"{item['diagnosticity']:.2f}",
                       *(_ratio(item["cells"][h]["ratio"]) for h in order))
    console.print(matrix)
    for n, item in enumerate(a["items"]):
        where = " ".join(x for x in (item.get("outlet"), item.get("published"),
                                     f"doc {item['doc_id'][:8]} [{item['start']}:{item['end']}]" if item["doc_id"] else "")
                         if x)
        console.print(Text(f"E{n + 1} {item['kind']}: {item['summary']}", style="bold"), Text(f"  {where}", style="dim"))
        if item.get("sentence"):
            console.print(Text(f"   \"{item['sentence']}\"", style="italic"))
        for h in order:
            cell = item["cells"][h]
            if cell["basis"]:
                console.print(Text(f"   {labels[h]} x{cell['ratio']:.3f}  {cell['basis']}", style="dim"))


def print_open_events(console: Console, answers: list[dict[str, Any]], total: int) -> None:
    table = Table(show_edge=False)
    for col in ("event", "date", "where", "type", "reports", "leading hypothesis", "p", "next", "items"):
        table.add_column(col, justify="right" if col in ("reports", "p", "items") else "left")
    for a in answers:
        e = a["event"]
        runner = a["hypotheses"][1] if len(a["hypotheses"]) > 1 else None
        table.add_row(e["id"][:10], e.get("date_start") or "", ", ".join(x for x in (e.get("place_name"), e.get("country")) if x),
                      e.get("subtype") or e.get("type") or "", str(e.get("reports")), a["leader_name"],
                      f"{a['leader_posterior']:.2f}",
                      f"{runner['name']} {runner['posterior']:.2f}" if runner else "", str(len(a["items"])))
    console.print(table)
    more = f" (the newest {len(answers)} of {total}; --limit 0 for all)" if total > len(answers) else ""
    console.print(f"{total} event(s) with an open perpetrator{more}; `fogmap attribute EVENT_ID` shows one in full")
