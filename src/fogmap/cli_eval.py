"""`fogmap eval ...` and `fogmap train ...`: scoring against labelled corpora, fitting a model."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import FogmapError

if TYPE_CHECKING:  # the commands import what they run, so `fogmap --help` stays quick
    from .actors.resolve import ActorResolver
    from .settings import Settings

eval_app = typer.Typer(help="Score fogmap against a labelled corpus (the corpora are not shipped).", no_args_is_help=True)
train_app = typer.Typer(help="Fit a model on your own labelled data.", no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # an error stays one line, however long its path

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Per-class scores and the commonest confusions.")]
ModelOption = Annotated[Optional[Path], typer.Option("--model", help="A model from `fogmap train events` instead of the shipped rules.")]


def _fail(message: str) -> None:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(2)


def _model(path: Path | None):
    if path is None:
        return None
    from .events.model import load_model

    try:
        return load_model(path)
    except (OSError, ValueError, KeyError) as exc:
        _fail(f"{path}: cannot load model ({exc})")


def _progress(label: str):
    def report(done: int, total: int) -> None:
        err.print(f"{label}: {done}/{total}", markup=False)
    return report


def _run_on_extraction(evaluate, file: Path) -> dict[str, Any]:
    """Score ``file`` with an evaluator that needs fogmap's extractor."""
    from .pipeline import make_extractor
    from .settings import load_settings

    try:
        return evaluate(file, make_extractor(load_settings()))
    except FogmapError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _show(report: dict[str, Any], headline: list[tuple[str, str]], verbose: bool, json_out: bool) -> None:
    if json_out:
        import json

        out.print_json(json.dumps(report, default=str))
        return
    table = Table(title=f"{report['corpus']}: {report['file']} ({report.get('model', '')})", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, name in headline:
        value = report.get(key)
        table.add_row(name, "n/a" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value)))
    out.print(table)
    if verbose and "per_class" in report:
        per = Table(title="per class", title_justify="left")
        for col in ("label", "precision", "recall", "f1", "support"):
            per.add_column(col, justify="left" if col == "label" else "right")
        for row in report["per_class"]:
            per.add_row(row["label"], f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
                        str(row["support"]))
        out.print(per)
        conf = Table(title="commonest confusions (gold -> predicted)", title_justify="left")
        for col in ("gold", "predicted", "n"):
            conf.add_column(col)
        for row in report["confusions"]:
            conf.add_row(row["gold"], row["predicted"], str(row["n"]))
        out.print(conf)


@eval_app.command("case2021", epilog="Example: fogmap eval case2021 ../shared/eval/case2021/case2021_task2_dev.tsv -v")
def eval_case2021(
    file: Annotated[Path, typer.Argument(help="TSV with columns id, EventSnippet, SubType.")],
    model: ModelOption = None, verbose: VerboseOption = False, json_out: JsonOption = False,
) -> None:
    """CASE 2021 task 2: weighted F1 (the shared task's metric) and macro F1 over its 30 labels."""
    from .evaluation.labelled import evaluate_case2021

    try:
        report = evaluate_case2021(file, _model(model))
    except FogmapError as exc:
        _fail(str(exc))
    _show(report, [("n", "snippets"), ("weighted_f1", "weighted F1 (30 labels)"), ("macro_f1", "macro F1"),
                   ("accuracy", "accuracy"), ("acled_labels_weighted_f1", "weighted F1 (25 ACLED labels)")],
          verbose, json_out)


@eval_app.command("acled", epilog="Example: fogmap eval acled ../shared/eval/acled/acled_2020_dev.csv --train-cv 5")
def eval_acled(
    file: Annotated[Path, typer.Argument(help="An ACLED export CSV (notes, sub_event_type, fatalities, event_date).")],
    train_cv: Annotated[int, typer.Option("--train-cv", min=0, help="K-fold cross-validation of the trainable path instead of the shipped rules (0 = off).")] = 0,
    places: Annotated[bool, typer.Option("--places/--no-places", help="Also place each note's event and score it against ACLED's coordinates and admin-1 (runs the NLP pipeline: ~1 min more).")] = True,
    country_hint: Annotated[bool, typer.Option("--country-hint", help="Give each note ACLED's country as its country focus, as when coding one country's reporting.")] = False,
    actors: Annotated[bool, typer.Option("--actors/--no-actors", help="Also resolve each note's actors and score actor1/actor2 against ACLED's names (shares the NLP pass with --places).")] = True,
    actor_file: Annotated[Optional[list[Path]], typer.Option("--actor-file", metavar="FILE", help="Your own actor file (the TSV columns of src/fogmap/kb/actors/*.tsv), as `--actors FILE` elsewhere: an id it names replaces the shipped actor. Repeatable.")] = None,
    model: ModelOption = None, verbose: VerboseOption = False, json_out: JsonOption = False,
) -> None:
    """ACLED notes: event_type accuracy, sub_event_type macro-F1, fatalities and event_date exact match;
    event location within 25 km of ACLED's and admin-1 exact match; actor1/actor2 accuracy."""
    from .actors.resolve import default_resolver
    from .evaluation.labelled import cross_validate, evaluate_acled
    from .settings import load_settings

    try:
        settings = load_settings(actor_files=actor_file or ())
        resolver = default_resolver(settings.actors.files)  # a bad actor file stops here, before any scoring
        if train_cv:
            report = cross_validate(file, train_cv, progress=None if json_out else _progress("fold"))
        else:
            report = evaluate_acled(file, _model(model), progress=None if json_out else _progress("notes"))
            if places or actors:
                read = _acled_places(file, settings, resolver, country_hint, json_out, actors)
                if actors:
                    report["actors"] = read.pop("actors")
                if places:
                    report["places"] = read
    except FogmapError as exc:
        _fail(str(exc))
    rows = [("n", "events"), ("event_type_accuracy", "event_type accuracy"),
            ("macro_f1", "sub_event_type macro F1"), ("accuracy", "sub_event_type accuracy"),
            ("fatalities_exact", "fatalities exact"), ("event_date_exact", "event_date exact")]
    if "places" in report and not json_out:
        report = {**report, **{f"places_{k}": v for k, v in report["places"].items()}}
        rows += [("places_within_25km", "location within 25 km"), ("places_median_km", "location median error km"),
                 ("places_admin1_exact", "admin1 exact"), ("places_country_exact", "country exact")]
    if "actors" in report and not json_out:
        report = {**report, **{f"actors_{k}": v for k, v in report["actors"].items()}}
        rows += [("actors_actor1_accuracy", "actor1 accuracy"), ("actors_actor2_accuracy", "actor2 accuracy"),
                 ("actors_actor2_accuracy_when_coded", "actor2 accuracy (gold has one)"),
                 ("actors_assoc_recall", "assoc_actor recall")]
    _show(report, rows, verbose, json_out)


def _acled_places(file: Path, settings: Settings, resolver: ActorResolver, country_hint: bool, quiet: bool,
                  actors: bool = False) -> dict[str, Any]:
    from .evaluation.acled_places import evaluate_acled_places
    from .pipeline import make_extractor

    extractor = make_extractor(settings.with_overrides(extract={"places": False}))
    report = evaluate_acled_places(file, extractor, country_hint, progress=None if quiet else _progress("placed"),
                                   actors=actors, resolver=resolver)
    return {k: v for k, v in report.items() if k not in ("corpus", "file")}


@eval_app.command("wikievents", epilog="Example: fogmap eval wikievents ../shared/eval/wikievents/dev.jsonl")
def eval_wikievents(
    file: Annotated[Path, typer.Argument(help="WikiEvents JSON lines (tokens, text, event_mentions).")],
    json_out: JsonOption = False,
) -> None:
    """WikiEvents: Conflict.Attack and Life.Die trigger F1; Attacker/Target/Victim/Instrument F1 by head match."""
    from .evaluation.wikievents import evaluate_wikievents

    report = _run_on_extraction(evaluate_wikievents, file)
    if json_out:
        import json

        out.print_json(json.dumps(report))
        return
    table = Table(title=f"wikievents: {file} ({report['documents']} documents)", title_justify="left")
    for col in ("what", "precision", "recall", "F1", "gold"):
        table.add_column(col, justify="left" if col == "what" else "right")
    for group in ("triggers", "arguments"):
        for name, s in report[group].items():
            table.add_row(f"{group[:-1]} {name}", f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                          str(s["gold"]))
    out.print(table)


@eval_app.command("petrarch", epilog="Example: fogmap eval petrarch ../shared/eval/petrarch/PETR2_GSR_validation.jsonl -v")
def eval_petrarch(
    file: Annotated[Path, typer.Argument(help="PETRARCH validation JSON lines (text, date, gold_events).")],
    verbose: VerboseOption = False, json_out: JsonOption = False,
) -> None:
    """PETRARCH records: conflict-sentence P/R/F1 against CAMEO gold, and every happened event from a
    sentence with a negation, denial, condition, wish or modal word, for a person to check."""
    from .evaluation.petrarch import evaluate_petrarch

    report = _run_on_extraction(evaluate_petrarch, file)
    if json_out:
        import json

        out.print_json(json.dumps(report))
        return
    s = report["conflict_sentences"]
    table = Table(title=f"petrarch: {file} ({report['sentences']} sentences)", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("conflict sentences precision / recall / F1",
                  f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}")
    table.add_row("events by status", ", ".join(f"{k} {v}" for k, v in report["statuses"].items()) or "none")
    table.add_row("happened events in a sentence with a guard word", str(len(report["happened_with_guard_word"])))
    table.add_row("sentences with an event held back (not happened)", str(len(report["held_back"])))
    out.print(table)
    if verbose:
        for title, key in (("happened, with a guard word (check each)", "happened_with_guard_word"),
                           ("held back", "held_back")):
            out.print(f"\n{title}:")
            for row in report[key]:
                coded = ", ".join(f"{e['code']} {e['status']}" for e in row["events"])
                out.print(f"  {row['id']}: [{coded}] {row['text']}", markup=False)


@eval_app.command("fusion", epilog="Example: fogmap eval fusion ../shared/eval/fakes/fakes.jsonl  "
                                   "(FA-KES keys are the default; -f text=COLUMN and --group KEY for others)")
def eval_fusion(
    file: Annotated[Path, typer.Argument(help="JSON lines, one article each, with the keys of an incident (FA-KES: date_iso, location).")],
    field: Annotated[list[str], typer.Option("--field", "-f", help="Remap an input key, as for ingest (default: FA-KES's text=article_content, title=article_title, published=date_iso, outlet=source).")] = [],  # noqa: B006
    group: Annotated[list[str], typer.Option("--group", help="A key whose values together name an article's incident; repeatable (default: date_iso, location).")] = [],  # noqa: B006
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes.")] = 1,
    json_out: JsonOption = False,
) -> None:
    """Cross-document fusion: B-cubed precision, recall and F1 of fogmap's canonical events against the
    articles' incident groups, beside the one-a-day baseline (same date + admin-1 + event type) and
    all-singletons, in the same run; and how many canonical events each incident group became."""
    import tempfile

    from . import api
    from .evaluation.fusion import FAKES_FIELDS, FAKES_GROUP, read_gold, score_fusion
    from .ingest import parse_field_map
    from .settings import load_settings

    pairs = field or [f"{k}={v}" for k, v in FAKES_FIELDS.items()]
    try:
        fields = parse_field_map(pairs)
        gold = read_gold(file, fields["text"], fields["url"], group or FAKES_GROUP)
        with tempfile.TemporaryDirectory() as tmp, api.open(Path(tmp) / "fusion.duckdb", load_settings()) as ws:
            ws.ingest([file], fields=pairs, workers=workers)
            reports = ws.fused_reports()
    except FogmapError as exc:
        _fail(str(exc))
    report = {**score_fusion(gold, reports), "file": str(file)}
    if json_out:
        import json

        out.print_json(json.dumps(report, default=str))
        return
    table = Table(title=f"fusion: {file} ({report['articles']} articles, {report['incident_groups']} incident groups, "
                        f"{report['groups_of_two_or_more']} of two or more)", title_justify="left")
    for col in ("clustering", "B3 precision", "B3 recall", "B3 F1"):
        table.add_column(col, justify="left" if col == "clustering" else "right")
    for key, name in (("fogmap", "fogmap canonical events"), ("one_a_day", "one-a-day baseline"),
                      ("singletons", "every article alone")):
        s = report[key]
        table.add_row(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}")
    out.print(table)
    low, high = report["f1_above_one_a_day_ci95"]
    out.print(f"fogmap F1 less the baseline's: 95% interval {low:+.3f} .. {high:+.3f} (paired bootstrap over "
              "incident groups)", markup=False)
    out.print(f"articles with a fused event: {report['articles_with_an_event']}; canonical events per incident group "
              f"of 2+ articles: {report['canonical_events_per_group']} (articles' lead events), "
              f"{report['all_canonical_events_per_group']} (every event they report)", markup=False)


def _register_geo() -> None:
    from .cli_geo import eval_geo  # cli_geo imports this module's helpers, so register after they exist

    eval_app.command("geo", epilog="Example: fogmap eval geo ../shared/eval/geoparsing/GWN.xml --json")(eval_geo)


_register_geo()


@train_app.command("events", epilog="Example: fogmap train events my_acled_export.csv --out my-events.npz")
def train_events(
    file: Annotated[Path, typer.Argument(help="An ACLED export CSV (notes + sub_event_type) or a TSV text<TAB>label.")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write the model (.npz).")] = Path("fogmap-events-model.npz"),
    json_out: JsonOption = False,
) -> None:
    """Fit the sub-event classifier on your labelled data; use it with `--model` on eval commands."""
    from .evaluation.labelled import read_training_file
    from .events.model import train

    try:
        items = read_training_file(file)
        model = train([i.text for i in items], [i.label for i in items])
    except (FogmapError, ValueError) as exc:
        _fail(str(exc))
    model.save(out_path)
    summary = {"model": str(out_path), "trained_on": model.trained_on, "labels": list(model.labels)}
    if json_out:
        import json

        out.print_json(json.dumps(summary))
    else:
        out.print(f"trained on {model.trained_on} texts, {len(model.labels)} labels -> {out_path}", markup=False)


@eval_app.command("attribution", epilog="Example: fogmap eval attribution ../shared/eval/acled/acled_2020_dev.csv  "
                                        "(a GTD CSV with --format gtd)")
def eval_attribution(
    file: Annotated[Path, typer.Argument(help="An ACLED export CSV, or a GTD CSV with --format gtd.")],
    file_format: Annotated[str, typer.Option("--format", help="acled (actor1 hidden) or gtd (gname hidden; 'Unknown' rows are never targets).")] = "acled",
    json_out: JsonOption = False,
) -> None:
    """Who did it, from the event history alone: each event's perpetrator hidden in turn and ranked
    from the rest of the file (leave-one-out); top-1, top-3, log loss, Brier score and expected
    calibration error, overall and on the violent types, beside the back-off baseline in the same run."""
    from .evaluation.attribution import evaluate_attribution

    if file_format not in ("acled", "gtd"):
        _fail(f"--format {file_format!r}: valid formats are acled and gtd")
    try:
        report = evaluate_attribution(file, file_format, progress=None if json_out else _progress("weight folds"))
    except FogmapError as exc:
        _fail(str(exc))
    if json_out:
        import json

        out.print_json(json.dumps(report))
        return
    table = Table(title=f"attribution: {file} ({report['targets']} events with a named perpetrator, "
                        f"{report['unattributed']} without; leave-one-out, weights from {report['folds']} folds, "
                        f"{report['seconds']} s)", title_justify="left")
    for col in ("ranker", "events", "top-1", "top-3", "log loss", "Brier", "ECE"):
        table.add_column(col, justify="left" if col == "ranker" else "right")
    for part, part_name in (("overall", "all events"), ("violent", "violent types")):
        for ranker, ranker_name in (("model", "history prior"), ("baseline", "back-off baseline")):
            s = report[ranker][part]
            if not s["n"]:
                continue
            table.add_row(f"{ranker_name}, {part_name}", str(s["n"]),
                          *(f"{s[k]:.3f}" for k in ("top1", "top3", "log_loss", "brier", "ece")))
    out.print(table)
    beyond = report["baseline"]["overall"].get("top3_with_coarser_levels")
    if beyond is not None:
        out.print(f"baseline top-3 going on into the coarser levels' actors: {beyond:.3f}", markup=False)
