"""Benchmark: the same markup rendered by Django's template engine and by Jinja2.

The caseload's table body (`plans/caseload.html`: 50 rows, each with a link, a badge or
two, a date label and numbers, the labels translated once for the table), read from the
template itself, with autoescaping on in both engines, rendered from the same rows. This
measures the engines alone, without the database, the middleware or the rest of the
page, to see how much of a page's template time another engine could save
(docs/benchmarks.md).

    .venv/bin/pip install -r requirements/bench.txt
    .venv/bin/python scripts/bench_template_engines.py [--rows 50] [--runs 2000]

Prints the median microseconds per render of each and their ratio, after checking that
both wrote the same HTML.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")

import django

django.setup()

import jinja2  # noqa: E402
from django.template import engines  # noqa: E402

LABELS = {
    "role_label": "Min rolle",
    "review_heading": "Næste opfølgning",
    "interventions_label": "Aktive indsatser",
    "quiet_label": "Dage siden seneste notat",
    "coordinator_badge": "Koordinator",
    "network_label": "I netværket",
    "soon_badge": "Snart",
    "not_set": "Ikke sat",
    "no_entries": "Ingen notater",
    "closed_badge": "Lukket",
}

CASELOAD = Path(__file__).resolve().parents[1] / "src/enplan/plans/templates/plans/caseload.html"


def table_rows() -> tuple[str, str]:
    """The caseload's loop over its rows, as the template has it, and the same for Jinja2,
    which writes None in lower case; the rest of the markup is the same in both."""
    text = CASELOAD.read_text(encoding="utf-8")
    begin = text.index("{% for row in rows %}")
    end = text.index("{% endfor %}", begin) + len("{% endfor %}")
    for_django = text[begin:end]
    for_jinja = for_django.replace(" is None ", " is none ")
    return for_django, for_jinja


def rows(count: int) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            url=f"/plans/{i}/",
            plan=SimpleNamespace(title=f"Familien Nørgaard & Søn {i}", status="active"),
            kind_label="Husstand" if i % 3 else "Borger",
            is_coordinator=i % 4 == 0,
            review_label=f"{i % 28 + 1:02d}.12.2026" if i % 5 else "",
            review_is_due=i % 7 == 0,
            active_interventions=i % 6,
            days_since_last_entry=None if i % 9 == 0 else i % 40,
        )
        for i in range(count)
    ]


def timed(render, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        render()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1_000_000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    context = {"rows": rows(args.rows), **LABELS}
    for_django, for_jinja = table_rows()
    django_template = engines["django"].from_string(for_django)
    jinja_template = jinja2.Environment(autoescape=True).from_string(for_jinja)
    by_django = django_template.render(context)
    by_jinja = jinja_template.render(context)
    if by_django.split() != by_jinja.split():
        sys.exit("The two templates do not write the same HTML.")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for _ in range(3):  # pairs, so that a busy moment shows in both
        django_us = timed(lambda: django_template.render(context), args.runs)
        jinja_us = timed(lambda: jinja_template.render(context), args.runs)
        print(
            f"{args.rows} rows: Django {django_us:7.1f} µs, Jinja2 {jinja_us:7.1f} µs, "
            f"Django / Jinja2 {django_us / jinja_us:4.1f}"
        )


if __name__ == "__main__":
    main()
