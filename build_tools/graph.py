"""Phase 4, render (the graph half): relations as static SVG, laid out deterministically, every node a link."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from build_tools.actor_schema import RELATION_LABELS, TYPE_LABELS
from build_tools.registry import Actor, Registry, Relation
from build_tools.render import escape_inline, front_matter

# The whole network shows the best-connected actors only: a larger drawing is unreadable, and
# the force layout costs the square of the node count.
MAX_NODES = 80
_ITERATIONS = 120


@dataclass(frozen=True)
class Placed:
    """A node with its position in the drawing."""

    actor: Actor
    """Who the node is."""
    x: float
    """Horizontal centre."""
    y: float
    """Vertical centre."""


def _edges(registry: Registry) -> list[Relation]:
    return [r for actor in registry.actors.values() for r in actor.relations if r.target in registry.actors and r.target != r.source_actor]


def _force_layout(ids: Sequence[str], edges: Sequence[tuple[str, str]], width: float, height: float) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a fixed circular start: the same graph always gets the same picture."""
    count = len(ids)
    if count == 0:
        return {}
    if count == 1:
        return {ids[0]: (width / 2, height / 2)}
    position = {
        node: [width / 2 + width / 3 * math.cos(2 * math.pi * i / count), height / 2 + height / 3 * math.sin(2 * math.pi * i / count)]
        for i, node in enumerate(ids)
    }
    ideal = math.sqrt(width * height / count) * 0.75
    temperature = width / 8
    for _ in range(_ITERATIONS):
        shift = {node: [0.0, 0.0] for node in ids}
        for i, a in enumerate(ids):
            ax, ay = position[a]
            for b in ids[i + 1 :]:
                dx, dy = ax - position[b][0], ay - position[b][1]
                distance = max(math.hypot(dx, dy), 0.01)
                force = ideal * ideal / distance
                shift[a][0] += dx / distance * force
                shift[a][1] += dy / distance * force
                shift[b][0] -= dx / distance * force
                shift[b][1] -= dy / distance * force
        for a, b in edges:
            dx, dy = position[a][0] - position[b][0], position[a][1] - position[b][1]
            distance = max(math.hypot(dx, dy), 0.01)
            force = distance * distance / ideal
            shift[a][0] -= dx / distance * force
            shift[a][1] -= dy / distance * force
            shift[b][0] += dx / distance * force
            shift[b][1] += dy / distance * force
        for node in ids:
            # A pull towards the centre keeps unconnected actors from drifting to the edges.
            shift[node][0] -= (position[node][0] - width / 2) * 0.05 * ideal / 10
            shift[node][1] -= (position[node][1] - height / 2) * 0.05 * ideal / 10
            dx, dy = shift[node]
            length = max(math.hypot(dx, dy), 0.01)
            step = min(length, temperature)
            position[node][0] += dx / length * step
            position[node][1] += dy / length * step
        temperature *= 0.95
    # Scale the result into the drawing, leaving room for labels.
    xs, ys = [p[0] for p in position.values()], [p[1] for p in position.values()]
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    for node in ids:
        position[node][0] = 90 + (position[node][0] - min(xs)) / span_x * (width - 180)
        position[node][1] = 30 + (position[node][1] - min(ys)) / span_y * (height - 60)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in position.items()}


def _node(placed: Placed, href: str, central: bool = False) -> str:
    # xlink:href, not href: Material's instant navigation rewrites every `[href]` element's
    # href property, which is read-only on SVG links, and throws. The <title> names the link;
    # an aria-label would not match a shortened visible label.
    actor = placed.actor
    label = escape(actor.name if len(actor.name) <= 28 else actor.name[:26] + "…")
    radius = 11 if central else 7
    tooltip = escape(f"{actor.name} ({TYPE_LABELS[actor.type].lower()})")
    return (
        f'<a xlink:href="{escape(href)}" class="graph-node"><title>{tooltip}</title>'
        f'<circle cx="{placed.x}" cy="{placed.y}" r="{radius}" class="graph-type-{actor.type}"/>'
        f'<text x="{placed.x}" y="{round(placed.y + radius + 12, 1)}" text-anchor="middle">{label}</text></a>'
    )


def _edge(a: Placed, b: Placed, label: str | None) -> str:
    line = f'<line x1="{a.x}" y1="{a.y}" x2="{b.x}" y2="{b.y}" class="graph-edge"/>'
    if not label:
        return line
    mx, my = round((a.x + b.x) / 2, 1), round((a.y + b.y) / 2 - 3, 1)
    return line + f'<text x="{mx}" y="{my}" text-anchor="middle" class="graph-edge-label">{escape(label)}</text>'


def _svg(title: str, description: str, width: int, height: int, body: Sequence[str], svg_id: str) -> str:
    return (
        f'<svg class="relations-graph" viewBox="0 0 {width} {height}" role="group" aria-labelledby="{svg_id}-title {svg_id}-desc" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<title id="{svg_id}-title">{escape(title)}</title><desc id="{svg_id}-desc">{escape(description)}</desc>{"".join(body)}</svg>'
    )


def whole_network_svg(registry: Registry, href_prefix: str) -> tuple[str, int]:
    """The relations network of the best-connected actors; returns the SVG and how many actors it shows."""
    edges = _edges(registry)
    degree: dict[str, int] = defaultdict(int)
    for relation in edges:
        degree[relation.source_actor] += 1
        degree[relation.target] += 1
    shown = sorted(sorted(degree), key=lambda a: -degree[a])[:MAX_NODES]
    shown_set = set(shown)
    pairs = sorted({(r.source_actor, r.target) for r in edges if r.source_actor in shown_set and r.target in shown_set})
    width, height = 900, max(560, int(100 * math.sqrt(len(shown) + 1)))
    positions = _force_layout(sorted(shown), pairs, width, height)
    placed = {a: Placed(registry.actors[a], *positions[a]) for a in shown}
    body = [_edge(placed[a], placed[b], None) for a, b in pairs]
    body += [_node(placed[a], f"{href_prefix}{a}/") for a in sorted(shown)]
    description = f"{len(shown)} actors and {len(pairs)} relations between them. Each circle is a link to the actor's page; the list below the drawing gives the same relations as text."
    return _svg("Relations between actors", description, width, height, body, "network"), len(shown)


def ego_network_svg(registry: Registry, actor: Actor, inverse: Sequence[Relation]) -> str | None:
    """The actor in the middle, every actor it is related to around it, each edge labelled."""
    neighbours: list[tuple[str, str]] = []
    for relation in actor.relations:
        if relation.target in registry.actors and relation.target != actor.id:
            neighbours.append((relation.target, RELATION_LABELS[relation.type][0]))
    for relation in inverse:
        neighbours.append((relation.source_actor, RELATION_LABELS[relation.type][1]))
    if not neighbours:
        return None
    by_neighbour: dict[str, list[str]] = defaultdict(list)
    for other, label in neighbours:
        by_neighbour[other].append(label)
    others = sorted(by_neighbour, key=lambda o: (registry.actors[o].name.casefold(), o))
    # Few neighbours fit a short drawing; the centre label sits below its node, clear of the edges.
    width = 640
    height = 240 if len(others) <= 2 else 420 if len(others) <= 8 else 560
    cx, cy, radius = width / 2, height / 2, min(width / 2 - 110, height / 2 - 40)
    centre = Placed(actor, cx, cy)
    body: list[str] = []
    placed: list[Placed] = []
    for index, other in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * index / len(others)
        placed.append(Placed(registry.actors[other], round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)))
    for node in placed:
        body.append(_edge(centre, node, "; ".join(by_neighbour[node.actor.id]).lower()))
    body += [_node(node, f"../{node.actor.id}/") for node in placed]
    body.append(_node(centre, "./", central=True))
    description = (
        f"{actor.name} and the {len(others)} actors it is related to: "
        + "; ".join(f"{'; '.join(by_neighbour[o]).lower()} {registry.actors[o].name}" for o in others)
        + "."
    )
    return _svg(f"Relations of {actor.name}", description, width, height, body, f"ego-{actor.id}")


def render_graph_page(registry: Registry) -> str:
    """`graph/index.md`: the whole network, then every relation as text."""
    out = [front_matter({"title": "Relations graph"}), "", "# Relations graph", ""]
    edges = _edges(registry)
    if not edges:
        return "\n".join([*out, "No relations between actors yet: add `relations:` to actor files.", ""])
    svg, shown = whole_network_svg(registry, "../actors/")
    note = f" It shows the {shown} actors with the most relations." if shown < len({r.source_actor for r in edges} | {r.target for r in edges}) else ""
    out += [f"Who backs, leads, contains or opposes whom, as the actor files record it.{note} Select a circle to open the actor's page.", ""]
    out += ['<div class="relations-graph-wrapper">', svg, "</div>", ""]
    legend = sorted({registry.actors[a].type for r in edges for a in (r.source_actor, r.target)}, key=lambda t: TYPE_LABELS[t])
    out += ['<ul class="graph-legend">', *[f'<li><span class="graph-swatch graph-type-{t}"></span>{escape(TYPE_LABELS[t])}</li>' for t in legend], "</ul>", ""]
    out += ["## All relations", ""]
    for relation in sorted(edges, key=lambda r: (registry.actors[r.source_actor].name.casefold(), r.type, r.target)):
        source, target = registry.actors[relation.source_actor], registry.actors[relation.target]
        out.append(
            f"- [{escape_inline(source.name)}](../actors/{source.id}.md) — {RELATION_LABELS[relation.type][0].lower()} — [{escape_inline(target.name)}](../actors/{target.id}.md)"
        )
    return "\n".join(out).rstrip("\n") + "\n"
