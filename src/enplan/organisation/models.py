from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enplan.core.models import Municipality, MunicipalityOwned


class Area(models.Model):
    """A municipal area (center, forvaltning), or an external sector such as the region."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="areas"
    )
    name = models.CharField(_("name"), max_length=150)
    is_external = models.BooleanField(
        _("external"),
        default=False,
        help_text=_("Outside the municipality, e.g. the region's hospitals and psychiatry."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="area_unique_name")
        ]

    def __str__(self):
        return self.name


class Department(MunicipalityOwned):
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["area__order", "area__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "area", "name"], name="department_unique_name"
            )
        ]

    def __str__(self):
        return self.name


class Profession(MunicipalityOwned):
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="profession_unique_name")
        ]

    def __str__(self):
        return self.name


class Legislation(MunicipalityOwned):
    """An entry in the legislation catalogue: the law an intervention is granted under."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("E.g. LBK nr. 1 af 03/01/2024.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("legislation")
        verbose_name_plural = _("legislation catalogue")
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "short_name"], name="legislation_unique_short_name"
            )
        ]

    def __str__(self):
        return self.short_name


class Professional(MunicipalityOwned):
    """Someone who works with citizens: a user of Én plan, or an external contact without login
    (a GP, the police, regional psychiatry) who still belongs in the citizen's picture."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="professional",
    )
    name = models.CharField(_("name"), max_length=150)
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), on_delete=models.PROTECT, null=True, blank=True
    )
    title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="professionals",
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For external contacts: e.g. the GP's practice or the police district."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def has_login(self) -> bool:
        return self.user_id is not None

    @property
    def workplace(self) -> str:
        return self.department.name if self.department is not None else self.organisation


class StepModel(MunicipalityOwned):
    """A shared staircase (trappetrinsmodel) that every department registers progress on.

    A municipality can have several (for job and education, for families, for young
    people); each plan follows one. One model per municipality is the default for new plans.
    """

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Used for plans that have not chosen a model.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        # The tables keep the names they had when step models were kept with progress.
        db_table = "progress_stepmodel"
        verbose_name = _("step model")
        verbose_name_plural = _("step models")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="step_model_unique_name"),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(is_default=True),
                name="step_model_one_default",
            ),
        ]

    def __str__(self):
        return self.name


class Step(MunicipalityOwned):
    """One step on a staircase, with the longest a citizen should need to stay on it."""

    model = models.ForeignKey(
        StepModel, verbose_name=_("step model"), on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField(
        _("number"), help_text=_("1 is the bottom step; a higher number is further up.")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    max_days = models.PositiveIntegerField(
        _("maximum days on the step"),
        null=True,
        blank=True,
        help_text=_("E.g. 183 for six months. Leave empty for a step with no time limit."),
    )

    class Meta:
        db_table = "progress_step"
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["model", "order"]
        constraints = [
            models.UniqueConstraint(fields=["model", "order"], name="step_unique_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"
