"""The one way views run a write: validate the form, call the action, show what went wrong
next to the fields, keep what the user typed; a write without a form (a button) says what
happened in a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run_form(request, form, action, done: str, unchanged: str = "") -> bool:
    """True when the form was valid and the action succeeded (a message is queued). With
    `unchanged`, an action that returns what it changed and changed nothing says that instead
    of `done`."""
    if not form.is_valid():
        return False
    try:
        changes = action(form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return False
    if unchanged and not changes:
        messages.info(request, unchanged)
    else:
        messages.success(request, done)
    return True


def run_step(request, action, done: str) -> bool:
    """A write without a form (a button): its success, or the refusals, as messages."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, done)
    return True
