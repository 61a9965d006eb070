"""Forms validate input and offer only choices from the user's own plan and municipality.
They never save: views hand `cleaned_data` to a service."""

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.core import sms
from enplan.core.forms import DateInput, PlausibleDateField
from enplan.meetings.models import (
    CitizenEvaluation,
    ConversationType,
    MeetingKind,
    Theme,
)
from enplan.meetings.services import MAX_TAG_LENGTH, MAX_TAGS, agenda_lines
from enplan.plans.forms import MemberMultipleChoiceField
from enplan.plans.models import Actor, PlanMember

DEFAULT_AGENDA = _(
    "Welcome: what matters most to you today?\n"
    "Since last time\n"
    "Agreements: who does what, and when\n"
    "Next meeting\n"
    "How was the meeting for you?"
)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class ActorMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, actor):
        label = f"{actor.display_name} – {actor.role}"
        if actor.member_id:
            label += f" ({actor.member.citizen.first_name})"
        return label


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        initial=MeetingKind.NETWORK,
    )
    day = PlausibleDateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=_("Instead of a place, or as well."),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        required=False,
        help_text=_("What the meeting is for, in a sentence the citizen would recognise."),
    )
    conversation_types = forms.ModelMultipleChoiceField(
        label=_("Conversations covered"),
        queryset=ConversationType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Conversations that would otherwise be separate meetings."),
    )
    members = MemberMultipleChoiceField(
        label=_("Citizens invited"),
        queryset=PlanMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actors = ActorMultipleChoiceField(
        label=_("Invited from the network"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One item per line."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, actors, members, conversation_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actors"].queryset = Actor.objects.filter(pk__in=[a.pk for a in actors])
        self.fields["actors"].choices = [
            (a.pk, self.fields["actors"].label_from_instance(a)) for a in actors
        ]
        self.fields["members"].queryset = PlanMember.objects.filter(pk__in=[m.pk for m in members])
        self.fields["members"].choices = [(m.pk, m.citizen.full_name) for m in members]
        self.fields["conversation_types"].queryset = conversation_types

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start:
            data["starts_at"] = timezone.make_aware(datetime.combine(day, start))
            data["ends_at"] = timezone.make_aware(datetime.combine(day, end)) if end else None
            if end and end <= start:
                self.add_error("end_time", _("The meeting ends before it starts."))
        data["agenda_items"] = agenda_lines(data.get("agenda") or "")
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data["place"],
            "video_link": data["video_link"],
            "purpose": data["purpose"],
            "conversation_types": list(data["conversation_types"]),
            "actors": list(data["actors"]),
            "members": list(data["members"]),
            "agenda": data["agenda_items"],
        }

    @staticmethod
    def initial_for(meeting) -> dict:
        starts = timezone.localtime(meeting.starts_at)
        ends = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
        participants = list(meeting.participants.all())
        return {
            "kind": meeting.kind,
            "day": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time() if ends else None,
            "place": meeting.place,
            "video_link": meeting.video_link,
            "purpose": meeting.purpose,
            "conversation_types": list(meeting.conversation_types.all()),
            "members": [p.member_id for p in participants if p.member_id],
            "actors": [p.actor_id for p in participants if p.actor_id],
            "agenda": "\n".join(item.title for item in meeting.agenda_items.all()),
            "version": meeting.version,
        }

    @staticmethod
    def initial_new(members, actors) -> dict:
        return {
            "kind": MeetingKind.NETWORK,
            "day": timezone.localdate() + timedelta(days=7),
            "start_time": "10:00",
            "end_time": "11:30",
            "members": [m.pk for m in members if m.is_adult],
            "actors": [],
            "agenda": str(DEFAULT_AGENDA),
        }


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        max_length=300,
        help_text=_("The reason is written in the log."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


ATTENDANCE = [("1", _("Came")), ("0", _("Did not come"))]


class AttendanceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = participants
        for participant in participants:
            name = (
                participant.member.citizen.full_name
                if participant.member_id
                else participant.actor.display_name
            )
            self.fields[f"p{participant.pk}"] = forms.ChoiceField(
                label=name,
                choices=ATTENDANCE,
                widget=forms.RadioSelect,
                initial="0" if participant.attended is False else "1",
            )

    def attendance(self) -> dict[int, bool]:
        return {p.pk: self.cleaned_data[f"p{p.pk}"] == "1" for p in self.participants}


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was decided, and who does what."),
    )


class ChooseForm(forms.Form):
    """Step one of changing a goal or an intervention: which one."""

    def __init__(self, *args, label, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pick"] = forms.ModelChoiceField(label=label, queryset=queryset)


SCALE = [(str(n), str(n)) for n in range(11)]


class EvaluationForm(forms.Form):
    """The four questions, 0–10, and a free comment. Field names are the questions' fixed
    keys (the model's fields); the labels are the municipality's wording (questions.py)."""

    def __init__(self, *args, questions, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_keys = [question.key for question in questions]
        if members is not None:
            self.fields["member"] = forms.ModelChoiceField(
                label=_("Who is answering?"),
                queryset=PlanMember.objects.filter(pk__in=[m.pk for m in members]),
                widget=forms.RadioSelect,
                initial=members[0].pk if len(members) == 1 else None,
            )
            self.fields["member"].choices = [(m.pk, m.citizen.first_name) for m in members]
        assert self.question_keys == list(CitizenEvaluation.SCORE_FIELDS)
        for question in questions:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "scale__input"}),
                error_messages={
                    "required": _("Choose a number from 0 to 10."),
                    "invalid_choice": _("Choose a number from 0 to 10."),
                },
            )
        self.fields["comment"] = forms.CharField(
            label=_("Anything else you want to say?"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    @property
    def score_fields(self):
        return [self[name] for name in self.question_keys]


class LeaveFocusForm(forms.Form):
    """The coordinator re-enters their password to take the screen back from the citizen."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not right. The screen stays locked."))
        return password


class LinkForm(forms.Form):
    member = forms.ModelChoiceField(label=_("For"), queryset=PlanMember.objects.none())

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = PlanMember.objects.filter(pk__in=[m.pk for m in members])


class SmsLinkForm(forms.Form):
    """Send the one-time link to the citizen's phone. The token comes back from the page
    that showed the link: only the one who saw it can send it."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=100)
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        help_text=_("8 digits. The number is used for this message only and is not saved."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )

    def clean_mobile(self):
        return sms.danish_mobile(self.cleaned_data["mobile"])


class RecapForm(forms.Form):
    what_worked = forms.CharField(
        label=_("What worked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write about the way you worked, not about the family. Leave out names."),
    )
    do_differently = forms.CharField(
        label=_("What to do differently next time"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Own tags"),
        required=False,
        max_length=MAX_TAGS * (MAX_TAG_LENGTH + 2),
        help_text=_("Other themes in your own words, separated by commas."),
    )
    quotable = forms.BooleanField(
        label=_("Sentences from the recap may be quoted without names in the themes overview"),
        required=False,
        initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class PeriodForm(forms.Form):
    start = PlausibleDateField(label=_("From"), widget=DateInput)
    end = PlausibleDateField(label=_("To"), widget=DateInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise ValidationError(_("The period ends before it starts."))
            if (end - start).days > 2 * 366:
                raise ValidationError(_("Choose a period of at most two years."))
        return data

    @staticmethod
    def default() -> dict:
        today = timezone.localdate()
        return {"start": today - timedelta(days=90), "end": today}
