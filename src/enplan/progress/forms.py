"""Forms for registering steps, choosing a plan's model, and filtering the dashboard.
They never save: views hand `cleaned_data` to a service or a selector."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from enplan.core.forms import DateInput, PlausibleDateField
from enplan.organisation.models import StepModel
from enplan.plans.forms import MemberChoiceField
from enplan.plans.models import PlanKind, PlanMember
from enplan.progress.steering import ALL, Period

LEFT_THE_STAIRCASE = "end"


class StepRegistrationForm(forms.Form):
    member = MemberChoiceField(label=_("Citizen"), queryset=PlanMember.objects.none())
    step = forms.ChoiceField(label=_("Step"), widget=forms.RadioSelect)
    entered_on = PlausibleDateField(label=_("Date"), widget=DateInput)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A short reason others can understand, e.g. 'Started internship at Netto'."),
    )

    def __init__(self, *args, plan, members, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = {str(step.pk): step for step in steps}
        self.fields["member"].queryset = PlanMember.objects.filter(
            pk__in=[m.pk for m in members]
        ).select_related("citizen")
        self.fields["step"].choices = [
            *((str(step.pk), str(step)) for step in steps),
            (LEFT_THE_STAIRCASE, _("The course on the staircase has ended")),
        ]
        self.fields["entered_on"].initial = timezone.localdate()
        if plan.kind == PlanKind.CITIZEN and len(members) == 1:
            # One citizen: nothing to choose.
            self.initial["member"] = members[0].pk
            self.fields["member"].widget = forms.HiddenInput()

    def clean_step(self):
        value = self.cleaned_data["step"]
        return None if value == LEFT_THE_STAIRCASE else self.steps[value]


class WithdrawForm(forms.Form):
    """A confirmation: withdrawing is a deliberate second step."""

    confirm = forms.BooleanField(
        label=_("Yes, the registration was a mistake"),
        help_text=_("The audit trail keeps that it was made and who withdrew it."),
    )


class StepModelChoiceForm(forms.Form):
    step_model = forms.ModelChoiceField(
        label=_("Step model"), queryset=StepModel.objects.none(), empty_label=None
    )

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step_model"].queryset = StepModel.objects.filter(
            municipality_id=municipality_id, is_active=True
        )


def last_full_month(today: date) -> Period:
    end = today.replace(day=1) - timedelta(days=1)
    return Period(end.replace(day=1), end)


def quick_periods(today: date) -> list[tuple[str | Promise, Period]]:
    """The periods a steering group usually looks at, newest first."""
    this_month = Period(today.replace(day=1), today)
    previous = last_full_month(today)
    quarter_start = (previous.start - timedelta(days=62)).replace(day=1)
    year_start = (today.replace(day=1) - timedelta(days=335)).replace(day=1)
    return [
        (_("Last month"), previous),
        (_("This month so far"), this_month),
        (_("Last three months"), Period(quarter_start, previous.end)),
        (_("Last twelve months"), Period(year_start, today)),
    ]


class SteeringFilterForm(forms.Form):
    # Every field has a default (last month, all plans), so none is marked as required.
    start = PlausibleDateField(label=_("From"), widget=DateInput, required=False)
    end = PlausibleDateField(label=_("To"), widget=DateInput, required=False)
    group = forms.ChoiceField(
        label=_("Plans"),
        required=False,
        error_messages={"invalid_choice": _("Choose a group from the list.")},
    )

    MAX_DAYS = 5 * 366

    def __init__(self, data, *, choices, today: date):
        default = last_full_month(today)
        merged = {"start": default.start, "end": default.end, "group": ALL}
        merged.update({key: value for key, value in data.items() if value})
        super().__init__(merged)
        self.choices = choices
        self.today = today
        self.fields["group"].choices = choices.as_choices()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                raise ValidationError(_("The period ends before it starts."))
            if start > self.today:
                raise ValidationError(_("The period has not started yet."))
            if (end - start).days > self.MAX_DAYS:
                raise ValidationError(_("Choose a period of at most five years."))
        group = cleaned.get("group")
        if group:
            cleaned["group"] = self.choices.group_for(group)
            if cleaned["group"] is None:
                raise ValidationError({"group": _("Choose a group from the list.")})
        return cleaned

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])
