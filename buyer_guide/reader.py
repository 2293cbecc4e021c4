"""Read a tree's YAML into the typed model, checking it as it goes.

Every problem is collected with its line, so ``validate`` can list them all and a
broken file never half-loads. YAML is composed with the safe loader and only its
scalars are read: nothing in a tree file is executed or evaluated. Programs reach
this through ``buyer_guide.loader``, which also keeps the parsed copy in a cache.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from buyer_guide.errors import Problem
from buyer_guide.tree import (
    CHANNEL_KINDS,
    COMPUTE_UNITS,
    CONFIDENCE_LEVELS,
    INPUT_KINDS,
    SCHEMA_VERSION,
    SOURCE_KINDS,
    Channel,
    Compute,
    Deadline,
    Evidence,
    Hours,
    Input,
    Option,
    Outcome,
    Question,
    Source,
    Step,
    Text,
    Tree,
)

# libyaml's composer is several times faster than the pure-Python one; both are safe.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$")

_TOP_REQUIRED = (
    "schema",
    "id",
    "platform",
    "title",
    "languages",
    "start",
    "disclaimer",
    "sources",
    "questions",
    "outcomes",
)
_TOP_OPTIONAL = ("inputs", "evidence", "channels", "deadlines")
_SECTIONS = ("sources", "inputs", "evidence", "channels", "deadlines", "questions", "outcomes")


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        _STR: "a string",
        _INT: "a number",
        "tag:yaml.org,2002:float": "a number",
        _BOOL: "true/false",
        "tag:yaml.org,2002:null": "nothing",
    }.get(node.tag, "a scalar")


class _Reader:
    """Read YAML nodes into model objects, collecting problems instead of stopping."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ()
        self.lines: dict[tuple[str, ...], int] = {}

    def error(self, node: Node | int, message: str) -> None:
        line = node if isinstance(node, int) else node.start_mark.line + 1
        self.problems.append(Problem(self.origin, line, message))

    def fields(
        self,
        node: Node,
        where: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> dict[str, Node] | None:
        """Return the mapping's values by key, reporting unknown, duplicate and missing keys."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{where}: expected a mapping, got {_describe(node)}")
            return None
        allowed = required + optional
        out: dict[str, Node] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                self.error(key_node, f"{where}: keys must be strings")
                continue
            key = key_node.value
            if key in out:
                self.error(key_node, f"{where}: duplicate key '{key}'")
            elif key not in allowed:
                self.error(
                    key_node, f"{where}: unknown key '{key}' (allowed: {', '.join(allowed)})"
                )
            else:
                out[key] = value
        for key in required:
            if key not in out:
                self.error(node, f"{where}: missing key '{key}'")
        return out

    def entries(self, node: Node, where: str) -> Iterator[tuple[str, Node]]:
        """Yield ``(id, value)`` of a mapping keyed by identifiers."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{where}: expected a mapping of ids, got {_describe(node)}")
            return
        seen: set[str] = set()
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or not _ID.match(key):
                self.error(
                    key_node,
                    f"{where}: '{key}' is not a valid id (use lower case letters, digits, _)",
                )
                continue
            if key in seen:
                self.error(key_node, f"{where}: duplicate id '{key}'")
                continue
            seen.add(key)
            yield key, value

    def string(self, node: Node | None, where: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag != _STR:
            self.error(node, f"{where}: expected a string, got {_describe(node)}")
            return None
        if not node.value.strip():
            self.error(node, f"{where}: must not be empty")
            return None
        return str(node.value)

    def ident(self, node: Node | None, where: str) -> str | None:
        value = self.string(node, where)
        if value is not None and node is not None and not _ID.match(value):
            self.error(node, f"{where}: '{value}' is not a valid id")
            return None
        return value

    def choice(self, node: Node | None, where: str, allowed: tuple[str, ...]) -> str | None:
        value = self.string(node, where)
        if value is not None and node is not None and value not in allowed:
            self.error(node, f"{where}: '{value}' is not one of: {', '.join(allowed)}")
            return None
        return value

    def boolean(self, node: Node | None, where: str) -> bool:
        if node is None:
            return False
        if not isinstance(node, ScalarNode) or node.tag != _BOOL:
            self.error(node, f"{where}: expected true or false, got {_describe(node)}")
            return False
        return node.value.lower() in ("true", "yes", "on")

    def ids(self, node: Node | None, where: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, SequenceNode):
            self.error(node, f"{where}: expected a list of ids, got {_describe(node)}")
            return ()
        out = [self.ident(item, f"{where}[{i}]") for i, item in enumerate(node.value)]
        return tuple(v for v in out if v is not None)

    def text(self, node: Node | None, where: str) -> Text | None:
        """Read a string given in every language of the tree."""
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            self.error(
                node,
                f"{where}: expected a text in each language ({', '.join(self.languages)}), "
                f"got {_describe(node)}",
            )
            return None
        values: dict[str, str] = {}
        for key_node, value in node.value:
            lang = key_node.value
            if lang not in self.languages:
                self.error(
                    key_node,
                    f"{where}: unknown language '{lang}' "
                    f"(tree languages: {', '.join(self.languages)})",
                )
                continue
            text = self.string(value, f"{where}.{lang}")
            if text is not None:
                values[lang] = text.strip()
        for lang in self.languages:
            if lang not in values and not any(k.value == lang for k, _ in node.value):
                self.error(node, f"{where}: missing language '{lang}'")
        return Text(values) if len(values) == len(self.languages) else None

    def texts(self, node: Node | None, where: str) -> tuple[Text, ...]:
        if node is None:
            return ()
        if not isinstance(node, SequenceNode):
            self.error(node, f"{where}: expected a list, got {_describe(node)}")
            return ()
        out = [self.text(item, f"{where}[{i}]") for i, item in enumerate(node.value)]
        return tuple(t for t in out if t is not None)


def _read_source(r: _Reader, sid: str, node: Node) -> Source | None:
    where = f"sources.{sid}"
    f = r.fields(node, where, ("kind", "title", "ref", "confidence"), ("url",))
    if f is None:
        return None
    kind = r.choice(f.get("kind"), f"{where}.kind", SOURCE_KINDS)
    title = r.text(f.get("title"), f"{where}.title")
    ref = r.string(f.get("ref"), f"{where}.ref")
    conf = r.choice(f.get("confidence"), f"{where}.confidence", CONFIDENCE_LEVELS)
    url = r.string(f.get("url"), f"{where}.url")
    if kind is None or title is None or ref is None or conf is None:
        return None
    return Source(sid, kind, title, ref, conf, url)


def _read_evidence(r: _Reader, eid: str, node: Node) -> Evidence | None:
    text = r.text(node, f"evidence.{eid}")
    return Evidence(eid, text) if text is not None else None


def _read_hours(r: _Reader, node: Node, where: str) -> Hours | None:
    f = r.fields(node, where, ("time", "source"))
    if f is None:
        return None
    span = r.string(f.get("time"), f"{where}.time")
    source = r.ident(f.get("source"), f"{where}.source")
    if span is None or source is None:
        return None
    match = _HOURS.match(span)
    if match is None or span[:5] >= span[6:]:
        r.error(f["time"], f"{where}.time: '{span}' is not a range like 09:00-21:30")
        return None
    r.lines[("hours-source", where)] = f["source"].start_mark.line + 1
    return Hours(span[:5], span[6:], source)


def _read_channel(r: _Reader, cid: str, node: Node) -> Channel | None:
    where = f"channels.{cid}"
    f = r.fields(
        node,
        where,
        ("kind", "name", "how", "sources"),
        ("contact", "url", "always_open", "hours", "prepare", "unverified"),
    )
    if f is None:
        return None
    kind = r.choice(f.get("kind"), f"{where}.kind", CHANNEL_KINDS)
    name = r.text(f.get("name"), f"{where}.name")
    how = r.text(f.get("how"), f"{where}.how")
    sources = r.ids(f.get("sources"), f"{where}.sources")
    hours: list[Hours] = []
    hours_node = f.get("hours")
    if hours_node is not None:
        if isinstance(hours_node, SequenceNode):
            for i, item in enumerate(hours_node.value):
                h = _read_hours(r, item, f"{where}.hours[{i}]")
                if h is not None:
                    hours.append(h)
        else:
            r.error(hours_node, f"{where}.hours: expected a list, got {_describe(hours_node)}")
    always = r.boolean(f.get("always_open"), f"{where}.always_open")
    if always and hours:
        r.error(node, f"{where}: give either always_open or hours, not both")
    if kind is None or name is None or how is None:
        return None
    return Channel(
        cid,
        kind,
        name,
        how,
        sources,
        contact=r.string(f.get("contact"), f"{where}.contact"),
        url=r.string(f.get("url"), f"{where}.url"),
        always_open=always,
        hours=tuple(hours),
        prepare=r.text(f.get("prepare"), f"{where}.prepare"),
        unverified=r.boolean(f.get("unverified"), f"{where}.unverified"),
    )


def _read_deadline(r: _Reader, did: str, node: Node) -> Deadline | None:
    where = f"deadlines.{did}"
    f = r.fields(node, where, ("title", "rule", "sources"), ("unverified", "compute", "after"))
    if f is None:
        return None
    title = r.text(f.get("title"), f"{where}.title")
    rule = r.text(f.get("rule"), f"{where}.rule")
    sources = r.ids(f.get("sources"), f"{where}.sources")
    unverified = r.boolean(f.get("unverified"), f"{where}.unverified")
    after = r.text(f.get("after"), f"{where}.after")
    compute = _read_compute(r, f["compute"], f"{where}.compute") if "compute" in f else None
    if title is None or rule is None:
        return None
    return Deadline(did, title, rule, sources, unverified, compute, after)


def _read_compute(r: _Reader, node: Node, where: str) -> Compute | None:
    f = r.fields(node, where, ("from",), ("length", "unit"))
    if f is None:
        return None
    start = r.ident(f.get("from"), f"{where}.from")
    if start is not None:
        r.lines[("compute", where)] = f["from"].start_mark.line + 1
    length: int | None = None
    length_node = f.get("length")
    if length_node is not None:
        if (
            not isinstance(length_node, ScalarNode)
            or length_node.tag != _INT
            or int(length_node.value) <= 0
        ):
            r.error(length_node, f"{where}.length: expected a whole number above 0")
        else:
            length = int(length_node.value)
    unit = r.choice(f.get("unit"), f"{where}.unit", COMPUTE_UNITS) if "unit" in f else "days"
    if "unit" in f and length_node is None:
        r.error(node, f"{where}: unit needs a length")
    if start is None or unit is None:
        return None
    return Compute(start, length, unit)


def _read_input(r: _Reader, iid: str, node: Node) -> Input | None:
    where = f"inputs.{iid}"
    f = r.fields(node, where, ("kind", "text"), ("help",))
    if f is None:
        return None
    kind = r.choice(f.get("kind"), f"{where}.kind", INPUT_KINDS)
    text = r.text(f.get("text"), f"{where}.text")
    help_ = r.text(f.get("help"), f"{where}.help")
    if kind is None or text is None:
        return None
    return Input(iid, kind, text, help_)


def _read_question(r: _Reader, qid: str, node: Node) -> Question | None:
    where = f"questions.{qid}"
    f = r.fields(node, where, ("text", "options"), ("key", "help"))
    if f is None:
        return None
    key = r.ident(f.get("key"), f"{where}.key") if "key" in f else qid
    text = r.text(f.get("text"), f"{where}.text")
    help_ = r.text(f.get("help"), f"{where}.help")
    options: list[Option] = []
    opts = f.get("options")
    if opts is not None:
        if not isinstance(opts, SequenceNode) or not opts.value:
            r.error(opts, f"{where}.options: expected a non-empty list of options")
        else:
            seen: set[str] = set()
            for i, item in enumerate(opts.value):
                owhere = f"{where}.options[{i}]"
                of = r.fields(item, owhere, ("value", "label", "next"), ("help",))
                if of is None:
                    continue
                value = r.ident(of.get("value"), f"{owhere}.value")
                label = r.text(of.get("label"), f"{owhere}.label")
                nxt = r.ident(of.get("next"), f"{owhere}.next")
                ohelp = r.text(of.get("help"), f"{owhere}.help")
                if value is not None and value in seen:
                    r.error(of["value"], f"{where}: duplicate option value '{value}'")
                    continue
                if value is None or label is None or nxt is None:
                    continue
                seen.add(value)
                r.lines[("next", qid, value)] = of["next"].start_mark.line + 1
                options.append(Option(value, label, nxt, ohelp))
    if key is None or text is None or not options:
        return None
    return Question(qid, key, text, tuple(options), help_)


_STEP_OPTIONAL = ("where", "choose", "warning", "evidence", "channels", "deadlines", "unverified")


def _read_step(r: _Reader, node: Node, where: str) -> Step | None:
    f = r.fields(node, where, ("id", "text", "sources"), _STEP_OPTIONAL)
    if f is None:
        return None
    sid = r.ident(f.get("id"), f"{where}.id")
    text = r.text(f.get("text"), f"{where}.text")
    sources = r.ids(f.get("sources"), f"{where}.sources")
    if "sources" in f and not sources:
        r.error(f["sources"], f"{where}.sources: a step needs at least one source")
    step_line = node.start_mark.line + 1
    for field_name in ("sources", "evidence", "channels", "deadlines"):
        if field_name in f:
            r.lines[("refs", where, field_name)] = f[field_name].start_mark.line + 1
    r.lines[("step", where)] = step_line
    if sid is None or text is None:
        return None
    return Step(
        sid,
        text,
        sources,
        where=r.text(f.get("where"), f"{where}.where"),
        choose=r.text(f.get("choose"), f"{where}.choose"),
        warning=r.text(f.get("warning"), f"{where}.warning"),
        evidence=r.ids(f.get("evidence"), f"{where}.evidence"),
        channels=r.ids(f.get("channels"), f"{where}.channels"),
        deadlines=r.ids(f.get("deadlines"), f"{where}.deadlines"),
        unverified=r.boolean(f.get("unverified"), f"{where}.unverified"),
    )


def _read_outcome(r: _Reader, oid: str, node: Node) -> Outcome | None:
    where = f"outcomes.{oid}"
    f = r.fields(
        node, where, ("title", "summary", "steps"), ("warnings", "escalate_to", "escalate_when")
    )
    if f is None:
        return None
    title = r.text(f.get("title"), f"{where}.title")
    summary = r.text(f.get("summary"), f"{where}.summary")
    steps: list[Step] = []
    steps_node = f.get("steps")
    if steps_node is not None:
        if not isinstance(steps_node, SequenceNode):
            r.error(steps_node, f"{where}.steps: expected a list, got {_describe(steps_node)}")
        elif not steps_node.value:
            r.error(steps_node, f"{where}: outcome has no steps")
        else:
            seen: set[str] = set()
            for i, item in enumerate(steps_node.value):
                step = _read_step(r, item, f"{where}.steps[{i}]")
                if step is None:
                    continue
                if step.id in seen:
                    r.error(item, f"{where}: duplicate step id '{step.id}'")
                    continue
                seen.add(step.id)
                steps.append(step)
    escalate_to = r.ident(f.get("escalate_to"), f"{where}.escalate_to")
    if escalate_to is not None:
        r.lines[("escalate", oid)] = f["escalate_to"].start_mark.line + 1
    escalate_when = r.text(f.get("escalate_when"), f"{where}.escalate_when")
    if escalate_to is not None and "escalate_when" not in f:
        r.error(node, f"{where}: escalate_to needs escalate_when (what must be true to move up)")
    if title is None or summary is None or not steps:
        return None
    return Outcome(
        oid,
        title,
        summary,
        tuple(steps),
        warnings=r.texts(f.get("warnings"), f"{where}.warnings"),
        escalate_to=escalate_to,
        escalate_when=escalate_when,
    )


def _section(
    r: _Reader, f: dict[str, Node], name: str, read: Any, lines: dict[str, int]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    node = f.get(name)
    if node is None:
        return out
    for key, value in r.entries(node, name):
        lines[key] = value.start_mark.line + 1
        item = read(r, key, value)
        if item is not None:
            out[key] = item
    return out


def _check_refs(
    r: _Reader, tree: Tree, lines: dict[str, dict[str, int]], *, complete: bool
) -> None:
    """Report references to things that do not exist, cycles and unreachable nodes.

    References are checked against every id the file declares, even one whose body
    had problems, so a broken node does not also show up as a missing one. Cycles
    and reachability are checked only on a tree with no other problem.
    """
    declared = {name: set(ids) for name, ids in lines.items()}
    for qid in declared["questions"] & declared["outcomes"]:
        r.error(lines["questions"][qid], f"'{qid}' is both a question and an outcome")
    if ("start",) in r.lines and tree.start not in declared["questions"]:
        r.error(r.lines[("start",)], f"start: '{tree.start}' is not a question")

    for q in tree.questions.values():
        for opt in q.options:
            if opt.next not in declared["questions"] and opt.next not in declared["outcomes"]:
                r.error(
                    r.lines[("next", q.id, opt.value)],
                    f"questions.{q.id}: option '{opt.value}' leads to '{opt.next}', "
                    "which is neither a question nor an outcome",
                )

    for oid, outcome in tree.outcomes.items():
        if outcome.escalate_to is not None and outcome.escalate_to not in declared["outcomes"]:
            r.error(
                r.lines[("escalate", oid)],
                f"outcomes.{oid}.escalate_to: '{outcome.escalate_to}' is not an outcome",
            )
        for i, step in enumerate(outcome.steps):
            where = f"outcomes.{oid}.steps[{i}]"
            for field_name, noun in (
                ("sources", "source"),
                ("evidence", "evidence"),
                ("channels", "channel"),
                ("deadlines", "deadline"),
            ):
                known = declared[field_name]
                for ref in getattr(step, field_name):
                    if ref not in known:
                        r.error(
                            r.lines[("refs", where, field_name)],
                            f"{where}.{field_name}: unknown {noun} id '{ref}'",
                        )

    for kind, items in (("channels", tree.channels), ("deadlines", tree.deadlines)):
        for iid, item in items.items():
            if not item.sources:
                r.error(lines[kind][iid], f"{kind}.{iid}: needs at least one source")
            for ref in item.sources:
                if ref not in declared["sources"]:
                    r.error(lines[kind][iid], f"{kind}.{iid}.sources: unknown source id '{ref}'")
    for did, deadline in tree.deadlines.items():
        compute = deadline.compute
        if compute is not None and compute.start not in declared["inputs"]:
            where = f"deadlines.{did}.compute"
            r.error(
                r.lines[("compute", where)],
                f"{where}.from: '{compute.start}' is not an input "
                f"(inputs: {', '.join(declared['inputs']) or 'none'})",
            )
    clashes = declared["inputs"] & {q.key for q in tree.questions.values()}
    for iid in sorted(clashes):
        r.error(lines["inputs"][iid], f"inputs.{iid}: a question already uses the key '{iid}'")
    for cid, channel in tree.channels.items():
        for i, hours in enumerate(channel.hours):
            if hours.source not in declared["sources"]:
                where = f"channels.{cid}.hours[{i}]"
                r.error(
                    r.lines[("hours-source", where)],
                    f"{where}.source: unknown source id '{hours.source}'",
                )

    if complete and not r.problems:
        _check_cycles(r, tree)
        _check_escalation_cycles(r, tree)
        _check_reachable(r, tree, lines)


def _check_cycles(r: _Reader, tree: Tree) -> None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(qid: str, path: list[str]) -> None:
        state[qid] = 1
        for opt in tree.questions[qid].options:
            nxt = opt.next
            if nxt not in tree.questions:
                continue
            if state.get(nxt) == 1:
                loop = [*path[path.index(nxt) :], nxt]
                if frozenset(loop) not in reported:
                    reported.add(frozenset(loop))
                    r.error(
                        r.lines[("next", qid, opt.value)],
                        f"questions.{qid}: cycle {' -> '.join(loop)}",
                    )
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[qid] = 2

    for qid in tree.questions:
        if qid not in state:
            visit(qid, [qid])


def _check_escalation_cycles(r: _Reader, tree: Tree) -> None:
    reported: set[str] = set()
    for oid in tree.outcomes:
        if oid in reported:
            continue
        seen = [oid]
        current = tree.outcomes[oid].escalate_to
        while current is not None and current in tree.outcomes:
            if current in seen:
                if current == oid:
                    reported.update(seen)
                    loop = " -> ".join([*seen, current])
                    r.error(r.lines[("escalate", oid)], f"outcomes.{oid}: escalation cycle {loop}")
                break
            seen.append(current)
            current = tree.outcomes[current].escalate_to


def _check_reachable(r: _Reader, tree: Tree, lines: dict[str, dict[str, int]]) -> None:
    if tree.start not in tree.questions:
        return
    reached: set[str] = set()
    todo = [tree.start]
    while todo:
        nid = todo.pop()
        if nid in reached:
            continue
        reached.add(nid)
        if nid in tree.questions:
            todo.extend(opt.next for opt in tree.questions[nid].options)
        elif nid in tree.outcomes and tree.outcomes[nid].escalate_to:
            todo.append(tree.outcomes[nid].escalate_to or "")
    for qid in tree.questions:
        if qid not in reached:
            r.error(
                lines["questions"][qid], f"questions.{qid}: no path from '{tree.start}' reaches it"
            )
    for oid in tree.outcomes:
        if oid not in reached:
            r.error(
                lines["outcomes"][oid], f"outcomes.{oid}: no path from '{tree.start}' reaches it"
            )


_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


def _check_tags(r: _Reader, root: Node) -> None:
    """Report explicit tags such as !!python/object: a tree holds plain data only."""
    todo = [root]
    while todo:
        node = todo.pop()
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            r.error(node, f"YAML tag '{tag}' is not allowed: a tree holds plain data only")
        if isinstance(node, MappingNode):
            for key, value in node.value:
                todo.extend((key, value))
        elif isinstance(node, SequenceNode):
            todo.extend(node.value)


def read_tree(text: str, origin: str) -> tuple[Tree | None, list[Problem]]:
    """Parse and validate a tree; return the tree (if valid) and every problem found."""
    r = _Reader(origin)
    try:
        root = yaml.compose(text, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [Problem(origin, line, f"YAML syntax: {problem}")]
    except yaml.YAMLError as exc:
        return None, [Problem(origin, 1, f"YAML syntax: {exc}")]
    if root is None:
        return None, [Problem(origin, 1, "the file is empty")]
    _check_tags(r, root)
    if r.problems:
        return None, r.problems
    f = r.fields(root, "tree", _TOP_REQUIRED, _TOP_OPTIONAL)
    if f is None:
        return None, r.problems
    schema_node = f.get("schema")
    if schema_node is not None:
        if not isinstance(schema_node, ScalarNode) or schema_node.tag != _INT:
            r.error(schema_node, f"schema: expected a number, got {_describe(schema_node)}")
            return None, r.problems
        if int(schema_node.value) != SCHEMA_VERSION:
            r.error(
                schema_node,
                f"schema: version {schema_node.value} is not supported "
                f"(this buyer-guide reads schema {SCHEMA_VERSION})",
            )
            return None, r.problems

    langs_node = f.get("languages")
    langs = tuple(_language_list(r, langs_node))
    if langs_node is not None and not langs:
        r.error(langs_node, "languages: list at least one language, e.g. [zh-Hans, en]")
    r.languages = langs

    tree_id = r.ident(f.get("id"), "id")
    platform = r.ident(f.get("platform"), "platform")
    title = r.text(f.get("title"), "title")
    start = r.ident(f.get("start"), "start")
    if start is not None:
        r.lines[("start",)] = f["start"].start_mark.line + 1
    disclaimer = r.text(f.get("disclaimer"), "disclaimer")

    lines: dict[str, dict[str, int]] = {name: {} for name in _SECTIONS}
    sources = _section(r, f, "sources", _read_source, lines["sources"])
    evidence = _section(r, f, "evidence", _read_evidence, lines["evidence"])
    channels = _section(r, f, "channels", _read_channel, lines["channels"])
    inputs = _section(r, f, "inputs", _read_input, lines["inputs"])
    deadlines = _section(r, f, "deadlines", _read_deadline, lines["deadlines"])
    questions = _section(r, f, "questions", _read_question, lines["questions"])
    outcomes = _section(r, f, "outcomes", _read_outcome, lines["outcomes"])
    if "questions" in f and not lines["questions"] and not r.problems:
        r.error(f["questions"], "questions: the tree has no questions")

    complete = not r.problems and None not in (tree_id, platform, title, start, disclaimer)
    tree = Tree(
        SCHEMA_VERSION,
        tree_id or "",
        platform or "",
        title or Text({}),
        langs,
        start or "",
        disclaimer or Text({}),
        sources,
        evidence,
        channels,
        deadlines,
        questions,
        outcomes,
        inputs,
        origin=origin,
    )
    _check_refs(r, tree, lines, complete=complete and bool(langs))
    if r.problems:
        return None, sorted(r.problems, key=lambda p: p.line)
    return tree, []


def _language_list(r: _Reader, node: Node | None) -> list[str]:
    if node is None:
        return []
    if not isinstance(node, SequenceNode):
        r.error(node, f"languages: expected a list, got {_describe(node)}")
        return []
    out: list[str] = []
    for item in node.value:
        if isinstance(item, ScalarNode) and item.tag == _STR and _LANG.match(item.value):
            if item.value in out:
                r.error(item, f"languages: '{item.value}' is listed twice")
            else:
                out.append(item.value)
        else:
            r.error(item, f"languages: '{getattr(item, 'value', '?')}' is not a language tag")
    return out
