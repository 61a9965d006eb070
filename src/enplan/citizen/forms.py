"""Forms on the citizen's side. Labels and help are written for a citizen, in plain words.
They never save: views hand `cleaned_data` to a service."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enplan.citizen.purposes import KINDS
from enplan.core.forms import DateInput, PlausibleDateField


class WishesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    wishes = forms.CharField(
        label=_("The most important thing for me"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Write it in your own words. What do you wish for? What helps you?"),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your coordinator will read it. It is also shown in the log."),
    )


class TopicForm(forms.Form):
    text = forms.CharField(
        label=_("What do you want to talk about?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("We will take it up at the next meeting."),
    )


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(
        label=_("Who is the person to you?"),
        max_length=200,
        help_text=_("For example: my sister, a friend, my mentor."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    visible_to_professionals = forms.TypedChoiceField(
        label=_("May the professionals see this person?"),
        choices=[
            ("yes", _("Yes, they may see the person")),
            ("no", _("No, only I can see the person")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )


class SharingForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    share = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, young_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["share"].label = (
            _("May your parents read what you write?")
            if young_person
            else _("May the others in the family see your part of the plan?")
        )


class LogFilterForm(forms.Form):
    since = PlausibleDateField(label=_("From"), required=False, widget=DateInput)
    until = PlausibleDateField(label=_("To"), required=False, widget=DateInput)
    kind = forms.ChoiceField(
        label=_("What they did"),
        required=False,
        choices=[("", _("Everything")), *((key, label) for key, (_a, label) in KINDS.items())],
    )
    organisation = forms.ChoiceField(label=_("Who"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("Everyone")),
            *((o, o) for o in organisations),
        ]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ValidationError(_("The start date is after the end date."))
        return data


class TestMitIDForm(forms.Form):
    citizen = forms.ChoiceField(label=_("Log in as"), widget=forms.RadioSelect)

    def __init__(self, *args, citizens, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["citizen"].choices = [
            (
                c.cpr,
                _("%(name)s, %(age)s years, %(municipality)s")
                % {"name": c.full_name, "age": c.age, "municipality": c.municipality.name},
            )
            for c in citizens
        ]
