"""Pages composed from the apps' sections, as the demo is composed from the apps' demos.

A page that shows parts owned by several apps (the plan page and the printable plan) does
not import those apps: each app's AppConfig contributes its sections through a hook named
after the page (`plan_sections`, `plan_overview_sections`, `plan_print_sections`), and
the page renders them in their order. An app lower down defines the page and what every
hook receives; the apps above fill it in, so no import runs upwards.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Section:
    key: str  # the section's id on the page, which is also its anchor in the menu
    title: Any  # its name in the page's menu (lazily translated)
    template: str  # renders the section; it sees the page's context and `context`
    order: int
    context: dict = field(default_factory=dict)
    # Reads the section's own context only when the section is shown: the plan's pages
    # list every section in their menu but show one at a time, and a page must not pay
    # the queries of the sections it does not show.
    load: Callable[[], dict] | None = None
    # A section whose full view is a page of its own elsewhere (the network map) links
    # there from the menu instead of getting a section page.
    url: str = ""

    def resolved_context(self) -> dict:
        return {**self.context, **(self.load() if self.load else {})}


def collect(hook: str, **kwargs) -> list[Section]:
    """The sections every installed app contributes through `AppConfig.<hook>(**kwargs)`,
    in their order on the page."""
    sections: list[Section] = []
    for config in apps.get_app_configs():
        contribute = getattr(config, hook, None)
        if contribute is not None:
            sections.extend(contribute(**kwargs))
    return sorted(sections, key=lambda s: s.order)
