from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import account_form_page, account_page, typed_stash_pop
from applications import selectors, services
from applications.explanations import explanation
from applications.files import letter_response
from applications.forms import LinkForm, ReplyForm
from portal import throttle
from portal.redaction import markers_localise


def _crumbs(application=None):
    crumbs = [(gettext_lazy("My account"), reverse("account_home"))]
    if application is not None:
        crumbs.append(
            (application.number, reverse("application_detail", args=[application.number]))
        )
    return crumbs


def _locked_message(until):
    local = timezone.localtime(until)
    return _(
        "For your security, linking is locked after five unsuccessful tries. You can try again "
        "after %(time)s."
    ) % {"time": formats.date_format(local, "Y-m-d H:i")}


@require_http_methods(["GET", "HEAD", "POST"])
@account_page
def application_link(request):
    form = LinkForm(request.POST or None)
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    locked_until = services.linking_locked_until(user=request.user)
    error = _locked_message(locked_until) if locked_until else None
    if request.method == "POST" and form.is_valid() and not locked_until:
        try:
            linked = services.application_link(
                user=request.user, wanted=form.link_request(), user_agent=user_agent
            )
        except services.LinkingLocked as locked:
            error = _locked_message(locked.until)
        except services.NoMatch:
            error = _(
                "We could not find an application with these details that can be linked to "
                "your account. Check them against your application and try again."
            )
            left = services.linking_tries_left(user=request.user)
            error += " " + ngettext(
                "You have %(count)d more try before linking is locked for 24 hours.",
                "You have %(count)d more tries before linking is locked for 24 hours.",
                left,
            ) % {"count": left}
        else:
            numbers = ", ".join(application.number for application in linked)
            messages.success(request, _("Application linked: %(numbers)s.") % {"numbers": numbers})
            if len(linked) == 1:
                return redirect("application_detail", linked[0].number)
            return redirect("account_home")
    context = {
        "page_title": gettext_lazy("Link an application to your account"),
        "form": form,
        "link_error": error,
        "tries_left": None if locked_until else services.linking_tries_left(user=request.user),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "applications/link.html", context)


@require_safe
@account_page
def application_detail(request, number):
    application = selectors.application_get_for_user(user=request.user, number=number)
    if application is None:
        raise Http404
    steps = sorted(
        (step for step in application.steps.all() if step.shown_to_applicant),
        key=lambda step: step.sort_key,
    )
    context = {
        "page_title": _("Application %(number)s") % {"number": application.number},
        "application": application,
        "steps": [(step, explanation(step)) for step in steps],
        "messages_list": application.messages.all(),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "applications/detail.html", context)


# Replies: enough for a conversation, not for filling the table.
REPLIES_PER_HOUR = 20


def _message(request, number, pk):
    message = selectors.message_get_for_user(user=request.user, number=number, pk=pk)
    if message is None:
        raise Http404
    return message


def _reply_allowed(request):
    return throttle.allow_key(
        f"account:{request.user.pk}", scope="message_reply", limit=REPLIES_PER_HOUR, period=3600
    )


@require_http_methods(["GET", "HEAD", "POST"])
@account_form_page
def message_detail(request, number, pk):
    message = _message(request, number, pk)
    form, status = None, 200
    if request.method == "POST":
        if not message.allows_reply:
            raise PermissionDenied
        form = ReplyForm(request.POST)
        if form.is_valid():
            if not _reply_allowed(request):
                status = 429
                form.add_error(
                    None,
                    ngettext(
                        "Your reply was not sent: you can send %(count)d reply an hour. What you "
                        "wrote is kept below; send it again later.",
                        "Your reply was not sent: you can send %(count)d replies an hour. What "
                        "you wrote is kept below; send it again later.",
                        REPLIES_PER_HOUR,
                    )
                    % {"count": REPLIES_PER_HOUR},
                )
            else:
                try:
                    services.message_reply_create(
                        message=message, sent_by=request.user, body=form.cleaned_data["body"]
                    )
                except services.RepliesClosed as closed:
                    raise PermissionDenied from closed
                messages.success(request, _("Your reply was sent."))
                return redirect("message_detail", number=message.application.number, pk=pk)
    elif message.allows_reply:
        typed = typed_stash_pop(request)
        form = ReplyForm(initial={"body": typed.get("body", "")} if typed else None)
    services.message_mark_read(message=message)
    language = translation.get_language()
    replies = [
        (reply, markers_localise(reply.body, language))
        for reply in selectors.message_replies_for_user(message=message, user=request.user)
    ]
    context = {
        "page_title": message.subject,
        "message": message,
        "application": message.application,
        "replies": replies,
        "form": form,
        "breadcrumbs": _crumbs(message.application),
    }
    return render(request, "applications/message.html", context, status=status)


@require_safe
@account_page
def message_letter(request, number, pk):
    """The message's letter, to the applicant whose application it is about."""
    message = _message(request, number, pk)
    if not message.letter:
        raise Http404
    return letter_response(message)
