from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from enplan.core.dates import BadQuery
from enplan.core.models import Role


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: no login, no personal data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def home(request):
    """Each role starts where their work is."""
    role = request.user.role
    if role == Role.CITIZEN:
        return redirect("citizen:home")
    if role == Role.LEADER:
        return redirect("progress:dashboard")
    if role == Role.KEY_HOLDER:
        return redirect("targeting:index")
    if role == Role.ADMIN and request.user.is_staff:
        return redirect("admin:index")
    return redirect("plans:caseload")


@login_not_required
def bad_request(request, exception=None):
    """400 in Danish. Only the messages Én plan wrote itself are shown; Django's own (a
    suspicious header, a broken upload) may be technical, and say nothing to a user."""
    message = exception.message if isinstance(exception, BadQuery) else None
    return render(request, "400.html", {"message": message}, status=400)
