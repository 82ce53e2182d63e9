"""The actor network as GraphML or GEXF for Gephi: actors as nodes, relations as directed edges
weighted by how many documents state them, with kind, first and last dates and sources as attributes."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

EDGE_ATTRIBUTES = (("kind", "string"), ("first", "string"), ("last", "string"), ("documents", "int"),
                   ("statements", "int"), ("confidence", "double"), ("sources", "string"))


def _nodes(rows: list[dict[str, Any]]) -> dict[str, str]:
    """node id (the actor's key) -> label (its words as first seen)."""
    nodes: dict[str, str] = {}
    for r in rows:
        nodes.setdefault(r["a_key"], r["actor_a"])
        nodes.setdefault(r["b_key"], r["actor_b"])
    return nodes


def _value(row: dict[str, Any], name: str) -> str:
    value = row[name]
    return "/".join(value) if isinstance(value, list) else str(value)


def graphml(rows: list[dict[str, Any]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
             '  <key id="label" for="node" attr.name="label" attr.type="string"/>']
    lines += [f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>' for name, kind in EDGE_ATTRIBUTES]
    lines.append('  <graph id="fogmap-actors" edgedefault="directed">')
    for node, label in _nodes(rows).items():
        lines.append(f'    <node id={quoteattr(node)}><data key="label">{escape(label)}</data></node>')
    for i, r in enumerate(rows):
        data = "".join(f'<data key="{name}">{escape(_value(r, name))}</data>' for name, _ in EDGE_ATTRIBUTES)
        lines.append(f'    <edge id="e{i}" source={quoteattr(r["a_key"])} target={quoteattr(r["b_key"])}>{data}</edge>')
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def gexf(rows: list[dict[str, Any]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
             '  <graph defaultedgetype="directed">',
             '    <attributes class="edge">']
    lines += [f'      <attribute id="{name}" title="{name}" type="{"integer" if kind == "int" else kind}"/>'
              for name, kind in EDGE_ATTRIBUTES]
    lines += ["    </attributes>", "    <nodes>"]
    lines += [f"      <node id={quoteattr(node)} label={quoteattr(label)}/>" for node, label in _nodes(rows).items()]
    lines += ["    </nodes>", "    <edges>"]
    for i, r in enumerate(rows):
        values = "".join(f"<attvalue for=\"{name}\" value={quoteattr(_value(r, name))}/>" for name, _ in EDGE_ATTRIBUTES)
        lines.append(f'      <edge id="e{i}" source={quoteattr(r["a_key"])} target={quoteattr(r["b_key"])} '
                     f'label={quoteattr(r["kind"])} weight="{r["documents"]}"><attvalues>{values}</attvalues></edge>')
    lines += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(lines)
