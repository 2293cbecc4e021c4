"""Keep a JSON copy of each validated tree, so later runs skip YAML entirely.

Parsing and validating the YAML (and importing PyYAML) costs several times the
interpreter's own start-up. The copy keeps the tree's text and this buyer-guide's
version, and is used only when both match, so an edited tree or a new release is
parsed afresh.
A copy that cannot be read or does not fit is ignored; a copy that cannot be
written is skipped. The cache holds plain JSON data: nothing in it is executed.

Set BUYER_GUIDE_CACHE_DIR to move it, or BUYER_GUIDE_NO_CACHE=1 to turn it off.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from buyer_guide import __version__
from buyer_guide.tree import (
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

_FORMAT = 2


def cache_dir(env: Mapping[str, str] = os.environ) -> Path | None:
    """Return the cache folder, or None when caching is off."""
    if env.get("BUYER_GUIDE_NO_CACHE", "").strip() not in ("", "0"):
        return None
    if env.get("BUYER_GUIDE_CACHE_DIR"):
        return Path(env["BUYER_GUIDE_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "buyer-guide"


def _key(text: str) -> str:
    # A checksum only names the file; load() compares the whole text, so a collision
    # can cost a re-parse but never a wrong tree. (hashlib alone costs ~2 ms to import.)
    import zlib

    stamp = f"{__version__}\0{_FORMAT}\0{text}".encode()
    return f"{zlib.crc32(stamp):08x}{len(stamp):x}"


def load(text: str, origin: str) -> Tree | None:
    """Return the cached tree for ``text``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"tree-{_key(text)}.json").read_text(encoding="utf-8"))
        if data["text"] != text or data["version"] != __version__:
            return None
        return _decode_tree(data["tree"], origin)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def store(tree: Tree, text: str) -> None:
    """Save ``tree`` for later runs; any failure just leaves no copy."""
    folder = cache_dir()
    if folder is None:
        return
    target = folder / f"tree-{_key(text)}.json"
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        payload = {"version": __version__, "text": text, "tree": _encode_tree(tree)}
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _text(t: Text | None) -> dict[str, str] | None:
    return dict(t.values) if t is not None else None


def _encode_tree(tree: Tree) -> dict[str, Any]:
    return {
        "id": tree.id,
        "platform": tree.platform,
        "title": _text(tree.title),
        "languages": list(tree.languages),
        "start": tree.start,
        "disclaimer": _text(tree.disclaimer),
        "sources": [
            [s.id, s.kind, _text(s.title), s.ref, s.confidence, s.url]
            for s in tree.sources.values()
        ],
        "evidence": [[e.id, _text(e.text)] for e in tree.evidence.values()],
        "channels": [
            [
                c.id, c.kind, _text(c.name), _text(c.how), list(c.sources), c.contact, c.url,
                c.always_open, [[h.start, h.end, h.source] for h in c.hours],
                _text(c.prepare), c.unverified,
            ]
            for c in tree.channels.values()
        ],
        "deadlines": [
            [
                d.id, _text(d.title), _text(d.rule), list(d.sources), d.unverified,
                [d.compute.start, d.compute.length, d.compute.unit] if d.compute else None,
                _text(d.after),
            ]
            for d in tree.deadlines.values()
        ],
        "inputs": [[i.id, i.kind, _text(i.text), _text(i.help)] for i in tree.inputs.values()],
        "questions": [
            [
                q.id, q.key, _text(q.text),
                [[o.value, _text(o.label), o.next, _text(o.help)] for o in q.options],
                _text(q.help),
            ]
            for q in tree.questions.values()
        ],
        "outcomes": [
            [
                o.id, _text(o.title), _text(o.summary),
                [
                    [
                        s.id, _text(s.text), list(s.sources), _text(s.where), _text(s.choose),
                        _text(s.warning), list(s.evidence), list(s.channels),
                        list(s.deadlines), s.unverified,
                    ]
                    for s in o.steps
                ],
                [_text(w) for w in o.warnings], o.escalate_to, _text(o.escalate_when),
            ]
            for o in tree.outcomes.values()
        ],
    }  # fmt: skip


def _t(value: dict[str, str] | None) -> Text | None:
    return Text(value) if value is not None else None


def _T(value: dict[str, str]) -> Text:
    return Text(value)


def _decode_tree(d: dict[str, Any], origin: str) -> Tree:
    return Tree(
        1,
        d["id"],
        d["platform"],
        _T(d["title"]),
        tuple(d["languages"]),
        d["start"],
        _T(d["disclaimer"]),
        {s[0]: Source(s[0], s[1], _T(s[2]), s[3], s[4], s[5]) for s in d["sources"]},
        {e[0]: Evidence(e[0], _T(e[1])) for e in d["evidence"]},
        {
            c[0]: Channel(
                c[0], c[1], _T(c[2]), _T(c[3]), tuple(c[4]), c[5], c[6], c[7],
                tuple(Hours(*h) for h in c[8]), _t(c[9]), c[10],
            )
            for c in d["channels"]
        },
        {
            x[0]: Deadline(
                x[0], _T(x[1]), _T(x[2]), tuple(x[3]), x[4],
                Compute(*x[5]) if x[5] is not None else None, _t(x[6]),
            )
            for x in d["deadlines"]
        },
        {
            q[0]: Question(
                q[0], q[1], _T(q[2]),
                tuple(Option(o[0], _T(o[1]), o[2], _t(o[3])) for o in q[3]),
                _t(q[4]),
            )
            for q in d["questions"]
        },
        {
            o[0]: Outcome(
                o[0], _T(o[1]), _T(o[2]),
                tuple(
                    Step(
                        s[0], _T(s[1]), tuple(s[2]), _t(s[3]), _t(s[4]), _t(s[5]),
                        tuple(s[6]), tuple(s[7]), tuple(s[8]), s[9],
                    )
                    for s in o[3]
                ),
                tuple(_T(w) for w in o[4]), o[5], _t(o[6]),
            )
            for o in d["outcomes"]
        },
        {i[0]: Input(i[0], i[1], _T(i[2]), _t(i[3])) for i in d["inputs"]},
        origin=origin,
    )  # fmt: skip
