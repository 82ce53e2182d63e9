"""`fogmap geocode`, `fogmap places` and `fogmap eval geo`: the geoparser from the command line.

Exit codes as everywhere in fogmap: 0 done; 1 nothing found (no candidate, no place); 2 bad usage.
`geo_app`'s commands are merged into the top-level `fogmap` command; `eval_geo` is registered under
`fogmap eval` by cli_eval.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .errors import FogmapError, NotFoundError, StoreError

geo_app = typer.Typer(help="Places: geocode a name, geoparse a text.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")]
_ISO2 = re.compile(r"^[A-Za-z]{2}$")


def _fail(message: str, code: int) -> None:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


def _print_json(data: Any) -> None:
    out.print_json(json.dumps(data, default=str, ensure_ascii=False))


def _coords(lat: float | None, lon: float | None) -> str:
    return "" if lat is None or lon is None else f"{lat:.4f}, {lon:.4f}"


NARROW = 110  # below this many columns the candidate table wraps every cell; print one line each instead


def _print_candidates(ranked: list[dict[str, Any]], title: str) -> None:
    if out.width < NARROW:
        out.print(Text(title, style="bold"))
        for n, c in enumerate(ranked, start=1):
            line = Text(f"{n:>2}. ")
            line.append(c["name"], style="bold").append(f"  {c['id']}", style="dim")
            out.print(line)
            out.print(Text(f"    {c['feature']}  {c['country']}{'.' + c['admin1'] if c['admin1'] else ''}  "
                           f"{_coords(c['lat'], c['lon'])}"
                           f"{'  pop ' + format(c['population'], ',') if c['population'] else ''}  score {c['score']:.2f}"))
        return
    table = Table(title=title, title_justify="left")
    for col in ("#", "id", "name", "feature", "country", "admin1", "lat, lon", "population", "score"):
        table.add_column(col, justify="right" if col in ("#", "population", "score") else "left",
                         no_wrap=col in ("id", "lat, lon"))
    for n, c in enumerate(ranked, start=1):
        table.add_row(str(n), c["id"], c["name"], c["feature"], c["country"], c["admin1"] or "",
                      _coords(c["lat"], c["lon"]), f"{c['population']:,}" if c["population"] else "",
                      f"{c['score']:.2f}")
    out.print(table)


@geo_app.command(epilog="Example: fogmap geocode Raqqa --country SY   (or: fogmap geocode 'Deir ez-Zor' --json)")
def geocode(
    name: Annotated[str, typer.Argument(help="A place name in any common spelling: Raqqa, Ar Raqqah, Deir Ezzor, Khmeimim.")],
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only places in this country (ISO 3166 alpha-2, e.g. SY).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many candidates.")] = 10,
    json_out: JsonOption = False,
) -> None:
    """Rank the places a name may mean: GeoNames towns, countries and admin-1 areas, and the project's
    conflict features (bases, regions, crossings), best first, with the score's parts."""
    from .geo.resolve import load_geoparser

    if not name.strip():
        _fail("NAME is empty; give a place name, e.g. Raqqa", 2)
    if country is not None and not _ISO2.match(country):
        _fail(f"--country {country!r} is not an ISO 3166 alpha-2 code (two letters, e.g. SY)", 2)
    geoparser = load_geoparser()
    from .geo.resolve import candidate_dict

    ranked = [candidate_dict(c) for c in geoparser.geocode(name, country.upper() if country else None)[:limit]]
    if json_out:
        _print_json({"name": name, "country": country.upper() if country else None, "candidates": ranked})
    elif ranked:
        _print_candidates(ranked, f"places named {name!r}" + (f" in {country.upper()}" if country else ""))
    if not ranked:
        if not json_out:
            err.print(f"no place named {name!r}" + (f" in {country.upper()}" if country else ""), markup=False)
        raise typer.Exit(1)


@geo_app.command(epilog='Example: fogmap places "Jets struck Khmeimim air base and villages south of the city of Mayadin."')
def places(
    text: Annotated[Optional[str], typer.Argument(help="The text to geoparse (or use --doc).")] = None,
    doc: Annotated[Optional[str], typer.Option("--doc", help="Geoparse a stored document instead (id or unique prefix).")] = None,
    candidates: Annotated[int, typer.Option(min=0, help="Show this many candidates per mention.")] = 3,
    db: Annotated[Path, typer.Option("--db", envvar="FOGMAP_DB", help="Evidence store file (with --doc).")] = Path("fogmap.duckdb"),
    config: Annotated[Optional[Path], typer.Option("--config", envvar="FOGMAP_CONFIG", help="Settings file overriding the defaults.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Find the places a text names and resolve each: the mention and how the text describes it (near,
    part of, province, region of), the place chosen (id, coordinates, admin-1, country), ACLED geo
    precision, score, the reasons, and the candidates it was chosen from."""
    from .extract.extractor import TextToExtract
    from .geo.resolve import load_geoparser
    from .pipeline import make_extractor
    from .settings import load_settings

    if (text is None) == (doc is None):
        _fail("give either a TEXT or --doc ID (not both)", 2)
    settings = load_settings(config)
    doc_id = "text"
    if doc is not None:
        text, doc_id = _stored_text(doc, db, settings)
    if not text or not text.strip():
        _fail("the text is empty", 2)
    extraction = make_extractor(settings.with_overrides(extract={"places": False}))([TextToExtract(doc_id, text)])[0]
    resolved = load_geoparser()(text, extraction)
    rows = [r.as_dict(candidates) for r in resolved]
    if json_out:
        _print_json({"doc_id": doc_id if doc else None, "country_focus": extraction.country_focus, "places": rows})
    elif rows:
        _print_places(rows, extraction.country_focus, candidates)
    if not any(r.resolved for r in resolved):
        if not json_out:
            err.print("no place found" if not rows else "no place resolved", markup=False)
        raise typer.Exit(1)


def _stored_text(doc: str, db: Path, settings) -> tuple[str, str]:
    from . import api

    if not db.exists():
        _fail(f"{db}: no such evidence store (ingest documents first, or pass --db)", 2)
    try:
        with api.open(db, settings, read_only=True) as ws:
            document = ws.document(doc)
    except NotFoundError as exc:
        _fail(str(exc), 1)
    except StoreError as exc:
        _fail(str(exc), 2)
    return document.text, document.id


def _print_place_blocks(rows: list[dict], focus: str | None, candidates: int) -> None:
    """One mention per block, for a narrow terminal."""
    from rich.text import Text

    out.print(Text(f"places (document country: {focus or 'unknown'})", style="bold"))
    for r in rows:
        how = " ".join(x for x in (r["direction"], r["relation"] if r["relation"] != "at" else None) if x)
        head = Text(f"{r['text']}", style="bold")
        head.append(f"{'  (' + how + ')' if how else ''}  -> ")
        head.append(f"{r['name'] or '(unresolved)'}", style="" if r["name"] else "red")
        if r["id"]:
            head.append(f"  {r['id']}  {r['country'] or ''} {r['admin1'] or ''}  {_coords(r['lat'], r['lon'])}"
                        f"  precision {r['precision']}  {r['score']:.2f}")
        out.print(head)
        out.print(Text(f"    {r['reason']}", style="dim"))
        for c in r.get("candidates", [])[1:candidates]:
            out.print(Text(f"    or {c['name']}  {c['id']}  {c['country']}  {_coords(c['lat'], c['lon'])}"
                           f"  {c['probability']:.2f}", style="dim"))


def _print_places(rows: list[dict], focus: str | None, candidates: int) -> None:
    from .render import WIDE_TABLE

    if out.width < WIDE_TABLE:
        _print_place_blocks(rows, focus, candidates)
        return
    table = Table(title=f"places (document country: {focus or 'unknown'})", title_justify="left")
    for col in ("mention", "how", "place", "id", "country", "admin1", "lat, lon", "prec.", "prob.", "reason"):
        table.add_column(col, justify="right" if col in ("prec.", "prob.") else "left",
                         no_wrap=col in ("id", "lat, lon"))
    for r in rows:
        kind = r["kind"] if r["kind"] not in (None, "near", r["relation"]) else None
        how = " ".join(x for x in (r["direction"], r["relation"] if r["relation"] != "at" else None,
                                   f"({kind})" if kind else None) if x)
        table.add_row(r["text"], how, r["name"] or "(unresolved)", r["id"] or "", r["country"] or "",
                      r["admin1"] or "", _coords(r["lat"], r["lon"]), str(r["precision"] or ""),
                      f"{r['score']:.2f}", r["reason"])
        for c in r.get("candidates", [])[1:candidates]:
            table.add_row("", "", f"  or {c['name']}", c["id"], c["country"], c["admin1"] or "",
                          _coords(c["lat"], c["lon"]), "", f"{c['probability']:.2f}", "", style="dim")
    out.print(table)


def eval_geo(
    file: Annotated[Path, typer.Argument(help="LGL or GeoWebNews XML (../shared/eval/geoparsing/lgl.xml or GWN.xml).")],
    approach: Annotated[str, typer.Option(help="Context used in resolution: prior (population and kind only), country (+ the document's country), nearby (+ distance to the other places), admin1 (+ their admin-1 area), full (+ 'Town, State' and state abbreviations).")] = "full",
    json_out: JsonOption = False,
) -> None:
    """Geoparsing: recognition P/R/F1 against the gold spans (exact and overlap); resolution given the
    gold spans: accuracy within 161 km, median error in km, share of gold GeoNames ids matched."""
    from .evaluation.geo import evaluate_geo
    from .geo.resolve import APPROACHES
    from .pipeline import make_extractor
    from .settings import load_settings

    if approach not in APPROACHES:
        _fail(f"--approach {approach!r}: choose one of {', '.join(APPROACHES)}", 2)
    if not file.exists():
        _fail(f"{file}: no such file (the evaluation corpora are not shipped with fogmap; point at your own copy)", 2)
    try:
        report = evaluate_geo(file, make_extractor(load_settings().with_overrides(extract={"places": False})), approach,
                              progress=None if json_out else lambda d, t: err.print(f"articles: {d}/{t}", markup=False))
    except FogmapError as exc:
        _fail(str(exc), 2)
    if json_out:
        _print_json(report)
        return
    res = report["resolution"]
    table = Table(title=f"{report['corpus']}: {report['file']} ({report['articles']} articles, approach {approach})",
                  title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, key in (("recognition exact", "recognition_exact"), ("recognition overlap", "recognition_overlap")):
        s = report[key]
        table.add_row(f"{name} P / R / F1", f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}")
    table.add_row("gold spans (recognition)", str(report["gold_spans"]))
    table.add_row("resolution given gold spans: accuracy within 161 km", f"{res['accuracy_161km']:.3f}")
    table.add_row("median error km", f"{res['median_km']:.1f}")
    of_resolved = res["accuracy_161km_of_resolved"]
    table.add_row("accuracy within 161 km of the resolved ones", "n/a" if of_resolved is None else f"{of_resolved:.3f}")
    id_match = res["geonames_id_match"]
    table.add_row("gold GeoNames ids matched", "n/a" if id_match is None else f"{id_match:.3f}")
    table.add_row("gold spans with coordinates / unresolved", f"{res['n']} / {res['unresolved']}")
    table.add_row("geoparsing ms per article", f"{report['geo_ms_per_article']:.2f}")
    load = report["geoparser_load"]
    table.add_row("geoparser load s / MB added", f"{load['seconds']:.2f} / {load['rss_added_mb']:.0f}")
    out.print(table)
