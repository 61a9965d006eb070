from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.network.models import Actor, ActorKind, DevelopmentPointStatus, RelationLevel
from enplan.network.services import NEW_EXTERNAL
from enplan.organisation.models import Professional
from enplan.plans.forms import (
    DateInput,
    MemberChoiceField,
    ProfessionalChoiceField,
    ServiceModelForm,
    VersionedForm,
)
from enplan.plans.models import Plan, PlanKind, PlanMember


def grouped_professionals(professionals) -> list:
    """Professionals as option groups per area, external contacts last, the way the map
    groups them."""
    field = ProfessionalChoiceField(queryset=professionals)
    groups: dict = {}
    external = []
    ordered = sorted(
        professionals,
        key=lambda p: (
            p.department is None,
            p.department.area.order if p.department else 0,
            p.department.area.name if p.department else "",
            p.name,
        ),
    )
    for professional in ordered:
        option = (professional.pk, field.label_from_instance(professional))
        if professional.department is None:
            external.append(option)
        else:
            groups.setdefault(professional.department.area.name, []).append(option)
    choices = [("", "---------"), *groups.items()]
    if external:
        choices.append((_("External contacts"), external))
    return choices


class ActorForm(ServiceModelForm):
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
        professionals = Professional.objects.filter(
            municipality_id=plan.municipality_id, is_active=True
        ).select_related("department__area")
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
    ended_on = forms.DateField(
        label=_("Involved until"), widget=DateInput, initial=timezone.localdate
    )


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.role})" if obj.role else obj.display_name


class RatingForm(forms.Form):
    rater = ActorChoiceField(
        label=_("Seen from"),
        queryset=Actor.objects.none(),
        help_text=_("Put yourself in this person's place: how do they see the collaboration?"),
    )
    first = ActorChoiceField(label=_("The collaboration between"), queryset=Actor.objects.none())
    second = ActorChoiceField(label=_("and"), queryset=Actor.objects.none())
    level = forms.ChoiceField(
        label=_("The collaboration is"), choices=RelationLevel.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. What works, or what gets in the way?"),
    )
    rated_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("rater", "first", "second"):
            self.fields[name].queryset = actors

    def clean(self):
        data = super().clean()
        first, second = data.get("first"), data.get("second")
        if first and second and first.pk == second.pk:
            self.add_error("second", _("Choose two different people."))
        return data


class DevelopmentPointForm(forms.Form):
    text = forms.CharField(
        label=_("Development point"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the network agreed to improve, e.g. 'School and PPR meet monthly'."),
    )
    responsible = ActorChoiceField(
        label=_("Responsible"), queryset=Actor.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Follow up by"), widget=DateInput, required=False)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = actors


class DevelopmentPointEditForm(DevelopmentPointForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=DevelopmentPointStatus.choices, widget=forms.RadioSelect
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MapDateForm(forms.Form):
    on = forms.DateField(label=_("Show the map as it was on"), widget=DateInput, required=False)
