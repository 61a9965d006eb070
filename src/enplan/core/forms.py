"""Form pieces every app uses: date inputs and plausible date fields, forms that only
validate (services write), and the version a form carries for optimistic locking."""

from django import forms

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
