from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import account_page
from document_requests import selectors, services
from document_requests.forms import ItemUploadForm, SendForm
from portal.files import document_response
from portal.uploads import document_prepare


def _request(request, number, pk):
    found = selectors.request_get_for_user(user=request.user, number=number, pk=pk)
    if found is None:
        raise Http404
    return found


def _upload(request, document_request, items):
    """One item's files: (the form with its error) or None once kept."""
    item = next((i for i in items if str(i.pk) == request.POST.get("item")), None)
    if item is None:
        raise Http404
    form = ItemUploadForm(request.POST, request.FILES, item=item)
    if form.is_valid():
        try:
            content, mime, name = document_prepare(form.cleaned_data["files"])
            with content:
                services.document_attach(
                    request_id=document_request.pk,
                    user=request.user,
                    item_id=item.pk,
                    content=content,
                    mime=mime,
                    name=name,
                )
        except ValidationError as error:
            form.add_error("files", error)
        else:
            messages.success(request, _("Uploaded: %(name)s.") % {"name": item.label})
            return None
    return form


@require_http_methods(["GET", "HEAD", "POST"])
@account_page
def request_detail(request, number, pk):
    document_request = _request(request, number, pk)
    here = reverse("document_request", args=[number, pk])
    items = list(document_request.items.all())
    failed, send_form, missing = None, SendForm(), []
    if request.method == "POST":
        if not document_request.is_open:
            messages.info(request, _("These documents were already sent."))
            return redirect(here)
        action = request.POST.get("action")
        try:
            if action == "upload":
                failed = _upload(request, document_request, items)
                if failed is None:
                    return redirect(here)
            elif action == "remove":
                item_id = request.POST.get("item", "")
                if not (item_id.isascii() and item_id.isdigit()):
                    raise Http404
                services.document_remove(
                    request_id=document_request.pk, user=request.user, item_id=int(item_id)
                )
                messages.success(request, _("The file was deleted."))
                return redirect(here)
            elif action == "send":
                send_form = SendForm(request.POST)
                if send_form.is_valid():
                    try:
                        services.request_send(
                            request_id=document_request.pk,
                            user=request.user,
                            reply=send_form.cleaned_data["reply"],
                        )
                    except services.NotComplete as incomplete:
                        missing = incomplete.missing
                    else:
                        messages.success(
                            request,
                            _("Your documents were sent. The officer will review them."),
                        )
                        return redirect("application_detail", number)
            else:
                raise Http404
        except services.RequestClosed:
            messages.info(request, _("These documents were already sent."))
            return redirect(here)
    slots = [
        (item, failed if failed is not None and failed.item == item else ItemUploadForm(item=item))
        for item in items
    ]
    has_errors = failed is not None or bool(missing) or bool(send_form.errors)
    context = {
        "page_title": gettext_lazy("Send the documents we asked for"),
        "document_request": document_request,
        "application": document_request.application,
        "slots": slots,
        "send_form": send_form,
        "form": failed or (send_form if send_form.errors else None),
        "missing": missing,
        "breadcrumbs": [
            (gettext_lazy("My account"), reverse("account_home")),
            (number, reverse("application_detail", args=[number])),
        ],
    }
    return render(
        request, "document_requests/detail.html", context, status=400 if has_errors else 200
    )


@require_safe
@account_page
def request_document_file(request, number, pk, item_id):
    document = selectors.document_get_for_user(
        user=request.user, number=number, pk=pk, item_id=item_id
    )
    if document is None:
        raise Http404
    return document_response(document)
