"""Run by test_kill_9: saves a plan's many goals in one transaction, as an import or a
plan save does, and says how far it got, so the test can kill it half-way.

    python interrupted_plan_save.py <plan id> <user id> <goals>
"""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")
django.setup()

from django.db import transaction  # noqa: E402

from enplan.core.models import User  # noqa: E402
from enplan.plans import services  # noqa: E402
from enplan.plans.models import Plan  # noqa: E402

plan_id, user_id, goals = (int(arg) for arg in sys.argv[1:4])
plan, user = Plan.objects.get(pk=plan_id), User.objects.get(pk=user_id)
with transaction.atomic():
    for n in range(goals):
        services.goal_create(user=user, plan=plan, title=f"Mål {n}", life_area="job")
        print(f"saved {n + 1}", flush=True)
        time.sleep(0.01)
print("committed", flush=True)
