from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _give_new_municipality_the_default_step_model(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from enplan.organisation.services import step_model_load_default

        step_model_load_default(municipality=instance)


class OrganisationConfig(AppConfig):
    name = "enplan.organisation"
    verbose_name = _("Organisation")

    def ready(self):
        from enplan.core.models import Municipality

        post_save.connect(
            _give_new_municipality_the_default_step_model,
            sender=Municipality,
            dispatch_uid="progress-default-step-model",
        )

    def load_demo(self, demo):
        from enplan.organisation.demo import load

        load(demo)
