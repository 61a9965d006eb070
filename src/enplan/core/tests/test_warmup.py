"""An app server's process is ready before its first request (`core.warmup`)."""

import gc
from pathlib import Path

import pytest
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

from enplan.core import warmup

SOURCE = Path(warmup.__file__).resolve().parents[1]


def template_cache() -> dict:
    loaders = list(engines["django"].engine.template_loaders)
    while loaders:
        loader = loaders.pop()
        if isinstance(loader, CachedLoader):
            return loader.get_template_cache
        loaders += getattr(loader, "loaders", [])
    pytest.fail("the templates are not cached: every request would compile them again")


@pytest.fixture
def warmed_up():
    template_cache().clear()
    yield warmup.warm_up()
    gc.unfreeze()


def test_every_template_of_the_project_is_compiled_before_the_first_request(warmed_up):
    ours = list(SOURCE.rglob("templates/**/*.html"))
    assert warmed_up == len(ours)
    assert {"base.html", "plans/plan_detail.html", "plans/caseload.html"} <= set(template_cache())


def test_the_templates_of_other_packages_are_left_until_they_are_needed(warmed_up):
    assert "admin/base.html" not in template_cache()


def test_what_was_built_is_left_out_of_later_garbage_collections(warmed_up):
    assert gc.get_freeze_count() > 0
