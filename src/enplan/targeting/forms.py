"""Forms for finding the citizens. They validate input and offer only the user's own
municipality's choices; views hand `cleaned_data` to a service."""

import csv
import io

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.core import cpr
from enplan.core.forms import DateInput, PlausibleDateField
from enplan.organisation.forms import GroupedDepartmentField
from enplan.organisation.models import Area, Department
from enplan.plans.forms import NewMemberFormSet
from enplan.plans.models import ConsentMethod, PlanKind
from enplan.targeting.models import Nomination
from enplan.targeting.services import Person


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NominationForm(forms.Form):
    cpr = forms.CharField(
        label=_("CPR number"),
        max_length=11,
        help_text=_("DDMMYY-SSSS"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    whole_household = forms.BooleanField(
        label=_("The whole household needs one plan"),
        required=False,
        help_text=_("Tick if the family, not only this citizen, needs one plan."),
    )
    reason = forms.CharField(
        label=_("Why would one plan help?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "In plain words, a few lines: what the citizen wants, and why many departments "
            "make it hard. Speak of wishes and resources, not diagnoses."
        ),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Which areas are involved?"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"] = GroupedDepartmentField(
            municipality, label=_("Nominating department")
        )
        self.order_fields(["cpr", "first_name", "last_name", "whole_household", "department"])
        self.fields["areas"].queryset = Area.objects.filter(municipality=municipality)

    def clean_cpr(self):
        return cpr.parse(self.cleaned_data["cpr"]).formatted


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept and invite the citizen")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decline. The nominating professional sees it."),
    )


class MergeForm(VersionedForm):
    into = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Nomination.objects.none(), empty_label=None
    )

    def __init__(self, *args, candidates, **kwargs):
        # Shown beside the decision form, whose version field would otherwise share its id.
        kwargs.setdefault("auto_id", "id_merge_%s")
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = candidates
        self.fields["into"].label_from_instance = lambda n: (
            f"{n.full_name} ({n.masked_cpr}), {n.nominator_name}, "
            f"{timezone.localtime(n.created_at):%d.%m.%Y}"
        )


class InvitationDeclineForm(VersionedForm):
    answered_on = PlausibleDateField(
        label=_("Answered on"), widget=DateInput, initial=timezone.localdate
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        help_text=_("Optional. The citizen's own words, if they want them written down."),
    )


class InvitationAcceptForm(VersionedForm):
    kind = forms.ChoiceField(
        label=_("The plan is for"), choices=PlanKind.choices, widget=forms.RadioSelect
    )
    given_on = PlausibleDateField(label=_("Consent given on"), widget=DateInput)
    method = forms.ChoiceField(label=_("How"), choices=ConsentMethod.choices)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Whole areas"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every department in these areas."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(
            municipality=municipality
        ).select_related("area")
        self.fields["areas"].queryset = Area.objects.filter(municipality=municipality)
        self.fields["given_on"].initial = timezone.localdate()

    def clean_given_on(self):
        value = self.cleaned_data["given_on"]
        if value > timezone.localdate():
            raise ValidationError(_("Consent cannot be dated in the future."))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("departments") and not data.get("areas"):
            raise ValidationError(_("Choose at least one department or area the consent covers."))
        return data


def member_formset(data=None, *, initial):
    return NewMemberFormSet(data, prefix="members", initial=initial)


class ExtractUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Extract"),
        help_text=_(
            "CSV (UTF-8) or Parquet with the columns person,household,indicator,value, "
            "pseudonymised with the pseudonymise command."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ENPLAN_TARGETING_MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            raise ValidationError(
                _("The file is larger than %(limit)d MB. Split it, or ask for a larger limit.")
                % {"limit": limit}
            )
        return upload


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000)


class ReidentifyForm(forms.Form):
    key = forms.CharField(
        label=_("Pseudonymisation key"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("Used for this re-identification only; never stored."),
    )
    mapping = forms.FileField(
        label=_("Or upload the department's list"),
        required=False,
        help_text=_("CSV (UTF-8) with the columns cpr,first_name,last_name."),
    )

    def __init__(self, *args, members: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for n in range(members):
            self.fields[f"cpr_{n}"] = forms.CharField(
                label=_("CPR number"),
                required=False,
                max_length=11,
                widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
            )
            self.fields[f"first_name_{n}"] = forms.CharField(
                label=_("First name"), required=False, max_length=100
            )
            self.fields[f"last_name_{n}"] = forms.CharField(
                label=_("Last name"), required=False, max_length=100
            )

    def rows(self):
        return [
            (self[f"cpr_{n}"], self[f"first_name_{n}"], self[f"last_name_{n}"])
            for n in range(self.members)
        ]

    def clean(self):
        data = super().clean()
        people = [
            Person(
                cpr=data.get(f"cpr_{n}", ""),
                first_name=data.get(f"first_name_{n}", ""),
                last_name=data.get(f"last_name_{n}", ""),
            )
            for n in range(self.members)
            if data.get(f"cpr_{n}")
        ]
        mapping = data.get("mapping")
        if mapping:
            people += _read_mapping(mapping)
        if not people:
            raise ValidationError(_("Enter the CPR numbers, or upload the department's list."))
        data["people"] = people
        return data


def _read_mapping(upload) -> list[Person]:
    """The department's list of CPR numbers and names. Rows that do not belong to the
    candidate are discarded by the service without being stored."""
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The list is not in UTF-8.")) from None
    sample = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if ";" in sample else ",")
    fields = {name.strip().lower() for name in reader.fieldnames or []}
    if not {"cpr", "first_name", "last_name"} <= fields:
        raise ValidationError(_("The list must have the columns cpr,first_name,last_name."))
    people = []
    for row in reader:
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        people.append(Person(row["cpr"], row["first_name"], row["last_name"]))
    return people
