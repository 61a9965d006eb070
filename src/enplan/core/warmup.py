"""Getting an app server's process ready before its first request.

Django imports the views, builds the URL map, compiles each template and reads each
language's translations the first time a request needs them. On the first request of a
fresh process that is 2–3 s (docs/benchmarks.md), and gunicorn starts fresh processes all
day: it replaces each worker after `max_requests`. `enplan.wsgi` calls `warm_up` when a
worker loads the application, so no caseworker waits for it.

Nothing here touches the database: a worker opens its connection on its first request.
"""

import gc
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_backends
from django.template import engines
from django.template.autoreload import get_template_directories
from django.urls import get_resolver
from django.utils import translation
from django.utils.module_loading import import_string

PROJECT_SOURCE = Path(__file__).resolve().parents[1]


def _project_templates() -> list[str]:
    """The names of Én plan's own templates, as `get_template` knows them."""
    names = []
    for root in sorted(get_template_directories()):
        if PROJECT_SOURCE not in root.parents:
            continue
        names += [path.relative_to(root).as_posix() for path in sorted(root.rglob("*.html"))]
    return names


def warm_up() -> int:
    """Import every view, compile every template of the project into the template cache
    and read every language's translations. Returns how many templates were compiled. A
    template that does not compile stops the worker here, before it serves anyone."""
    get_resolver().reverse_dict  # noqa: B018 - building the URL map imports every view
    # What the settings name and Django imports only when a request first needs it.
    import_string(settings.MESSAGE_STORAGE)
    import_module(settings.SESSION_ENGINE)
    get_backends()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Én plan")
    engine = engines["django"]
    names = _project_templates()
    for name in names:
        engine.get_template(name)
    # What was just built lives as long as the process: collect once now, and leave it out
    # of every later collection, which would otherwise walk it again on some request.
    gc.collect()
    gc.freeze()
    return len(names)
