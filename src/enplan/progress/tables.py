"""The steering figures as tables: what the page shows, what each chart draws, and what
every export contains. One pure function per table, so the page and the exports can never
disagree, and a suppressed figure is "<5" everywhere."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from enplan.progress import charts
from enplan.progress.figures import Figure
from enplan.progress.steering import SteeringFigures


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]  # the first names the row labels
    rows: list[tuple[str, list]]  # (label, cells); a cell is a Figure or a plain value

    def text_rows(self) -> list[list[str]]:
        return [[label, *(_text(cell) for cell in cells)] for label, cells in self.rows]

    def export_rows(self) -> list[list]:
        return [[label, *(_export(cell) for cell in cells)] for label, cells in self.rows]


def _text(cell) -> str:
    if isinstance(cell, Figure):
        return cell.text
    return "–" if cell is None else str(cell)


def _export(cell):
    if isinstance(cell, Figure):
        return cell.export_value
    return cell


def _step_label(figures: SteeringFigures, step) -> str:
    if len(figures.models) > 1:
        return f"{step.model.name}: {step}"
    return str(step)


def steps_table(figures: SteeringFigures) -> Table:
    return Table(
        key="steps",
        title=_("Citizens per step"),
        columns=[
            _("Step"),
            _("Time limit (days)"),
            _("Citizens at the end of the period"),
            _("Of them past the time limit"),
            _("Share past the time limit"),
            _("New on the step"),
            _("Moved up to the step"),
            _("Moved down to the step"),
            _("Ended their course from the step"),
            _("Median days on the step"),
        ],
        rows=[
            (
                _step_label(figures, row.step),
                [
                    row.step.max_days,
                    row.on_step,
                    row.overdue,
                    row.overdue_share,
                    row.new_on,
                    row.moved_up_to,
                    row.moved_down_to,
                    row.left_from,
                    row.median_days,
                ],
            )
            for row in figures.steps
        ],
    )


def movements_table(figures: SteeringFigures) -> Table:
    m = figures.movements
    return Table(
        key="movements",
        title=_("Movements on the staircase"),
        columns=[_("Figure"), _("Citizens")],
        rows=[
            (_("On the staircase at the end of the period"), [m.on_staircase]),
            (_("New on the staircase"), [m.new]),
            (_("Moved up"), [m.up]),
            (_("Moved down"), [m.down]),
            (_("Ended their course"), [m.ended]),
            (_("Share past the time limit of their step"), [m.overdue_share]),
        ],
    )


def continuity_table(figures: SteeringFigures) -> Table:
    c = figures.continuity
    return Table(
        key="continuity",
        title=_("Meetings and continuity"),
        columns=[_("Figure"), _("Value")],
        rows=[
            (_("Network meetings held"), [c.meetings_held]),
            (_("Attendance (share of invited who came)"), [c.attendance]),
            (_("Citizens' no-show rate"), [c.citizen_no_show]),
            *(
                (
                    _("Citizens' evaluation (0–10): %(question)s") % {"question": question.label},
                    [figure],
                )
                for question, figure in c.evaluations
            ),
            (_("Interventions started by the agreed date"), [c.started_as_agreed]),
            (_("Professionals per plan (average)"), [c.professionals_per_plan]),
            (_("Professionals per citizen (average)"), [c.professionals_per_citizen]),
            (_("Coordinator changes"), [c.coordinator_changes]),
            (_("Plans with a coordinator change"), [c.plans_with_coordinator_change]),
        ],
    )


def cost_table(figures: SteeringFigures) -> Table:
    rows = [*figures.cost_by_area, figures.cost_total, figures.cost_per_plan]
    return Table(
        key="cost",
        title=_("Annual cost of active interventions (DKK)"),
        columns=[
            _("Area"),
            _("At the start of the plans"),
            _("At the end of the period"),
            _("Difference"),
        ],
        rows=[(row.label, [row.at_start, row.at_end, row.difference]) for row in rows],
    )


def all_tables(figures: SteeringFigures) -> list[Table]:
    return [
        steps_table(figures),
        movements_table(figures),
        continuity_table(figures),
        cost_table(figures),
    ]


TABLE_KEYS = ("steps", "movements", "continuity", "cost")


# Charts drawn from the same figures -----------------------------------------------------


def _bar(figure: Figure):
    # In a chart a suppressed figure is never "<5": beside bars in kroner or per cent it
    # would read as an amount. It is a hatched bar marked "for få" (or "skjult").
    if figure.is_suppressed:
        text = _("too few") if figure.is_small else figure.mark
        return (None, text, True)
    return (figure.rounded, figure.text)


def steps_charts(figures: SteeringFigures) -> list[tuple[object, charts.BarChart]]:
    """One bar chart per step model: citizens on each step at the end of the period."""
    return [
        (
            model,
            charts.bar_chart(
                [(str(row.step), [_bar(row.on_step)]) for row in figures.steps_of(model)]
            ),
        )
        for model in figures.models
        if figures.steps_of(model)
    ]


def movements_chart(figures: SteeringFigures) -> charts.BarChart:
    m = figures.movements
    return charts.bar_chart(
        [
            (_("New on the staircase"), [_bar(m.new)]),
            (_("Moved up"), [_bar(m.up)]),
            (_("Moved down"), [_bar(m.down)]),
            (_("Ended their course"), [_bar(m.ended)]),
        ]
    )


def cost_chart(figures: SteeringFigures) -> charts.BarChart:
    return charts.bar_chart(
        [
            (row.label, [_bar(row.at_start), _bar(row.at_end)])
            for row in [*figures.cost_by_area, figures.cost_total]
        ],
        series=[_("At the start of the plans"), _("At the end of the period")],
    )


def continuity_charts(figures: SteeringFigures) -> tuple[charts.BarChart, charts.BarChart]:
    """The shares (in per cent) and the citizens' evaluations (0–10) as two charts."""
    c = figures.continuity
    shares = charts.bar_chart(
        [
            (_("Attendance"), [_bar(c.attendance)]),
            (_("Citizens' no-shows"), [_bar(c.citizen_no_show)]),
            (_("Started by the agreed date"), [_bar(c.started_as_agreed)]),
            (_("Plans with a coordinator change"), [_bar(c.plans_with_coordinator_change)]),
        ],
        scale_to=100,
    )
    evaluations = charts.bar_chart(
        [(str(question.label), [_bar(figure)]) for question, figure in c.evaluations],
        scale_to=10,
    )
    return shares, evaluations
