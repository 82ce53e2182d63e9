"""Terminal rendering for the CLI with rich: tables, the marked-up document, the progress bar.

Article text is untrusted: it is always wrapped in rich ``Text`` objects, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .records import Document, IngestFailure, IngestReport

if TYPE_CHECKING:
    from .reextract import ReextractReport

ENTITY_STYLES = {
    "GPE": "green", "LOC": "green", "FAC": "green", "ORG": "cyan", "NORP": "magenta", "PERSON": "yellow",
    "DATE": "blue", "CARDINAL": "bright_black",
}
MODALITY_STYLES = {"asserted": "bold white on red", "negated": "bold white on blue",
                   "hypothetical": "bold black on yellow", "planned": "bold black on bright_cyan"}


class IngestProgress:
    """A progress line on stderr; each failure is printed above it as one line as soon as it is known."""

    def __init__(self, console: Console, enabled: bool) -> None:
        self.console = console
        self.enabled = enabled
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                                 console=console, transient=True, disable=not enabled)
        self.task = self.progress.add_task("ingesting", total=None)

    def __enter__(self) -> IngestProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def update(self, report: IngestReport, failures: Sequence[IngestFailure]) -> None:
        for failure in failures:
            self.console.print(Text(f"failed: {failure}"))
        seen = report.ingested + report.duplicates + report.failed
        self.progress.update(self.task, completed=seen,
                             description=f"ingesting ({report.ingested} new, {report.duplicates} duplicates)")


class ReextractProgress(IngestProgress):
    """The same progress line, counting documents re-extracted out of those asked for."""

    def __init__(self, console: Console, enabled: bool) -> None:
        super().__init__(console, enabled)
        self.progress.update(self.task, description="re-extracting")

    def update(self, report: ReextractReport, total: int) -> None:  # type: ignore[override]
        self.progress.update(self.task, completed=report.documents, total=total,
                             description=f"re-extracting ({report.events} events)")


def print_ingest_summary(console: Console, report: IngestReport, db: Path, quiet: bool) -> None:
    line = (f"ingested {report.ingested} · duplicates {report.duplicates} "
            f"(already stored {report.already_stored}, copies {report.copies}, "
            f"near-duplicates {report.near_duplicates}) · failed {report.failed}")
    console.print(Text(line))
    if not quiet:
        console.print(Text(f"store: {db}   next: fogmap stats --db {db}   fogmap events --db {db}", style="dim"))


STATUS_STYLES = {"asserted": "", "reported": "cyan", "claimed": "magenta", "denied": "yellow",
                 "negated": "red", "hypothetical": "yellow", "planned": "blue"}


def _count(low: int | None, best: int | None, high: int | None) -> str:
    if best is None:
        return "?"
    return str(best) if low == best == high else f"{best} ({low}-{high})"


def print_events(console: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no events match", markup=False)
        return
    if console.width < WIDE_TABLE:
        _print_event_blocks(console, rows)
        return
    table = Table(show_lines=False, header_style="bold")
    table.add_column("date", no_wrap=True)
    for name in ("cty", "sub-event", "status", "who -> whom", "place", "killed"):
        table.add_column(name, overflow="fold")
    table.add_column("sentence", min_width=30, overflow="fold")
    table.add_column("doc", no_wrap=True)
    for row in rows:
        who = _who(row)
        table.add_row(_when(row), row["country"] or "?", row["subtype"],
                      Text(row["status"], style=STATUS_STYLES.get(row["status"], "")), who, _where(row),
                      _count(row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]),
                      Text(row["sentence"]), row["doc_id"][:8])
    console.print(table)
    console.print(Text(f"{len(rows)} event(s); `fogmap show DOC` shows one in its article; "
                       "--status negated|hypothetical|planned lists what did not happen", style="dim"))


WIDE_TABLE = 120  # below this many columns a table of events wraps every cell into a ribbon


def _who(row: dict[str, Any]) -> str:
    """ "actor1 -> actor2" by their resolved ACLED names when known, else by the words."""
    return f"{row.get('actor1_acled') or row['actor1'] or '?'} -> {row.get('actor2_acled') or row['actor2'] or '?'}"


def _where(row: dict[str, Any]) -> str:
    """The resolved place ("Kafranbel, Idlib") or, unresolved, the words ("the village of X?")."""
    if row.get("place_name"):
        admin1 = row.get("admin1")
        return row["place_name"] + (f", {admin1}" if admin1 and admin1 != row["place_name"] else "")
    return f"{row['place']}?" if row.get("place") else ""


def _when(row: dict[str, Any]) -> str:
    return str(row["date_start"] or "?") + {1: "", 2: " ~wk", 3: " ~mo"}.get(row["time_precision"], "")


def _print_event_blocks(console: Console, rows: list[dict[str, Any]]) -> None:
    """One event per block, for a narrow terminal: a header line, then the sentence it came from."""
    for row in rows:
        head = Text()
        head.append(f"{_when(row)}  {row['country'] or '?'}  ", style="bold")
        head.append(row["subtype"], style="bold")
        head.append("  ")
        head.append(row["status"], style=STATUS_STYLES.get(row["status"], ""))
        killed = _count(row["fatalities_low"], row["fatalities_best"], row["fatalities_high"])
        head.append(f"  {_who(row)}"
                    f"{'  at ' + _where(row) if _where(row) else ''}{'' if killed in ('0', '?') else '  killed ' + killed}"
                    f"  [{row['doc_id'][:8]}]")
        console.print(head)
        console.print(Text("    " + " ".join(row["sentence"].split()), style="dim"))
    console.print(Text(f"{len(rows)} event(s); `fogmap show DOC` shows one in its article; "
                       "--status negated|hypothetical|planned lists what did not happen", style="dim"))


def print_candidates(console: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no event candidates match", markup=False)
        return
    table = Table(show_lines=False, header_style="bold")
    for name in ("date", "country", "type", "cue", "modality"):
        table.add_column(name, no_wrap=True)
    table.add_column("sentence", min_width=40, overflow="fold")
    table.add_column("doc", no_wrap=True)
    for row in rows:
        sentence = Text(row["sentence"])
        start = row["trigger_start"] - row["sentence_start"]
        sentence.stylize("bold underline", start, start + row["trigger_end"] - row["trigger_start"])
        table.add_row(str(row["event_date"] or "?"), row["country"] or "?", _short_type(row["acled_type"]), row["cue_class"],
                      Text(row["modality"], style=MODALITY_STYLES.get(row["modality"], "")), sentence,
                      row["doc_id"][:10])
    console.print(table)
    console.print(Text(f"{len(rows)} candidate(s); `fogmap show DOC` shows one in its article", style="dim"))


def _short_type(acled_type: str) -> str:
    """ACLED type names are long; the table shows the first word ("Explosions", "Violence", ...)."""
    return acled_type.split("/")[0].split(" ")[0] if len(acled_type) > 14 else acled_type


# An event's fields over the entity and cue marks (the sentence itself is not marked: it is the context).
# role: (legend, style); where spans overlap the earlier role shows ("Gunmen" is actor1 and the weapon).
ARGUMENT_MARKS = {
    "trigger": ("what", "bold reverse"), "actor1": ("who", "bold underline bright_cyan"),
    "actor2": ("whom", "bold underline bright_magenta"), "weapon": ("weapon", "bold underline bright_yellow"),
    "place": ("where", "underline bright_green"), "time": ("when", "underline bright_blue"),
    "fatalities": ("killed", "bold underline bright_red"), "injured": ("injured", "underline red"),
}


def marked_text(document: Document, marks: dict[str, list[dict[str, Any]]]) -> Text:
    """The document's text with entities, parsed sentences, cues and event arguments styled in place."""
    body = Text(document.text)
    for entity in marks["entities"]:
        body.stylize(ENTITY_STYLES.get(entity["label"], "underline"), entity["start_char"], entity["end_char"])
    for sentence in marks["sentences"]:
        if sentence["parsed"]:
            body.stylize("italic", sentence["start_char"], sentence["end_char"])
    for cand in marks["candidates"]:
        body.stylize(MODALITY_STYLES.get(cand["modality"], "reverse"), cand["trigger_start"], cand["trigger_end"])
    rank = {role: i for i, role in enumerate(ARGUMENT_MARKS)}
    arguments = [a for event in marks["events"] for a in event["arguments"] if a["role"] in rank]
    for arg in sorted(arguments, key=lambda a: -rank[a["role"]]):
        body.stylize(ARGUMENT_MARKS[arg["role"]][1], arg["start_char"], arg["end_char"])
    return body


def _dates(row: dict[str, Any]) -> str:
    """2019-09-09, or a range: 2019-09-05..09-11 (the year is not repeated)."""
    start, end = row["date_start"], row["date_end"]
    if start is None:
        return "?"
    if end in (None, start):
        return str(start)
    return f"{start}..{end.isoformat()[5:] if end.year == start.year else end}"


def _document_events(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(rows)} event(s) in this document", title_justify="left", header_style="bold")
    for name in ("sub-event", "status", "who -> whom", "place", "dates", "killed"):
        table.add_column(name, overflow="fold", no_wrap=name in ("status", "dates"))
    for row in rows:
        table.add_row(row["subtype"], Text(row["status"], style=STATUS_STYLES.get(row["status"], "")),
                      _who(row), _where(row),
                      _dates(row), _count(row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]))
    return table


def print_document(console: Console, document: Document, marks: dict[str, list[dict[str, Any]]]) -> None:
    header = Text()
    header.append(document.title or "(no title)", style="bold")
    header.append(f"\n{document.outlet or '?'} · {document.published or 'date unknown'} · {document.url or document.source_path}")
    header.append(f"\nid {document.id}")
    if document.duplicate_of:
        header.append(f"\n{document.duplicate_kind} of {document.duplicate_of} (similarity {document.similarity}); not extracted")
    console.print(header)
    console.rule()
    console.print(marked_text(document, marks))
    for aside in marks["asides"]:
        console.print(Text(f"[{aside['kind']}] {aside['text']}", style="dim"))
    console.rule()
    legend = Text("places ", style="green")
    legend.append("organisations ", style="cyan").append("groups ", style="magenta").append("people ", style="yellow")
    for modality, style in MODALITY_STYLES.items():
        legend.append(f" {modality} cue ", style=style).append(" ")
    legend.append(" italic = parsed sentence", style="italic")
    console.print(legend)
    events = Text("event: ")
    for label, style in ARGUMENT_MARKS.values():
        events.append(label, style=style).append(" ")
    console.print(events)
    if marks.get("places"):
        console.print(_document_places(marks["places"]))
    if marks["events"]:
        console.print(_document_events(marks["events"]))
    else:
        console.print("no events in this document", markup=False)


def _document_places(rows: list[dict[str, Any]]) -> Table:
    """Each distinct place mention once: the words, the place chosen, its precision and why."""
    table = Table(title="places named (precision 1 the place, 2 near it or part of it, 3 a larger area)",
                  title_justify="left", header_style="bold")
    for name in ("words", "place", "precision", "why"):
        table.add_column(name, overflow="fold")
    seen = set()
    for row in rows:
        key = (row["text"], row["place_id"])
        if key in seen or row["relation"] == "demonym":
            continue
        seen.add(key)
        place = (f"{row['name']} ({row['admin1'] or '-'}, {row['country']}) {row['lat']:.3f},{row['lon']:.3f}"
                 if row["place_id"] else "unresolved")
        table.add_row(row["text"], place, str(row["precision"] or ""), Text(row["reason"] or "", style="dim"))
    return table


def print_stats(console: Console, data: dict[str, Any], db: Path) -> None:
    console.print(Text(
        f"{data['documents']} documents ({data['originals']} originals, {data['copies']} copies, "
        f"{data['near_duplicates']} near-duplicates) · {data['sentences']} sentences "
        f"({data['parsed_sentences']} parsed) · {data['entity_mentions']} entity mentions · "
        f"{data['event_candidates']} event candidates", style="bold"))
    console.print(Text(f"place mentions: {data['place_mentions']} ({data['place_mentions_resolved']} resolved) · "
                       f"events that happened with a resolved place: {data['events_located']} of {data['events_happened']}"))
    console.print(Text(f"events: {data['events']} ({data['events_happened']} happened) · by status: "
                       + ", ".join(f"{k} {v}" for k, v in data["events_by_status"].items())))
    console.print(Text("events that happened, by type: "
                       + ", ".join(f"{k} {v}" for k, v in data["events_by_type"].items())))
    console.print(Text("candidates by modality: " + ", ".join(f"{k} {v}" for k, v in data["candidates_by_modality"].items())))
    console.print(Text("asserted candidates by type: " + ", ".join(f"{k} {v}" for k, v in data["candidates_by_type"].items())))
    console.print(_month_country_table(data["candidates_by_month_country"]))
    for title, key in (("top places", "top_places"), ("top organisations and groups", "top_organisations")):
        table = Table(title=title, title_justify="left", header_style="bold")
        for name in ("name", "documents", "mentions"):
            table.add_column(name)
        for row in data[key]:
            name = row["name"] + (f" ({row['admin1'] or '-'}, {row['country']})" if row.get("country") else "")
            table.add_row(name, str(row["documents"]), str(row["mentions"]))
        console.print(table)


def _month_country_table(rows: list[dict[str, Any]], months: int = 24, countries: int = 8) -> Table:
    """Months down, the busiest countries across: the shape of a conflict picture at a glance."""
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["country"]] = totals.get(row["country"], 0) + row["candidates"]
    top = sorted(totals, key=lambda c: -totals[c])[:countries]
    grid: dict[str, dict[str, int]] = {}
    for row in rows:
        grid.setdefault(row["month"] or "?", {})[row["country"]] = row["candidates"]
    table = Table(title="asserted event candidates per month and country (busiest months)", title_justify="left",
                  header_style="bold")
    table.add_column("month")
    for country in top:
        table.add_column(country, justify="right")
    table.add_column("all", justify="right")
    busiest = sorted(grid, key=lambda m: -sum(grid[m].values()))[:months]
    for month in sorted(busiest):
        table.add_row(month, *(str(grid[month].get(c, "")) for c in top), str(sum(grid[month].values())))
    return table


def print_bench(console: Console, result: dict[str, Any]) -> None:
    if "rss_mb_after_copy" in result:
        console.print(Text(f"{result['documents']} documents in {result['seconds']} s; database {result['database_mb']} MB"))
        table = Table(title="resident memory after each copy of the corpus (MB)", title_justify="left")
        for name in ("copy", "RSS", "RSS less DuckDB buffers"):
            table.add_column(name, justify="right")
        for copy, rss in result["rss_mb_after_copy"].items():
            table.add_row(str(copy), str(rss), str(result["rss_minus_duckdb_buffers_mb_after_copy"][copy]))
        console.print(table)
        console.print(Text(f"growth from first to last copy: {result['rss_growth_first_to_last_copy_mb']} MB "
                           f"({result['growth_outside_duckdb_buffers_mb']} MB outside DuckDB's buffers); "
                           f"peak {result['peak_rss_mb']} MB"))
        return
    table = Table(title=f"{result['documents']} documents, {result['words']} words, {result['runs']} runs (medians)",
                  title_justify="left", header_style="bold")
    for name in ("", "seconds", "documents/s", "words/s", "peak RSS MB"):
        table.add_column(name, justify="right")
    rows = [("raw spaCy nlp.pipe", "raw_spacy"), (f"fogmap ({result['workers']} worker)", "fogmap"),
            ("fogmap without geoparsing", "without_places")]
    for label, key in rows:
        if key not in result:
            continue
        m = result[key]
        table.add_row(label, str(m["seconds_median"]), str(m["documents_per_s"]), str(m["words_per_s"]),
                      str(m["peak_rss_mb"]))
    console.print(table)
    console.print(Text(f"fogmap / raw spaCy words/s: {result['ratio_words_per_s']}x", style="bold"))
    if "actor_resolution_share" in result:
        console.print(Text(f"actor resolution takes {100 * result['actor_resolution_share']:.1f}% of fogmap's time"))
    if "places_added_share" in result:
        console.print(Text(f"geoparsing adds {100 * result['places_added_share']:.1f}% to fogmap's time"))
    if "agreement" in result:
        a = result["agreement"]
        console.print(Text(
            f"against a full parse of every sentence: sentence recall {a['sentence_recall']}, trigger recall "
            f"{a['trigger_recall']}, modality agreement {a['modality_agreement']} "
            f"({a['reference_sentences']} reference sentences, {a['fogmap_sentences']} fogmap sentences)"))
