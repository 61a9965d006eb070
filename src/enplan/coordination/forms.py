"""Forms for rounds. They only validate and offer choices the user may make; services save."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.coordination import access
from enplan.coordination.models import Grouping, ScopeKind
from enplan.coordination.questions import DONT_KNOW, DONT_KNOW_LABEL, SCALE
from enplan.core.forms import DateInput, PlausibleDateField
from enplan.core.models import Role
from enplan.organisation.models import Professional
from enplan.plans.models import Plan


class ProfessionalChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.workplace})" if obj.workplace else obj.name


class RoundCreateForm(forms.Form):
    scope = forms.ChoiceField(label=_("Who is asked"), widget=forms.RadioSelect)
    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("Everyone on the plan's network who can see the plan is asked."),
    )
    team = forms.CharField(
        label=_("Name of the team"),
        max_length=150,
        required=False,
        help_text=_("E.g. 'Dual diagnoses'. Use the same name next time to compare rounds."),
    )
    professionals = ProfessionalChoices(
        label=_("Respondents"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(
        label=_("Name of the round"),
        max_length=150,
        required=False,
        help_text=_("Optional, e.g. 'Start, spring 2026'."),
    )
    grouping = forms.ChoiceField(
        label=_("Workgroups"),
        choices=Grouping.choices,
        initial=Grouping.DEPARTMENT,
        widget=forms.RadioSelect,
        help_text=_("You can adjust the groups before anyone answers."),
    )
    closes_on = PlausibleDateField(label=_("Closes"), widget=DateInput)
    # Shown only once the round turns out to have groups too small to be shown.
    small_groups = forms.ChoiceField(
        label=_("What should happen to the small groups?"),
        choices=[
            ("merge", _("Merge them into one group, Øvrige, before anyone is invited")),
            ("send", _("Invite anyway: their figures will never be shown")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plans = access.plans_for_new_round(user)
        self.fields["plan"].queryset = plans
        self.fields["professionals"].queryset = (
            Professional.objects.filter(
                municipality_id=user.municipality_id,
                is_active=True,
                user__is_active=True,
                user__role=Role.PROFESSIONAL,
            )
            .select_related("department")
            .order_by("name")
        )
        choices = []
        if plans.exists():
            choices.append((ScopeKind.PLAN, ScopeKind.PLAN.label))
        else:
            del self.fields["plan"]
        if access.can_start_team_round(user):
            choices.append((ScopeKind.TEAM, ScopeKind.TEAM.label))
        else:
            del self.fields["team"]
            del self.fields["professionals"]
        self.fields["scope"].choices = choices
        if len(choices) == 1:
            self.fields["scope"].initial = choices[0][0]
        self.fields["closes_on"].initial = timezone.localdate() + timedelta(days=14)

    def clean_closes_on(self):
        value = self.cleaned_data["closes_on"]
        if value < timezone.localdate():
            raise ValidationError(_("The closing date has already passed."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("scope") == ScopeKind.PLAN and not data.get("plan"):
            self.add_error("plan", _("Choose the plan."))
        if data.get("scope") == ScopeKind.TEAM:
            if not data.get("team"):
                self.add_error("team", _("Name the team."))
            if not data.get("professionals"):
                self.add_error("professionals", _("Choose the respondents."))
        return data


class ExtendForm(forms.Form):
    closes_on = PlausibleDateField(label=_("New closing date"), widget=DateInput)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File with answers (CSV or XLSX)"),
        help_text=_(
            "Columns: respondent, respondent_group, about_group, dimension, score. One row "
            'per answer; score 1–5, or empty for "don\'t know".'
        ),
    )


class GroupsForm(forms.Form):
    """A workgroup name for each respondent, and a box to take them out of the round."""

    def __init__(self, *args, respondents, **kwargs):
        super().__init__(*args, **kwargs)
        self.respondents = respondents
        for respondent in respondents:
            self.fields[f"group_{respondent.pk}"] = forms.CharField(
                label=_("Workgroup of %(name)s") % {"name": respondent},
                max_length=150,
                initial=respondent.group.name,
                widget=forms.TextInput(attrs={"list": "workgroup-names", "autocomplete": "off"}),
            )
            self.fields[f"remove_{respondent.pk}"] = forms.BooleanField(
                label=_("Take %(name)s out of the round") % {"name": respondent}, required=False
            )

    def rows(self):
        for respondent in self.respondents:
            yield respondent, self[f"group_{respondent.pk}"], self[f"remove_{respondent.pk}"]

    def assignments(self) -> dict[int, str]:
        return {r.pk: self.cleaned_data[f"group_{r.pk}"] for r in self.respondents}

    def removed(self) -> set[int]:
        return {r.pk for r in self.respondents if self.cleaned_data.get(f"remove_{r.pk}")}


ANSWER_CHOICES = [(str(value), f"{value} {label}") for value, label in SCALE] + [
    (DONT_KNOW, DONT_KNOW_LABEL)
]


class AnswerForm(forms.Form):
    """One question per workgroup and dimension; every field is optional until submitting."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, groups, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.questions = questions
        for group in groups:
            for key, _label, text in questions:
                self.fields[self.field_name(group.pk, key)] = forms.ChoiceField(
                    label=text, choices=ANSWER_CHOICES, required=False, widget=forms.RadioSelect
                )

    @staticmethod
    def field_name(group_id: int, key: str) -> str:
        return f"a_{group_id}_{key}"

    def sections(self):
        for group in self.groups:
            yield (
                group,
                [
                    (key, label, self[self.field_name(group.pk, key)])
                    for key, label, _text in self.questions
                ],
            )

    def answered_groups(self) -> int:
        """How many workgroups have every question answered ("Ved ikke" counts), in what
        was sent or, before that, what is saved: the form's progress."""
        keys = [question[0] for question in self.questions]
        return sum(
            1
            for group in self.groups
            if all(self[self.field_name(group.pk, key)].value() for key in keys)
        )

    def values(self) -> dict[tuple[int, str], int | None]:
        values: dict[tuple[int, str], int | None] = {}
        for group in self.groups:
            for key, _label, _text in self.questions:
                raw = self.cleaned_data.get(self.field_name(group.pk, key))
                if raw == DONT_KNOW:
                    values[(group.pk, key)] = None
                elif raw:
                    values[(group.pk, key)] = int(raw)
        return values

    @classmethod
    def initial_from(cls, answers) -> dict:
        return {
            cls.field_name(about_id, dimension): (DONT_KNOW if score is None else str(score))
            for about_id, dimension, score in answers
        }
