"""Form pieces every app uses: date inputs, forms that only validate (services write),
and the version a form carries for optimistic locking."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ServiceModelForm(forms.ModelForm):
    """A model form that only validates input. The instance is left untouched, because the
    service compares it with the input to see what changed, and enforces the rules that
    span several objects."""

    def _post_clean(self):
        pass


class VersionedForm(forms.Form):
    """Carries the version the user opened, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
