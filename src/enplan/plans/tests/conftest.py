from enplan.plans.tests.scale import scale  # noqa: F401
