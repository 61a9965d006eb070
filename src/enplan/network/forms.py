from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.core.forms import DateInput, PlausibleDateField
from enplan.network.models import DevelopmentPointStatus, RelationLevel
from enplan.plans.models import Actor


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
    rated_on = PlausibleDateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)

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
    due_date = PlausibleDateField(label=_("Follow up by"), widget=DateInput, required=False)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = actors


class DevelopmentPointEditForm(DevelopmentPointForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=DevelopmentPointStatus.choices, widget=forms.RadioSelect
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MapDateForm(forms.Form):
    on = PlausibleDateField(label=_("Show the map as it was on"), widget=DateInput, required=False)
