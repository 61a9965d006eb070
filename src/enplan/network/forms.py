from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.network.models import Actor, ActorKind
from enplan.organisation.models import Professional
from enplan.plans.forms import (
    DateInput,
    MemberChoiceField,
    ProfessionalChoiceField,
    ServiceModelForm,
)
from enplan.plans.models import Plan, PlanKind, PlanMember


class ActorForm(ServiceModelForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ActorKind.choices,
        widget=forms.RadioSelect,
        initial=ActorKind.PROFESSIONAL,
    )
    professional = ProfessionalChoiceField(
        label=_("Professional"), queryset=Professional.objects.none(), required=False
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
        self.fields["professional"].queryset = Professional.objects.filter(
            municipality_id=plan.municipality_id, is_active=True
        ).select_related("department")
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
        if data.get("kind") == ActorKind.PRIVATE and not (data.get("name") or "").strip():
            self.add_error("name", _("Write the person's name."))
        return data


class ActorEndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("Involved until"), widget=DateInput, initial=timezone.localdate
    )
