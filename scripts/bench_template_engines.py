"""Benchmark: the same markup rendered by Django's template engine and by Jinja2.

The caseload's table body (`plans/caseload.html`: 50 rows, each with a link, a badge or
two, a date label and numbers, the labels translated once for the table) written once for
each engine, with autoescaping on in both, rendered from the same rows. This measures the
engines alone, without the database, the middleware or the rest of the page, to see how
much of a page's template time another engine could save (docs/benchmarks.md).

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

DJANGO_ROWS = """{% for row in rows %}
<tr>
<th scope="row"><a href="{{ row.url }}">{{ row.plan.title }}</a>
<span class="muted small">{{ row.kind_label }}</span>{% if row.plan.status == "closed" %} <span class="badge">{{ closed_badge }}</span>{% endif %}</th>
<td data-label="{{ role_label }}">{% if row.is_coordinator %}<span class="badge badge--coordinator">{{ coordinator_badge }}</span>{% else %}{{ network_label }}{% endif %}</td>
<td data-label="{{ review_heading }}">{% if row.review_label %}{{ row.review_label }}{% if row.review_is_due %} <span class="badge badge--warning">{{ soon_badge }}</span>{% endif %}{% else %}<span class="muted">{{ not_set }}</span>{% endif %}</td>
<td class="numeric" data-label="{{ interventions_label }}">{{ row.active_interventions }}</td>
<td class="numeric" data-label="{{ quiet_label }}">{% if row.days_since_last_entry is None %}<span class="muted">{{ no_entries }}</span>{% else %}{{ row.days_since_last_entry }}{% endif %}</td>
</tr>
{% endfor %}"""  # noqa: E501

JINJA_ROWS = """{% for row in rows %}
<tr>
<th scope="row"><a href="{{ row.url }}">{{ row.plan.title }}</a>
<span class="muted small">{{ row.kind_label }}</span>{% if row.plan.status == "closed" %} <span class="badge">{{ closed_badge }}</span>{% endif %}</th>
<td data-label="{{ role_label }}">{% if row.is_coordinator %}<span class="badge badge--coordinator">{{ coordinator_badge }}</span>{% else %}{{ network_label }}{% endif %}</td>
<td data-label="{{ review_heading }}">{% if row.review_label %}{{ row.review_label }}{% if row.review_is_due %} <span class="badge badge--warning">{{ soon_badge }}</span>{% endif %}{% else %}<span class="muted">{{ not_set }}</span>{% endif %}</td>
<td class="numeric" data-label="{{ interventions_label }}">{{ row.active_interventions }}</td>
<td class="numeric" data-label="{{ quiet_label }}">{% if row.days_since_last_entry is none %}<span class="muted">{{ no_entries }}</span>{% else %}{{ row.days_since_last_entry }}{% endif %}</td>
</tr>
{% endfor %}"""  # noqa: E501


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
    django_template = engines["django"].from_string(DJANGO_ROWS)
    jinja_template = jinja2.Environment(autoescape=True).from_string(JINJA_ROWS)
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
