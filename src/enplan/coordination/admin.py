"""Administration: a municipality's own question texts and levels. Rounds, respondents and
answers are deliberately not here: individual answers are never shown to anyone."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enplan.coordination.models import CoordinationSettings, DimensionQuestion
from enplan.core.admin import MunicipalityScopedAdmin


class OncePerMunicipalityForm(forms.ModelForm):
    """The municipality is not on the form for a municipality's administrator, so Django
    cannot check the one-per-municipality rule itself; this form does."""

    municipality_id = None
    unique_fields: tuple = ()

    def clean(self):
        data = super().clean()
        municipality_id = self.municipality_id or (
            data.get("municipality") and data["municipality"].pk
        )
        model = self._meta.model
        clash = model.objects.filter(
            municipality_id=municipality_id,
            **{name: data.get(name) for name in self.unique_fields},
        ).exclude(pk=self.instance.pk)
        if municipality_id and clash.exists():
            raise ValidationError(_("Your municipality already has this. Change that one instead."))
        return data


class ScopedOnceAdmin(MunicipalityScopedAdmin):
    unique_fields: tuple = ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        attributes = {"unique_fields": self.unique_fields}
        if not request.user.is_superuser:
            attributes["municipality_id"] = request.user.municipality_id
        return type(form.__name__, (OncePerMunicipalityForm, form), attributes)


@admin.register(DimensionQuestion)
class DimensionQuestionAdmin(ScopedOnceAdmin):
    list_display = ["dimension", "text"]
    list_filter = ["municipality"]
    unique_fields = ("dimension",)


@admin.register(CoordinationSettings)
class CoordinationSettingsAdmin(ScopedOnceAdmin):
    list_display = [
        "municipality",
        "within_high",
        "within_medium",
        "between_high",
        "between_medium",
    ]
