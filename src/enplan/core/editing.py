"""The plumbing every small edit form shares, with or without htmx.

A view validates a form, hands `cleaned_data` to a service, and on a refusal puts the
service's reasons back on the form (`apply_errors`); on an edit conflict it keeps what
the user typed but moves them to the current version (`keep_input`), so saving again is a
deliberate choice made after seeing what the other person changed. `attempt` does both.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from enplan.core import forms
from enplan.core.concurrency import EditConflict


def apply_errors(form: BaseForm, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def keep_input(form: BaseForm, conflict: EditConflict, field: str = "version") -> EditConflict:
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict on a bound form
    data[form.add_prefix(field)] = conflict.current_version
    form.data = data
    return conflict


def attempt(
    form: BaseForm, write: Callable[..., object], /, *args, **kwargs
) -> tuple[bool, EditConflict | None]:
    """Run a service's write, `write(*args, **kwargs)`; put a refusal on the form.
    Returns (saved, conflict)."""
    kwargs.pop("form_token", None)  # the form's, not the service's
    try:
        # A form sent twice (`forms.OnceForm`) writes once; the second post is answered as
        # saved, for what it asked for is saved.
        with transaction.atomic():
            if forms.form_submitted_once(form, kwargs.get("user")):
                write(*args, **kwargs)
    except EditConflict as error:
        return False, keep_input(form, error)
    except ValidationError as error:
        apply_errors(form, error)
        return False, None
    return True, None


def form_read(request: HttpRequest) -> dict:
    """For a selector that reads an object for an edit form: opening the form (GET) shows
    what is stored, so it is audited as a view; a submitted form is audited by its write."""
    return {"opening": request.method == "GET", "path": request.get_full_path()}


def confirmed(request: HttpRequest) -> bool:
    """Whether a post for a step that cannot be undone comes from its confirmation page."""
    return request.POST.get("confirmed") == "1"


def confirmation(
    request: HttpRequest, *, title: str, lead: list[str], submit: str, cancel_url: str
) -> HttpResponse:
    """The page that says what a step that cannot be undone is about to change, and sends
    the same post again, confirmed (`confirmed`). Nothing is written until then."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "confirmed")
        for value in values
    ]
    context = {
        "title": title,
        "lead": lead,
        "fields": fields,
        "action": request.path,
        "submit_label": submit,
        "cancel_url": cancel_url,
    }
    return render(request, "core/confirm.html", context)
