"""The situation report as one self-contained HTML page: inline CSS and SVG, no script, no fetch.

Every piece of text from the store passes through ``html.escape`` (``_t``): article text is untrusted,
and a title holding "<script>" must print as those characters. A document's url becomes a link only
when it is http(s), and is always shown as text, so the printed page keeps it."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from .figures import UNKNOWN_AREA
from .gather import country_name
from .mapsvg import map_svg
from .style import CSS

ARROWS = {"up": "▲", "down": "▼", "same": "="}
HOLDINGS_SHOWN = 15  # places held at the window's end listed in the table; the rest are counted


def _t(value: Any) -> str:
    """Text for the page: escaped, quotes too (it may sit in an attribute)."""
    return escape("" if value is None else str(value), quote=True)


def _day(value: Any) -> str:
    if value is None:
        return "date not known"
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return _t(value)
    return f"{day.day} {day:%b %Y}"


def _span(since: Any, until: Any) -> str:
    return _day(since) if str(since) == str(until) else f"{_day(since)} – {_day(until)}"


def _link(url: str | None) -> str:
    if not url:
        return ""
    shown = _t(url)
    return f'<a href="{shown}">{shown}</a>' if url.lower().startswith(("http://", "https://")) else shown


def _change(before: int, direction: str) -> str:
    return f'<span class="{direction}">{ARROWS[direction]} from {before}</span>'


def _deaths(d: dict[str, Any]) -> str:
    if d.get("best") is None:
        return "no figure reported"
    low, high = d.get("low"), d.get("high")
    spread = f" (range {low}–{high})" if low is not None and high is not None and (low, high) != (d["best"],) * 2 else ""
    return f"{d['best']}{spread}"


def _source(s: dict[str, Any]) -> str:
    """One document behind a statement: outlet, title, date, url and doc id."""
    title = f' “{_t(s["title"])}”' if s.get("title") else ""
    when = f', {_day(s["published"])}' if s.get("published") else ""
    url = f" {_link(s.get('url'))}" if s.get("url") else ""
    return f'<b>{_t(s.get("outlet") or "outlet not known")}</b>{title}{when}{url} <span class="id">doc {_t(s["doc_id"])}</span>'


def _header(r: dict[str, Any]) -> str:
    w, p = r["window"], r["previous_window"]
    return (f'<header><h1>{_t(r["title"])}</h1>'
            f'<p class="sub">{_span(w["since"], w["until"])} ({w["days"]} days), compared with '
            f'{_span(p["since"], p["until"])}</p>'
            f'<p class="meta">Generated {_t(r["generated_at"])} from the store <code>{_t(r["store"])}</code> by fogmap '
            f'{_t(r["fogmap_version"])}. Canonical events (one per event, however many reports tell it).</p></header>')


def _empty(r: dict[str, Any]) -> str:
    names = ", ".join(c["name"] for c in r["countries"])
    latest = r.get("latest_event")
    hint = (f" The latest event the store has for {_t(names)} is on <b>{_day(latest)}</b>: ask for a window that "
            f"ends then (for example <code>--until {_t(latest)} --since 30d</code>)." if latest else
            f" The store has no events at all for {_t(names)}.")
    w = r["window"]
    return f'<div class="empty"><b>No events in {_t(names)} between {_span(w["since"], w["until"])}.</b>{hint}</div>'


def _figures(r: dict[str, Any]) -> str:
    t = r["totals"]
    d = t["deaths"]
    boxes = [
        (str(t["events"]), "events " + _change(t["previous_events"], t["change"])),
        (_t(d["best"]) if d["events"] else "–",
         (f"deaths, best estimate; range {d['low']}–{d['high']}; {d['events']} events give a figure"
          if d["events"] else "deaths: no event gives a figure") + f"; {t['previous_deaths_best']} before"),
        (str(t["documents"]), f"documents from {t['outlets']} outlets, {t['reports']} reports"),
        (str(t["single_source"]), "events told by one independent source only"),
        (str(t["disputed"]), "events whose reports disagree (disputed)"),
    ]
    return '<section class="figures">' + "".join(f'<div class="fig"><b>{b}</b><span>{s}</span></div>'
                                                 for b, s in boxes) + "</section>"


def _map(r: dict[str, Any]) -> str:
    svg = map_svg([c["code"] for c in r["countries"]], r["events"], r["control"]["holdings_end"], name_of=country_name)
    placed = sum(1 for e in r["events"] if e.get("latitude") is not None)
    missing = len(r["events"]) - placed
    return (f'<figure>{svg}<figcaption>Areas shaded by the number of events in the window; dots are events at their '
            f'place, coloured by ACLED event type and sized by deaths (a number beside a dot: events at that place). '
            f'Squares: places whose control the store knows on {_day(r["control"]["end"])}. North up; '
            f'equirectangular. Admin-1 shapes: Natural Earth.'
            f'{f" {missing} events without coordinates are not drawn." if missing else ""}</figcaption></figure>')


def _count_table(title: str, label: str, rows: list[dict[str, Any]], name: Any, total: dict[str, Any]) -> str:
    body = "".join(f'<tr><td>{_t(name(x))}</td><td class="num">{x["events"]}</td><td class="num">{x["previous"]}</td>'
                   f'<td class="num {x["change"]}">{ARROWS[x["change"]]}</td><td class="num">{x["deaths_best"]}</td></tr>'
                   for x in rows)
    foot = (f'<tfoot><tr><td>All</td><td class="num">{total["events"]}</td><td class="num">{total["previous_events"]}'
            f'</td><td class="num {total["change"]}">{ARROWS[total["change"]]}</td>'
            f'<td class="num">{total["deaths"]["best"]}</td></tr></tfoot>')
    return (f'<div><h3>{title}</h3><table class="long"><thead><tr><th>{label}</th><th class="num">events</th>'
            f'<th class="num">before</th><th class="num"></th><th class="num">deaths</th></tr></thead>'
            f'<tbody>{body}</tbody>{foot}</table></div>')


def _counts(r: dict[str, Any]) -> str:
    several = len(r["countries"]) > 1
    area = (lambda x: f'{x["admin1"]} ({x["country"]})') if several else (lambda x: x["admin1"])
    return ('<h2>Counts by type and area</h2><div class="two">'
            + _count_table("By ACLED event type", "type", r["by_type"], lambda x: x["type"], r["totals"])
            + _count_table("By admin-1 area", "area", r["by_area"], area, r["totals"])
            + f'</div><p class="small">"before": the {r["window"]["days"]} days before the window. Deaths sum each '
              f'event\'s best figure; events without a figure add nothing. "{UNKNOWN_AREA}": no admin-1 area was '
              'resolved for the event\'s place.</p>')


def _card(c: dict[str, Any]) -> str:
    where = ", ".join(_t(x) for x in (c.get("place"), c.get("admin1"), c.get("country")) if x)
    what = _t(c.get("type")) + (f" — {_t(c['subtype'])}" if c.get("subtype") else "")
    statuses = ", ".join(f"{_t(s)} ×{n}" for s, n in sorted(c["statuses"].items()))
    sure = f"{c['confidence']:.2f}" if c.get("confidence") is not None else "not given"
    disputed = '<span class="badge up">DISPUTED</span>' if c["disputed"] else ""
    civilians = '<span class="badge">CIVILIANS TARGETED</span>' if c["civilians"] else ""
    disputes = "".join(f'<p class="small up">Disputed {_t(d.get("field"))}: '
                       + "; ".join(f"{_t(v)} ({_t(doc)})" for v, doc in d.get("values", [])) + "</p>"
                       for d in c["disputes"] if isinstance(d, dict))
    sources = "".join(f'<li>{_source(s)}' + (f'<blockquote>{_t(s["sentence"])}</blockquote>' if s.get("sentence") else "")
                      + "</li>" for s in c["sources"])
    return (f'<article class="card{" disputed" if c["disputed"] else ""}"><h3>{_span(c["date_start"], c["date_end"])} · '
            f'{where or "place not known"}{disputed}{civilians}</h3>'
            f'<dl class="facts"><dt>What</dt><dd>{what}</dd>'
            f'<dt>Who</dt><dd>{_t(c.get("actor1") or "not named")} → {_t(c.get("actor2") or "not named")}</dd>'
            f'<dt>Deaths</dt><dd>{_deaths(c["deaths"])}</dd></dl>'
            f'<dl class="facts"><dt>How sure</dt><dd>{c["independent_sources"]} independent source(s), {c["reports"]} '
            f'report(s); status {statuses or "not known"}; extraction confidence {sure}</dd>'
            f'<dt>Event</dt><dd class="id">{_t(c["id"])}</dd></dl>{disputes}'
            f'<ol class="sources">{sources}</ol></article>')


def _notable(r: dict[str, Any]) -> str:
    items = r["notable"]["items"]
    cards = "".join(_card(c) for c in items) or '<p class="note">No events in the window.</p>'
    return f'<h2>Notable events</h2><p class="small">The {len(items)} events {_t(r["notable"]["rule"])}.</p>{cards}'


def _state(s: dict[str, Any] | None) -> str:
    if s is None:
        return '<span class="small">nothing recent known</span>'
    who = _t(s.get("holder") or "no holder known")
    if s["status"] == "contested":
        who = "contested: " + _t(", ".join(s.get("contenders") or []) or "fighting reported")
    return f'{who} <span class="small">(since {_day(s.get("since"))}, confidence {s["confidence"]:.2f})</span>'


def _statements(sources: list[dict[str, Any]]) -> str:
    return "<br>".join(f'{_t(s.get("status"))} by {_t(s.get("actor") or "?")}, {_day(s.get("date"))}: {_source(s)}'
                       for s in sources)


def _control(r: dict[str, Any]) -> str:
    c = r["control"]
    out = [f'<h2>Control</h2><p class="small">Who held each place the store has control statements about, on '
           f'{_day(c["start"])} (the day before the window) and on {_day(c["end"])}: {c["places_known_start"]} and '
           f'{c["places_known_end"]} places known; statements older than a year do not count.</p>']
    if c["changes"]:
        rows = "".join(f'<tr><td>{_t(x["place"])}<br><span class="small">{_t(x.get("admin1") or "")}</span></td>'
                       f'<td>{_state(x["before"])}</td><td>{_state(x["after"])}</td>'
                       f'<td class="small">{_statements(x["sources"])}</td></tr>' for x in c["changes"])
        out.append('<h3>Changes</h3><table class="long"><thead><tr><th>place</th><th>before</th><th>after</th>'
                   f'<th>on whose word</th></tr></thead><tbody>{rows}</tbody></table>')
    else:
        out.append(f'<p>No change of control reported between {_day(c["start"])} and {_day(c["end"])}.</p>')
    if c["contested"]:
        rows = "".join(f'<tr><td>{_t(x["place"])}</td><td>{_t(", ".join(x["contenders"]) or "fighting reported")}</td>'
                       f'<td class="small">{_statements(x["sources"])}</td></tr>' for x in c["contested"])
        out.append('<h3>Contested at the end of the window</h3><table class="long"><thead><tr><th>place</th>'
                   f'<th>contenders</th><th>on whose word</th></tr></thead><tbody>{rows}</tbody></table>')
    held = [h for h in c["holdings_end"] if h["status"] == "held"]
    if held:
        rows = "".join(f'<tr><td>{_t(h["place"])}</td><td>{_t(h.get("admin1") or "")}</td><td>{_t(h["holder"])}</td>'
                       f'<td class="num">{h["confidence"]:.2f}</td><td class="small">{_statements(h["sources"][-1:])}</td></tr>'
                       for h in held[:HOLDINGS_SHOWN])
        more = f'<p class="small">and {len(held) - HOLDINGS_SHOWN} more held places.</p>' if len(held) > HOLDINGS_SHOWN else ""
        out.append(f'<h3>Held on {_day(c["end"])}</h3><table class="long"><thead><tr><th>place</th><th>area</th>'
                   f'<th>holder</th><th class="num">conf.</th><th>latest statement</th></tr></thead><tbody>{rows}</tbody>'
                   f'</table>{more}')
    return "".join(out)


def _question(q: dict[str, Any]) -> str:
    """One open event as a table row: what and where, the leaders with posterior (prior), the sensitivity."""
    e = q["event"]
    where = ", ".join(_t(x) for x in (e.get("place_name"), e.get("admin1")) if x) or "place not known"
    leaders = "<br>".join(f'{_t(h["name"])} <b>{h["posterior"]:.0%}</b> <span class="small">(prior {h["prior"]:.0%}; '
                          f'{_t(", ".join(h["reasons"]) or "the rest")})</span>' for h in q["hypotheses"])
    docs = ", ".join(_t(d) for d in q["evidence_documents"])
    return (f'<tr><td>{_day(e.get("date_start"))}<br>{where}<br><span class="small">{_t(e.get("subtype") or e.get("type"))}'
            f'</span><br><span class="id">{_t(e.get("id"))}</span></td><td>{leaders}</td>'
            f'<td class="small">{_t(q["sensitivity"])}. {q["evidence_items"]} evidence item(s)'
            f'{f" from doc {docs}" if docs else ""}.</td></tr>')


def _questions(r: dict[str, Any]) -> str:
    a = r["attribution"]
    if not a["total"]:
        return '<h2>Open attribution questions</h2><p>No violent event in the window has an open perpetrator.</p>'
    return (f'<h2>Open attribution questions</h2><p class="small">{a["total"]} violent events in the window have no '
            f'perpetrator named, a generic one, reports that disagree, or claims that name or deny someone; the '
            f'{a["shown"]} most recent are weighed here ({_t(a["stage"])}). Posteriors are the analysis of competing '
            'hypotheses over the event-history prior and the claims; with no evidence items the lead is the '
            'history alone, not a finding. The whole matrix of one event: <code>fogmap attribute EVENT_ID</code>.</p>'
            '<table class="long questions"><thead><tr><th>event</th><th>leading hypotheses: posterior (prior; why on the table)'
            '</th><th>what the lead hangs on</th></tr></thead><tbody>'
            + "".join(_question(q) for q in a["items"]) + "</tbody></table>")


def _about(r: dict[str, Any]) -> str:
    return ('<h2>How to read this</h2><ul class="about">'
            '<li><b>Events</b> are canonical: the reports of one event in several documents are fused into one, so '
            'every table adds up to the number of events. An event counts in the window when its dates overlap it.</li>'
            '<li><b>Sources</b>: each event lists the documents it was read from (outlet, title, date, link, doc id) '
            'and the sentence; <b>independent sources</b> counts distinct outlets (an outlet\'s re-posts and '
            'copies count once; outlets of one owner are not merged). One source is a lead to check, not a '
            'confirmation.</li>'
            '<li><b>Status</b>: asserted (the text says it happened), reported (attributed to someone), claimed '
            '(someone claims it), denied. <b>Extraction confidence</b> (0–1) is how sure the rules were in reading '
            'the sentence, not whether the event is true. <b>Disputed</b>: reports disagree on deaths or actors; '
            'every side is listed.</li>'
            '<li><b>Deaths</b>: best is the median of the reports\' best figures, range the lowest and highest any '
            'report gives.</li>'
            '<li><b>Control</b> is folded from statements in the text ("captured", "controls", "lost"); two sources '
            'naming different holders within 30 days leave a place contested.</li>'
            f'<li>Stages that made these records: {_t(", ".join(r["stages"]))}.</li></ul>')


def render_html(report: dict[str, Any]) -> str:
    """The whole page for a report as ``gather`` returns it."""
    has_events = bool(report["totals"]["events"])
    sections = [_header(report)]
    if not has_events:
        sections.append(_empty(report))
    sections += [_figures(report), _map(report)]
    if has_events:
        sections += [_counts(report), _notable(report)]
    sections += [_control(report), _questions(report), _about(report)]
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            # no script, no fetch: the page is one file and carries nothing that runs
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            'img-src data:">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{_t(report["title"])}, {_t(report["window"]["since"])} to {_t(report["window"]["until"])}</title>'
            f'<style>{CSS}</style></head><body>{"".join(sections)}</body></html>\n')
