"""Rich output of claims: who says what about which event, with what stance and how sure."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

STANCE_STYLES = {"claims_responsibility": "bold red", "accuses": "yellow", "denies": "cyan", "asserts": ""}
HEDGE_STYLES = {"confirmed": "green", "unhedged": "", "probable": "", "possible": "dim", "unconfirmed": "dim",
                "speculative": "dim italic", "denied": "cyan"}
WORDS = 160  # characters of content shown; --json has them all


def chain_text(chain: list[dict[str, Any]]) -> str:
    """The voices that carry a claim, outermost first: "TASS > Russian sources"."""
    return " > ".join(s["words"] for s in chain)


def claimant_text(row: dict[str, Any]) -> Text:
    text = Text(chain_text(row["chain"]) or row["claimant"], style="bold")
    who = row["claimant_id"] or ("unresolved" if row["claimant_kind"] != "author" else "")
    if row["speaks_for_id"] and row["speaks_for_id"] != row["claimant_id"]:
        who = f"{who}, for {row['speaks_for_id']}" if who else f"for {row['speaks_for_id']}"
    text.append(f"\n{row['claimant_kind']}" + (f" ({who})" if who else ""), style="dim")
    return text


def about_text(row: dict[str, Any]) -> Text:
    text = Text(row["about_kind"])
    if row["actor"] or row["actor_id"]:
        text.append(f": {row['actor'] or ''}" + (f" ({row['actor_id']})" if row["actor_id"] else ""))
    figures = [f"{row[k]} {k}" for k in ("fatalities", "injured") if row.get(k) is not None]
    if figures:
        text.append(": " + ", ".join(figures))
    text.append(f"\n{(row['about'] or 'no record')[:10]}", style="dim")
    return text


def words_text(row: dict[str, Any]) -> Text:
    content = " ".join((row["content"] or "").split())
    text = Text(row["cue"], style="bold")
    text.append(" | " + (content[:WORDS] + ("..." if len(content) > WORDS else "")))
    return text


def print_claims(console: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no claims match", markup=False)
        return
    table = Table(show_lines=True, header_style="bold")
    table.add_column("claimant", overflow="fold", max_width=28)
    table.add_column("stance", no_wrap=True)
    table.add_column("hedge", no_wrap=True)
    table.add_column("about", overflow="fold", max_width=26)
    table.add_column("cue | content", overflow="fold", min_width=24)
    table.add_column("source", overflow="fold", max_width=20)
    for row in rows:
        source = Text(row["outlet"] or "")
        source.append(f"\n{row['published'] or ''} {row['doc_id'][:8]}", style="dim")
        table.add_row(claimant_text(row), Text(row["stance"], style=STANCE_STYLES.get(row["stance"], "")),
                      Text(row["hedge"], style=HEDGE_STYLES.get(row["hedge"], "")), about_text(row), words_text(row),
                      source)
    console.print(table)
    console.print(Text(f"{len(rows)} claim(s); the claimant is the last voice of its chain; "
                       "`fogmap show DOC` shows the document", style="dim"))
