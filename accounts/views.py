from allauth.core import ratelimit
from allauth.socialaccount.forms import DisconnectForm
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import services
from accounts.decorators import account_page
from accounts.forms import ForgotUsernameForm, GCKeyAddForm, ProfileForm
from accounts.middleware import session_seconds_left, session_touch
from portal.guards import is_local_path

SECURITY_ACTIVITY_SHOWN = 30


def _crumbs(*names):
    titles = {"account_home": _("My account"), "security_settings": _("Security settings")}
    return [(titles[name], reverse(name)) for name in names]


@require_safe
@account_page
def account_home(request):
    # The sections of other apps (applications, drafts...) render through their inclusion tags.
    return render(request, "accounts/home.html", {"page_title": _("My account")})


def _safe_next(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if is_local_path(next_url) and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile(request):
    user = request.user
    first_time = not user.has_complete_profile
    form = ProfileForm(
        request.POST or None,
        instance=user,
        partner_recently=services.partner_signed_in_recently(request=request, user=user),
    )
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, request=request, data=form.cleaned_data)
        next_url = _safe_next(request)
        if next_url:
            return redirect(next_url)
        # The preferred language takes over the pages from here on.
        with translation.override(user.preferred_language):
            return redirect("account_home")
    title = _("Complete your profile") if first_time else _("Your profile")
    context = {
        "page_title": title,
        "form": form,
        "first_time": first_time,
        "next": _safe_next(request),
        "breadcrumbs": [] if first_time else _crumbs("account_home"),
        "partner_sign_in_again": form.needs_partner_sign_in,
    }
    return render(request, "accounts/profile.html", context)


@require_safe
@account_page
def security_settings(request):
    user = request.user
    partner_accounts = list(user.socialaccount_set.all())
    has_gckey = user.has_usable_password()
    context = {
        "page_title": _("Security settings"),
        "breadcrumbs": _crumbs("account_home"),
        "has_gckey": has_gckey,
        "partner_accounts": partner_accounts,
        # Either credential may go while the other remains; never the last.
        "can_remove": has_gckey and bool(partner_accounts),
    }
    return render(request, "accounts/security_settings.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@account_page
def gckey_add(request):
    if request.user.has_usable_password():
        return redirect("security_settings")
    form = GCKeyAddForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.gckey_add(
            user=request.user,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            request=request,
        )
        messages.success(request, _("You can now also sign in with your GCKey username."))
        return redirect("security_settings")
    return render(
        request,
        "accounts/gckey_add.html",
        {
            "page_title": _("Add a GCKey username and password"),
            "form": form,
            "breadcrumbs": _crumbs("account_home", "security_settings"),
        },
    )


@require_POST
@account_page
def gckey_remove(request):
    if request.user.has_usable_password() and request.user.socialaccount_set.exists():
        services.gckey_remove(user=request.user, request=request)
        messages.success(request, _("Your GCKey username and password were removed."))
    else:
        messages.error(request, _("You cannot remove your only way to sign in."))
    return redirect("security_settings")


@require_POST
@account_page
def partner_remove(request):
    form = DisconnectForm({"account": request.POST.get("account")}, request=request)
    if form.is_valid():
        form.save()
    else:
        messages.error(request, _("You cannot remove your only way to sign in."))
    return redirect("security_settings")


@require_safe
@account_page
def security_activity(request):
    events = request.user.security_events.all()[:SECURITY_ACTIVITY_SHOWN]
    return render(
        request,
        "accounts/security_activity.html",
        {
            "page_title": _("Security activity"),
            "events": events,
            "shown": SECURITY_ACTIVITY_SHOWN,
            "breadcrumbs": _crumbs("account_home", "security_settings"),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def forgot_username(request):
    form = ForgotUsernameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        # Over the limit, the answer is the same: nothing tells a prober what happened.
        if ratelimit.consume(request, action="forgot_username", key=email.lower()):
            services.username_reminder_send(email=email, request=request)
        return redirect("forgot_username_sent")
    return render(
        request,
        "accounts/forgot_username.html",
        {"page_title": _("Forgot your GCKey username?"), "form": form},
    )


@require_safe
def forgot_username_sent(request):
    return render(
        request, "accounts/forgot_username_sent.html", {"page_title": _("Check your email")}
    )


@require_POST
@login_required
def session_keepalive(request):
    """The "Stay signed in" button of the idle warning."""
    session_touch(request)
    return JsonResponse({"seconds_left": session_seconds_left(request)})


@require_http_methods(["GET", "HEAD", "POST"])
def not_me(request, token):
    """The "This wasn't me" link of security emails. Following it changes nothing: the button
    does (every session ends, a new password is needed)."""
    user = services.not_me_user(token=token)
    if user is None:
        return render(
            request,
            "accounts/not_me_invalid.html",
            {"page_title": _("This link no longer works")},
            status=400,
        )
    if request.method == "POST":
        had_gckey = user.has_usable_password()
        services.sessions_end_all(user=user, request=request)
        if request.user.pk == user.pk:
            logout(request)
        messages.success(
            request, _("Every session of your account has ended. Choose a new password now.")
        )
        return redirect("account_reset_password" if had_gckey else "signin")
    return render(
        request,
        "accounts/not_me.html",
        {"page_title": _("Secure your account"), "has_gckey": user.has_usable_password()},
    )
