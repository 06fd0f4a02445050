from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url


def account_page(view):
    """A page of the secure account: signed in, with a complete profile."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_complete_profile:
            return redirect_to_login(request.get_full_path(), resolve_url("profile"))
        return view(request, *args, **kwargs)

    return wrapper
