"""The plumbing every small edit form shares, with or without htmx.

A view validates a form, hands `cleaned_data` to a service, and on a refusal puts the
service's reasons back on the form (`apply_errors`); on an edit conflict it keeps what
the user typed but moves them to the current version (`keep_input`), so saving again is a
deliberate choice made after seeing what the other person changed. `attempt` does both.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

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
    try:
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
