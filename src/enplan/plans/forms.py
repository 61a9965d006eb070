"""Forms validate input and offer only choices from the user's own plan and municipality.
They never save: views hand `cleaned_data` to a service."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.core import cpr
from enplan.core.forms import (
    DateInput,
    OnceForm,
    PlausibleDateField,
    ServiceModelForm,
    VersionedForm,
)
from enplan.organisation import access as organisation_access
from enplan.organisation.forms import (
    GroupedDepartmentField,
    ProfessionalChoiceField,
    grouped_professionals,
)
from enplan.organisation.models import Area, Department, Legislation, Professional
from enplan.plans.models import (
    Actor,
    ActorKind,
    Consent,
    Goal,
    Intervention,
    LifeArea,
    LogEntry,
    MemberRole,
    Plan,
    PlanKind,
    PlanMember,
    PlanStatus,
)
from enplan.plans.selectors import steps_for_plan
from enplan.plans.services import NEW_EXTERNAL


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.citizen.full_name


class MemberMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.citizen.full_name


class PlanCreateForm(OnceForm):
    kind = forms.ChoiceField(
        label=_("The plan is for"), choices=PlanKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Name of the plan"),
        max_length=150,
        required=False,
        help_text=_("Optional. For a household, e.g. 'Familien Holm'."),
    )
    review_date = PlausibleDateField(label=_("Next review"), required=False, widget=DateInput)

    def clean_review_date(self):
        value = self.cleaned_data["review_date"]
        if value and value < timezone.localdate():
            raise ValidationError(_("The review date has already passed."))
        return value


class NewMemberForm(forms.Form):
    cpr = forms.CharField(
        label=_("CPR number"),
        max_length=11,
        help_text=_("DDMMYY-SSSS"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.PARENT)

    def clean_cpr(self):
        return cpr.parse(self.cleaned_data["cpr"]).formatted

    def has_changed(self):
        # A row is empty when nobody typed a person into it; the role select always has a value.
        return any(self[name].data for name in ("cpr", "first_name", "last_name"))


class BaseNewMemberFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        numbers = [f.cleaned_data["cpr"] for f in self.forms if f.cleaned_data]
        if not numbers:
            raise ValidationError(_("Enter at least one person."))
        if len(set(numbers)) != len(numbers):
            raise ValidationError(_("The same CPR number is entered twice."))


NewMemberFormSet = forms.formset_factory(
    NewMemberForm, formset=BaseNewMemberFormSet, extra=6, max_num=12, validate_max=True
)


class PlanSettingsForm(VersionedForm):
    title = forms.CharField(label=_("Name of the plan"), max_length=150)
    review_date = PlausibleDateField(label=_("Next review"), required=False, widget=DateInput)
    status = forms.ChoiceField(
        label=_("Status"),
        # Annulling is a step of its own, with a reason and a confirmation (`plan_annul`).
        choices=[(value, label) for value, label in PlanStatus.choices if value != "annulled"],
        help_text=_(
            "Close the plan when the efforts have ended. A closed plan stays readable for "
            "those involved, and the citizen can get a new plan later."
        ),
    )


class CitizenCorrectForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    cpr = forms.CharField(label=_("CPR number"), max_length=11, help_text=_("DDMMYY-SSSS"))

    def clean_cpr(self):
        return cpr.parse(self.cleaned_data["cpr"]).formatted


class PlanAnnulForm(VersionedForm):
    reason = forms.CharField(
        label=_("Why is the plan annulled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "E.g. 'Created for the wrong citizen' or 'The citizen already had a plan'. "
            "The reason is kept with the plan until it is deleted."
        ),
        error_messages={"required": _("Write why the plan is annulled.")},
    )


class MemberWishesForm(VersionedForm):
    wishes = forms.CharField(
        label=_("The most important thing for me"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In the citizen's own words: wishes, dreams, what matters."),
    )
    goal_areas = forms.MultipleChoiceField(
        label=_("Shared goals"),
        choices=LifeArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CustodyForm(forms.Form):
    custodians = MemberMultipleChoiceField(
        label=_("Custody holders"),
        queryset=PlanMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan: Plan, member: PlanMember, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["custodians"].queryset = (
            PlanMember.objects.filter(plan=plan).exclude(pk=member.pk).select_related("citizen")
        )


class GoalForm(ServiceModelForm, VersionedForm, OnceForm):
    @staticmethod
    def title_for(goal) -> str:
        return str(_("New goal") if goal is None else _("Edit goal"))

    member = MemberChoiceField(
        label=_("For"),
        queryset=PlanMember.objects.none(),
        required=False,
        empty_label=_("The whole household"),
    )

    class Meta:
        model = Goal
        fields = ["title", "member", "life_area", "target_date", "status"]
        widgets = {"target_date": DateInput}

    def __init__(self, *args, plan: Plan, member_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = PlanMember.objects.filter(
            plan=plan, pk__in=member_ids
        ).select_related("citizen")
        if plan.kind == PlanKind.CITIZEN:
            del self.fields["member"]
        if self.instance.pk is None:
            self.fields["version"].required = False


class InterventionForm(ServiceModelForm, VersionedForm, OnceForm):
    @staticmethod
    def title_for(intervention) -> str:
        return str(_("New intervention") if intervention is None else _("Edit intervention"))

    member = MemberChoiceField(
        label=_("For"),
        queryset=PlanMember.objects.none(),
        required=False,
        empty_label=_("The whole household"),
    )
    responsible = ProfessionalChoiceField(
        label=_("Responsible"), queryset=Professional.objects.none(), required=False
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Supports goals"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Intervention
        fields = [
            "title",
            "member",
            "department",
            "legislation",
            "responsible",
            "goals",
            "step",
            "agreed_start",
            "actual_start",
            "end_date",
            "status",
            "status_reason",
            "monthly_cost",
        ]
        widgets = {
            "agreed_start": DateInput,
            "actual_start": DateInput,
            "end_date": DateInput,
        }

    def __init__(self, *args, plan: Plan, member_ids, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = plan.municipality_id
        self.fields["department"] = GroupedDepartmentField(municipality, label=_("Department"))
        self.fields["legislation"].queryset = Legislation.objects.filter(
            municipality_id=municipality, is_active=True
        )
        self.fields["responsible"].queryset = organisation_access.people_to_choose(
            municipality
        ).select_related("department")
        self.fields["member"].queryset = PlanMember.objects.filter(
            plan=plan, pk__in=member_ids
        ).select_related("citizen")
        self.fields["goals"].queryset = Goal.objects.filter(plan=plan).filter(
            Q(member__isnull=True) | Q(member__in=member_ids)
        )
        self.fields["step"].queryset = steps_for_plan(plan)
        self.fields["step"].empty_label = _("No particular step")
        self.fields["monthly_cost"].validators.append(MinValueValidator(0))
        self.fields["monthly_cost"].widget.attrs["min"] = 0
        if plan.kind == PlanKind.CITIZEN:
            del self.fields["member"]
        if self.instance.pk is None:
            self.fields["version"].required = False


class LogEntryForm(ServiceModelForm, OnceForm):
    class Meta:
        model = LogEntry
        fields = ["kind", "occurred_on", "text", "goal", "intervention", "is_internal"]
        widgets = {"occurred_on": DateInput, "text": forms.Textarea(attrs={"rows": 3})}
        labels = {"is_internal": _("Internal note: not shown to the citizen")}
        help_texts = {
            "is_internal": _(
                "The citizen reads the log on their own pages. Mark a working note internal; "
                "the citizen can still ask for access to it under the law."
            )
        }

    def __init__(self, *args, plan: Plan, goals, interventions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])
        self.fields["intervention"].queryset = Intervention.objects.filter(
            pk__in=[i.pk for i in interventions]
        )
        self.fields["occurred_on"].initial = timezone.localdate()
        self.fields["occurred_on"].required = True


class ConsentForm(ServiceModelForm, OnceForm):
    given_by = MemberChoiceField(label=_("Given by"), queryset=PlanMember.objects.none())
    covers = MemberMultipleChoiceField(
        label=_("Covers"),
        queryset=PlanMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The person giving consent, and the children in their custody."),
    )
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

    class Meta:
        model = Consent
        fields = ["given_by", "covers", "given_on", "method", "departments", "areas", "note"]
        widgets = {"given_on": DateInput}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        members = PlanMember.objects.filter(plan=plan).select_related("citizen")
        self.fields["given_by"].queryset = members
        self.fields["covers"].queryset = members
        self.fields["departments"].queryset = Department.objects.filter(
            municipality_id=plan.municipality_id
        ).select_related("area")
        self.fields["areas"].queryset = Area.objects.filter(municipality_id=plan.municipality_id)
        self.fields["given_on"].initial = timezone.localdate()
        if plan.kind == PlanKind.CITIZEN:
            del self.fields["covers"]


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = PlausibleDateField(
        label=_("Withdrawn on"), widget=DateInput, initial=timezone.localdate
    )


class HandoverForm(VersionedForm):
    to_coordinator = ProfessionalChoiceField(
        label=_("New coordinator"), queryset=Professional.objects.none()
    )
    note = forms.CharField(
        label=_("Hand-over note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the new coordinator needs to know, and what the citizen has been told."),
    )
    previous_stays_in_network = forms.BooleanField(
        label=_("I stay in the network in another role"),
        required=False,
        help_text=_(
            "Otherwise you leave the citizen's network with the hand-over, and the plan "
            "disappears from your caseload."
        ),
    )

    # Set on the confirmation step: the choices are sent again, hidden, with this.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, plan: Plan, confirming: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if confirming:
            for field in self.fields.values():
                field.widget = forms.HiddenInput()
            self.initial["confirmed"] = True
            data = self.data.copy()  # a QueryDict
            data["confirmed"] = "True"
            self.data = data
        self.fields["to_coordinator"].queryset = (
            organisation_access.coordinators_to_choose(plan.municipality_id)
            .exclude(pk=plan.coordinator_id)
            .select_related("department")
        )


class ActorForm(ServiceModelForm, OnceForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (ActorKind.PROFESSIONAL, _("A professional already in Én plan")),
            (NEW_EXTERNAL, _("A new external contact (e.g. GP, police, school, provider)")),
            (ActorKind.PRIVATE, _("A private person (family, friend, neighbour)")),
        ],
        widget=forms.RadioSelect,
        initial=ActorKind.PROFESSIONAL,
    )
    professional = ProfessionalChoiceField(
        label=_("Professional"), queryset=Professional.objects.none(), required=False
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("For a new external contact: e.g. the GP's practice or the police district."),
    )
    member = MemberChoiceField(
        label=_("In the life of"),
        queryset=PlanMember.objects.none(),
        required=False,
        empty_label=_("The whole household"),
    )

    class Meta:
        model = Actor
        fields = [
            "kind",
            "professional",
            "name",
            "organisation",
            "member",
            "role",
            "phone",
            "email",
            "started_on",
            "added_by_citizen",
        ]
        widgets = {"started_on": DateInput}

    def __init__(self, *args, plan: Plan, member_ids, **kwargs):
        super().__init__(*args, **kwargs)
        professionals = organisation_access.people_to_choose(plan.municipality_id).select_related(
            "department__area"
        )
        self.fields["professional"].queryset = professionals
        self.fields["professional"].choices = grouped_professionals(professionals)
        self.fields["member"].queryset = PlanMember.objects.filter(
            plan=plan, pk__in=member_ids
        ).select_related("citizen")
        self.fields["started_on"].initial = timezone.localdate()
        if plan.kind == PlanKind.CITIZEN:
            del self.fields["member"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == ActorKind.PROFESSIONAL and not data.get("professional"):
            self.add_error("professional", _("Choose the professional."))
        if (
            data.get("kind") in (ActorKind.PRIVATE, NEW_EXTERNAL)
            and not (data.get("name") or "").strip()
        ):
            self.add_error("name", _("Write the person's name."))
        if data.get("kind") == NEW_EXTERNAL and not (data.get("organisation") or "").strip():
            self.add_error("organisation", _("Write where the person works."))
        return data


class ActorEditForm(ServiceModelForm, VersionedForm):
    """A person's role in the citizen's life and how to reach them. A professional's name
    comes from the municipality's register, so only a private person's name is edited."""

    class Meta:
        model = Actor
        fields = ["name", "role", "phone", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind == ActorKind.PROFESSIONAL:
            del self.fields["name"]
        else:
            self.fields["name"].required = True


class ActorEndForm(forms.Form):
    ended_on = PlausibleDateField(
        label=_("Involved until"), widget=DateInput, initial=timezone.localdate
    )
