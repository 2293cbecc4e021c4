"""Write a route's checklist as one self-contained, printable HTML file.

The template environment escapes every value for HTML (jinja2 autoescape); nothing
from a tree or typed by the user is marked safe.
"""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from buyer_guide.render.document import FillIn, clean, context, hours, t
from buyer_guide.render.templates import environment
from buyer_guide.view import View


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


def checklist_html(view: View, given: FillIn | None = None) -> str:
    """Return the route's checklist as an HTML page that prints on one or two A4 sheets."""
    lang = view["lang"]
    env = environment(autoescape=True, finalize=_finalize)
    return env.get_template("checklist.html.j2").render(
        **context(view, given), t=partial(t, lang), hours=partial(hours, lang=lang)
    )
