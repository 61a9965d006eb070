"""Choosing from the municipality's organisation: professionals and departments as people
know them, grouped by area."""

from django import forms
from django.utils.translation import gettext_lazy as _

from enplan.organisation.models import Department


class ProfessionalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.workplace})" if obj.workplace else obj.name


def grouped_departments(municipality) -> list:
    """Departments as option groups per area, the way people know the organisation."""
    groups: dict = {}
    for department in Department.objects.filter(municipality=municipality).select_related("area"):
        groups.setdefault(department.area.name, []).append((department.pk, department.name))
    return [("", "---------"), *groups.items()]


class GroupedDepartmentField(forms.ModelChoiceField):
    def __init__(self, municipality, **kwargs):
        super().__init__(queryset=Department.objects.filter(municipality=municipality), **kwargs)
        self.choices = grouped_departments(municipality)


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
