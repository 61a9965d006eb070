"""Form pieces every app uses: date inputs and plausible date fields, forms that only
validate (services write), the version a form carries for optimistic locking, and the
one-time token of a form that must write once."""

import secrets
from datetime import timedelta

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from enplan.core.dates import check_plausible


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def plausible_date(value) -> None:
    """A validator: the date lies between 1.1.2000 and five years from today (`core.dates`)."""
    check_plausible(value)


class PlausibleDateField(forms.DateField):
    """A date field with a date picker that refuses a date nobody meant (1900, 2099) with
    a Danish message. Every date a user types in Én plan is one of these."""

    widget = DateInput
    default_validators = [plausible_date]


def make_dates_plausible(fields) -> None:
    """Give every plain date field among a form's fields the plausible range (the model
    forms' fields are made by Django from the models)."""
    for field in fields.values():
        if isinstance(field, forms.DateField) and plausible_date not in field.validators:
            field.validators.append(plausible_date)


class ServiceModelForm(forms.ModelForm):
    """A model form that only validates input. The instance is left untouched, because the
    service compares it with the input to see what changed, and enforces the rules that
    span several objects. Its date fields have the plausible range."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        make_dates_plausible(self.fields)

    def _post_clean(self):
        pass


class VersionedForm(forms.Form):
    """Carries the version the user opened, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OnceForm(forms.Form):
    """A form that writes once, however often it is sent: it carries a one-time token
    (hidden), which the write keeps in the same transaction (`form_submitted_once`). A
    second post of the same token finds it kept and writes nothing; a refused write keeps
    nothing, so the corrected form can be sent again. A post without a token (a client of
    its own) is written as always."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_token"].initial = secrets.token_urlsafe(24)


def form_submitted_once(form, user) -> bool:
    """Keep the form's token; False if it was kept before (the form was sent already).
    Call inside the write's transaction: on PostgreSQL a second post of the same token
    waits for the first to commit, then finds the token taken."""
    return keep_form_token((getattr(form, "cleaned_data", None) or {}).get("form_token"), user)


def keep_form_token(token: str | None, user) -> bool:
    """`form_submitted_once` for a service that is handed the token itself."""
    from enplan.core.models import FormSubmission

    if not token:
        return True
    try:
        with transaction.atomic():
            FormSubmission.objects.create(
                token=token, user=user if getattr(user, "is_authenticated", False) else None
            )
    except IntegrityError:
        return False
    return True


def form_token_kept(token: str | None) -> bool:
    """Whether a form with this token was saved already (a second click, seen early)."""
    from enplan.core.models import FormSubmission

    return bool(token) and FormSubmission.objects.filter(token=token).exists()


class AlreadySubmitted(Exception):
    """The form was sent before and its write is saved: nothing more is written."""


def forget_old_form_tokens(*, older_than_hours: int = 24) -> int:
    """Delete the kept tokens of forms sent more than a day ago: a form left open that long
    is sent again on purpose. Run with the reminders (`reminders.tasks`)."""
    from enplan.core.models import FormSubmission

    cutoff = timezone.now() - timedelta(hours=older_than_hours)
    deleted, _ = FormSubmission.objects.filter(submitted_at__lt=cutoff).delete()
    return deleted
