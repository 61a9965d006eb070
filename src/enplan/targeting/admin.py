"""Administration of finding the citizens: the visitation team, the indicator catalogue,
the point systems (each change kept as a new version) and the screening rounds with
their gate. Nominations, extracts and candidates are deliberately not in the admin."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from enplan.core.admin import MunicipalityScopedAdmin
from enplan.targeting import rules, services
from enplan.targeting.models import (
    Indicator,
    IndicatorUse,
    NominationHandler,
    RoundStatus,
    RuleSet,
    RuleVersion,
    ScreeningRound,
)

MAX_DPIA_MB = 20


class ScopedManyToManyMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        related = db_field.related_model
        if not request.user.is_superuser and any(
            f.name == "municipality" for f in related._meta.fields
        ):
            kwargs["queryset"] = related._default_manager.filter(
                municipality_id=request.user.municipality_id
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(NominationHandler)
class NominationHandlerAdmin(MunicipalityScopedAdmin):
    list_display = ["professional"]
    list_select_related = ["professional"]
    autocomplete_fields = []


@admin.register(Indicator)
class IndicatorAdmin(MunicipalityScopedAdmin):
    list_display = ["key", "name", "use", "is_health"]
    list_filter = ["use", "is_health"]
    search_fields = ["key", "name"]


class RuleSetForm(forms.ModelForm):
    source = forms.CharField(
        label=_("Rules (TOML)"),
        widget=forms.Textarea(attrs={"rows": 24, "cols": 90, "class": "vLargeTextField"}),
        help_text=_(
            "Saving a changed text adds a new version; earlier versions are kept and stay "
            "published."
        ),
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    class Meta:
        model = RuleSet
        fields = ["name", "description", "is_active"]

    def __init__(self, *args, municipality_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality_id = municipality_id or self.instance.municipality_id
        latest = self.instance.versions.order_by("-number").first() if self.instance.pk else None
        if latest is not None:
            self.fields["source"].initial = latest.source

    def clean_source(self):
        source = self.cleaned_data["source"]
        keys = Indicator.objects.filter(
            municipality_id=self.municipality_id, use=IndicatorUse.SCORING
        ).values_list("key", flat=True)
        rules.parse(source, indicators=keys)
        return source


class RuleVersionInline(admin.TabularInline):
    model = RuleVersion
    fields = readonly_fields = ("number", "note", "created_at", "created_by")
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RuleSet)
class RuleSetAdmin(MunicipalityScopedAdmin):
    form = RuleSetForm
    list_display = ["name", "is_active", "current_version"]
    inlines = [RuleVersionInline]

    @admin.display(description=_("version"))
    def current_version(self, obj):
        latest = obj.versions.order_by("-number").first()
        return latest.number if latest else "–"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        municipality_id = obj.municipality_id if obj else request.user.municipality_id

        class ScopedForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, municipality_id=municipality_id, **kw)

        return ScopedForm

    def has_delete_permission(self, request, obj=None):
        return False  # published rules stay published

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.rule_version_add(
            user=request.user,
            rule_set=form.instance,
            source=form.cleaned_data["source"],
            note=form.cleaned_data.get("note", ""),
        )


class ScreeningRoundForm(forms.ModelForm):
    dpia_upload = forms.FileField(
        label=_("Approved DPIA (PDF)"),
        required=False,
        help_text=_("Upload to record or replace the approved impact assessment."),
    )

    class Meta:
        model = ScreeningRound
        fields = [
            "name",
            "purpose",
            "rule_version",
            "indicators",
            "departments",
            "reviewers",
            "public_task_basis",
            "national_legal_basis",
            "health_data_basis",
            "dpia_approved_on",
            "dpo_name",
            "dpo_signed_on",
            "delete_after_days",
        ]

    def clean_dpia_upload(self):
        upload = self.cleaned_data.get("dpia_upload")
        if upload is None:
            return None
        if upload.size > MAX_DPIA_MB * 1024 * 1024:
            raise ValidationError(_("The file is larger than %(n)d MB.") % {"n": MAX_DPIA_MB})
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_("Upload the DPIA as a PDF file."))
        return upload

    def clean(self):
        data = super().clean()
        indicators = data.get("indicators")
        if indicators is not None and not data.get("health_data_basis"):
            health = [i.key for i in indicators if i.is_health]
            if health:
                self.add_error(
                    "indicators",
                    _(
                        "%(keys)s are health indicators: record GDPR art. 9(2)(g) first, or "
                        "leave them out."
                    )
                    % {"keys": ", ".join(health)},
                )
        version = data.get("rule_version")
        if version is not None and indicators is not None:
            try:
                version.parsed(
                    indicators=[i.key for i in indicators if i.use == IndicatorUse.SCORING]
                )
            except ValidationError as error:
                self.add_error("rule_version", error)
        return data


# What was scored, under which basis, and when it is deleted. Once the round has been
# scored (or closed) these stay as they were, so that the DPIA annex and the published
# rules always show what the round was actually scored with.
FIXED_ONCE_SCORED = [
    "purpose",
    "rule_version",
    "indicators",
    "departments",
    "public_task_basis",
    "national_legal_basis",
    "health_data_basis",
    "dpia_upload",
    "dpia_approved_on",
    "dpo_name",
    "dpo_signed_on",
    "delete_after_days",
]


def _is_fixed(screening_round) -> bool:
    return screening_round is not None and screening_round.status != RoundStatus.OPEN


@admin.register(ScreeningRound)
class ScreeningRoundAdmin(ScopedManyToManyMixin, MunicipalityScopedAdmin):
    form = ScreeningRoundForm
    list_display = ["name", "status", "rule_version", "screening_enabled", "created_at"]
    list_filter = ["status"]
    filter_horizontal = ["indicators", "departments", "reviewers"]
    readonly_fields = ["status", "gate", "dpia_file_name", "closed_at", "deleted_at"]
    fieldsets = [
        (None, {"fields": ["name", "purpose", "rule_version", "indicators", "departments"]}),
        (_("People"), {"fields": ["reviewers"]}),
        (
            _("The gate: screening is off until all of this is recorded"),
            {
                "fields": [
                    "gate",
                    "public_task_basis",
                    "national_legal_basis",
                    "health_data_basis",
                    "dpia_upload",
                    "dpia_file_name",
                    "dpia_approved_on",
                    "dpo_name",
                    "dpo_signed_on",
                ]
            },
        ),
        (_("Deletion"), {"fields": ["delete_after_days", "status", "closed_at", "deleted_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if _is_fixed(obj):
            # "dpia_upload" is a form field: listing it here takes it off the form.
            readonly += [f for f in FIXED_ONCE_SCORED if f not in readonly]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not _is_fixed(obj):
            return fieldsets
        (name, options), *rest = fieldsets
        first = (
            name,
            {
                **options,
                "description": _(
                    "The round has been scored or closed: its purpose, rules, catalogue, "
                    "legal basis and deletion period can no longer be changed."
                ),
            },
        )
        # The approved DPIA is kept; its file name is shown instead of an upload field.
        return [first] + [
            (title, {**opts, "fields": [f for f in opts["fields"] if f != "dpia_upload"]})
            for title, opts in rest
        ]

    @admin.display(description=_("screening on"), boolean=True)
    def screening_enabled(self, obj):
        return not services.gate_missing(obj)

    @admin.display(description=_("status of the gate"))
    def gate(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the round first.")
        missing = services.gate_missing(obj)
        if not missing:
            return _("Screening is on.")
        return format_html_join("", "<p>{}</p>", ((m,) for m in missing))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "rule_version" and not request.user.is_superuser:
            kwargs["queryset"] = RuleVersion.objects.filter(
                municipality_id=request.user.municipality_id
            ).select_related("rule_set")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False  # the counts and the audit trail must outlive a round

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("dpia_upload")  # not on the form once fixed
        if upload is not None:
            obj.dpia_file = upload.read()
            obj.dpia_file_name = upload.name[:200]
        super().save_model(request, obj, form, change)
