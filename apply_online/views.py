from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import account_form_page, account_page, typed_stash_pop
from apply_online import eligibility, selectors, services
from apply_online.forms import (
    DeclarationForm,
    DocumentUploadForm,
    ReferenceCodeForm,
    answer_display,
    section_form,
)
from portal import throttle
from portal.files import document_response
from portal.uploads import document_prepare

ELIGIBILITY_KEY = "eligibility_answers"
CODES_KEY = "eligibility_codes"
# Guessing codes: a few tries an hour from one account or one address.
CODE_TRIES, CODE_PERIOD = 10, 3600
# Making codes (anyone can): enough for a family, not for filling the table.
CODES_MADE, CODES_MADE_PERIOD = 20, 3600


def _posted(request):
    """The posted data, or None for a GET: an empty post is still a post (and its errors show)."""
    return request.POST if request.method == "POST" else None


def _home_crumbs(*extra):
    return [(gettext_lazy("My account"), reverse("account_home")), *extra]


def _date(value):
    """A date or a moment as the applicant's calendar shows it (the site's time zone)."""
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return formats.date_format(value, "Y-m-d")


def _eligibility_crumbs():
    return [(gettext_lazy("Find out if you can apply"), reverse("eligibility_index"))]


# --- Find out if you can apply (public) ------------------------------------------------------


def _programme(slug):
    programme = eligibility.programme_for_slug(slug)
    if programme is None:
        raise Http404
    return programme


def _alternates(request, name, programme, **kwargs):
    """This page's address in each language: the programme's slug is translated too."""
    paths = {}
    for language in programme.slugs:
        with translation.override(language):
            paths[language] = reverse(
                name, kwargs={"programme": programme.slugs[language], **kwargs}
            )
    request.alternate_paths = paths


def _answers(request, programme):
    return dict(request.session.get(ELIGIBILITY_KEY, {}).get(programme.code, {}))


def _first_unanswered(programme, answers):
    """The number of the first question still to answer; None when all are (or one stops)."""
    for number, ask in enumerate(programme.questions, start=1):
        if ask.name not in answers:
            return number
        if answers[ask.name] in ask.stops:
            return None
    return None


@require_safe
def eligibility_index(request):
    context = {
        "page_title": gettext_lazy("Find out if you can apply"),
        "programmes": [
            (programme, programme.slugs[translation.get_language()])
            for programme in eligibility.PROGRAMMES
        ],
    }
    return render(request, "apply_online/eligibility_index.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def eligibility_question(request, programme, number):
    programme = _programme(programme)
    if not 1 <= number <= len(programme.questions):
        raise Http404
    slug = programme.slugs[translation.get_language()]
    answers = _answers(request, programme)
    first_open = _first_unanswered(programme, answers)
    if first_open is not None and number > first_open:  # no skipping ahead
        return redirect("eligibility_question", programme=slug, number=first_open)
    ask = programme.questions[number - 1]
    form = eligibility.QuestionForm(
        _posted(request), ask=ask, initial={"answer": answers.get(ask.name)}
    )
    if request.method == "POST" and form.is_valid():
        answer = form.cleaned_data["answer"]
        if answers.get(ask.name) != answer:  # a changed answer: later ones are asked again
            later = {a.name for a in programme.questions[number:]}
            answers = {k: v for k, v in answers.items() if k not in later}
        answers[ask.name] = answer
        stored = request.session.get(ELIGIBILITY_KEY, {})
        stored[programme.code] = answers
        request.session[ELIGIBILITY_KEY] = stored
        if answer in ask.stops or number == len(programme.questions):
            return redirect("eligibility_result", programme=slug)
        return redirect("eligibility_question", programme=slug, number=number + 1)
    _alternates(request, "eligibility_question", programme, number=number)
    back = (
        reverse("eligibility_question", kwargs={"programme": slug, "number": number - 1})
        if number > 1
        else reverse("eligibility_index")
    )
    context = {
        "page_title": ask.label,
        "programme": programme,
        "form": form,
        "number": number,
        "total": len(programme.questions),
        "back_url": back,
        "breadcrumbs": _eligibility_crumbs(),
    }
    return render(request, "apply_online/eligibility_question.html", context)


def _code_for(request, programme, answers):
    """The reference code of these answers: the same one if the page is shown again."""
    codes = request.session.get(CODES_KEY, {})
    kept = codes.get(programme.code)
    if kept and kept["answers"] == answers:
        found = selectors.reference_code_get(code=kept["code"])
        if found is not None:
            return found
    if not throttle.allow(
        request, scope="reference_code_made", limit=CODES_MADE, period=CODES_MADE_PERIOD
    ):
        return None
    code = services.reference_code_create(type_code=programme.type_for(answers), answers=answers)
    codes[programme.code] = {"code": code.code, "answers": answers}
    request.session[CODES_KEY] = codes
    return code


@require_safe
def eligibility_result(request, programme):
    programme = _programme(programme)
    slug = programme.slugs[translation.get_language()]
    answers = _answers(request, programme)
    first_open = _first_unanswered(programme, answers)
    if first_open is not None:
        return redirect("eligibility_question", programme=slug, number=first_open)
    _alternates(request, "eligibility_result", programme)
    last_asked = max(n for n, ask in enumerate(programme.questions, start=1) if ask.name in answers)
    context = {
        "programme": programme,
        "back_url": reverse(
            "eligibility_question", kwargs={"programme": slug, "number": last_asked}
        ),
        "breadcrumbs": _eligibility_crumbs(),
    }
    reason = programme.stop_reason(answers)
    application_type = None if reason else selectors.type_online(programme.type_for(answers))
    if application_type is None:
        context.update(
            page_title=_("You cannot apply online with these answers"),
            reason=reason or _("This application is not available online yet."),
        )
        return render(request, "apply_online/eligibility_result.html", context)
    code = _code_for(request, programme, answers)
    context.update(
        page_title=_("You may be eligible to apply"),
        application_type=application_type,
        code=code,
        expires_on=_date(code.expires_at) if code else None,
    )
    return render(request, "apply_online/eligibility_result.html", context)


# --- Start an application --------------------------------------------------------------------


def _code_error(problem):
    if problem.reason == problem.NOT_FOUND:
        return _(
            "We cannot find this code. Check each character against the page that gave it to "
            "you (the code has no letter O or I and no digit 0 or 1), then enter it again."
        )
    if problem.reason == problem.EXPIRED:
        return _(
            "This code expired on %(date)s. Codes are valid for 60 days: answer the questions "
            "again to get a new one."
        ) % {"date": _date(problem.when)}
    return _(
        "This code was already used to start an application on %(date)s. A code starts one "
        "application only: find it under “Applications you have not submitted” in your account."
    ) % {"date": _date(problem.when)}


@require_http_methods(["GET", "HEAD", "POST"])
@account_page
def apply_start(request):
    form = ReferenceCodeForm(_posted(request))
    code_error = None
    if request.method == "POST" and form.is_valid():
        # `&`, not `and`: each try counts against both the address and the account.
        allowed = throttle.allow(
            request, scope="reference_code_try", limit=CODE_TRIES, period=CODE_PERIOD
        ) & throttle.allow_key(
            f"account:{request.user.pk}",
            scope="reference_code_try",
            limit=CODE_TRIES,
            period=CODE_PERIOD,
        )
        if not allowed:
            code_error = _(
                "For your security, codes can be tried %(count)d times an hour. Try again in an "
                "hour, or answer the questions again to get a new code."
            ) % {"count": CODE_TRIES}
        else:
            try:
                draft = services.reference_code_redeem(
                    user=request.user, code=form.cleaned_data["code"]
                )
            except services.CodeProblem as problem:
                code_error = _code_error(problem)
            else:
                messages.success(
                    request,
                    _("Your application is started. Your answers are saved at each step."),
                )
                return redirect("draft_step", draft_id=draft.pk, position=1)
    context = {
        "page_title": gettext_lazy("Start an application"),
        "form": form,
        "code_error": code_error,
        "breadcrumbs": _home_crumbs(),
    }
    return render(request, "apply_online/start.html", context)


# --- Drafts ----------------------------------------------------------------------------------


def _draft(request, draft_id):
    draft = selectors.draft_get_for_user(user=request.user, draft_id=draft_id)
    if draft is None:
        raise Http404
    return draft


def _closed(draft):
    """Where a submitted draft's pages lead: its application."""
    if draft.application_id:
        return redirect("application_detail", draft.application.number)
    return redirect("account_home")


def _draft_crumbs(draft):
    return _home_crumbs((draft.type.name, reverse("draft_review", args=[draft.pk])))


def _saved_message(request, draft):
    messages.success(
        request,
        _("Your application is saved. If you do not change it, it will be deleted on %(date)s.")
        % {"date": _date(draft.deleted_on)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@account_form_page
def draft_step(request, draft_id, position):
    draft = _draft(request, draft_id)
    if not draft.is_editable:
        return _closed(draft)
    sections = selectors.sections_for(draft.type)
    section = next((s for s in sections if s.position == position), None)
    if section is None:
        raise Http404
    if request.method == "POST":
        form = section_form(section, answers=draft.answers, data=request.POST)
        typed = form.typed_answers()
        language = request.POST.get("_language")
        switching = language in dict(settings.LANGUAGES)
        valid = form.is_valid()
        # Switching language saves what was typed and leaves the section as complete as it was.
        complete = (position in draft.sections_done and valid) if switching else valid
        try:
            draft = services.draft_section_save(
                draft_id=draft.pk,
                user=request.user,
                position=position,
                typed=typed,
                complete=complete,
            )
        except services.DraftClosed:
            return _closed(draft)
        if switching:
            return redirect(translate_url(request.path, language))
        if "save_exit" in request.POST:
            _saved_message(request, draft)
            return redirect("account_home")
        if valid:
            later = [s.position for s in sections if s.position > position]
            if later:
                return redirect("draft_step", draft_id=draft.pk, position=later[0])
            return redirect("draft_documents", draft_id=draft.pk)
    else:
        typed = typed_stash_pop(request)
        form = section_form(section, answers={**draft.answers, **(typed or {})})
    request.toggle_form = "step-form"
    index = sections.index(section)
    back = (
        reverse("draft_step", args=[draft.pk, sections[index - 1].position])
        if index
        else reverse("account_home")
    )
    context = {
        "page_title": section.title,
        "draft": draft,
        "section": section,
        "form": form,
        "number": index + 1,
        "total": len(sections) + 2,  # the sections, then documents and review
        "back_url": back,
        "breadcrumbs": _draft_crumbs(draft),
    }
    return render(request, "apply_online/step.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@account_page
def draft_documents(request, draft_id):
    draft = _draft(request, draft_id)
    if not draft.is_editable:
        return _closed(draft)
    checklist = selectors.checklist_for(draft)
    held = {document.item_id: document for document in selectors.documents_of(draft)}
    failed = None
    if request.method == "POST":
        item = next((i for i in checklist if i.code == request.POST.get("item")), None)
        if item is None:
            raise Http404
        form = DocumentUploadForm(request.POST, request.FILES, item=item)
        if form.is_valid():
            try:
                content, mime, name = document_prepare(form.cleaned_data["files"])
                with content:  # a temporary file, gone when closed
                    services.document_attach(
                        draft_id=draft.pk,
                        user=request.user,
                        item=item,
                        content=content,
                        mime=mime,
                        name=name,
                    )
            except ValidationError as error:
                form.add_error("files", error)
                failed = form
            except services.DraftClosed:
                return _closed(draft)
            else:
                messages.success(request, _("Uploaded: %(name)s.") % {"name": item.name})
                return redirect("draft_documents", draft_id=draft.pk)
        else:
            failed = form
    slots = []
    for item in checklist:
        form = (
            failed if failed is not None and failed.item == item else DocumentUploadForm(item=item)
        )
        slots.append((item, held.get(item.pk), form))
    positions = selectors.section_positions(draft.type)
    context = {
        "page_title": gettext_lazy("Upload your documents"),
        "draft": draft,
        "slots": slots,
        "form": failed,  # for the error summary
        "number": len(positions) + 1,
        "total": len(positions) + 2,
        "back_url": reverse("draft_step", args=[draft.pk, positions[-1]])
        if positions
        else reverse("account_home"),
        "breadcrumbs": _draft_crumbs(draft),
    }
    return render(request, "apply_online/documents.html", context, status=400 if failed else 200)


@require_safe
@account_page
def draft_document_file(request, draft_id, item):
    document = selectors.document_get_for_user(user=request.user, draft_id=draft_id, item_code=item)
    if document is None:
        raise Http404
    return document_response(document)


@require_POST
@account_page
def draft_document_delete(request, draft_id, item):
    draft = _draft(request, draft_id)
    checklist_item = next((i for i in selectors.checklist_for(draft) if i.code == item), None)
    if checklist_item is None:
        raise Http404
    try:
        if services.document_remove(draft_id=draft.pk, user=request.user, item=checklist_item):
            messages.success(request, _("Deleted: %(name)s.") % {"name": checklist_item.name})
    except services.DraftClosed:
        return _closed(draft)
    return redirect("draft_documents", draft_id=draft.pk)


def _summary(draft, sections):
    """(section, [(question, answer shown)]) for every section."""
    return [
        (
            section,
            [
                (question, answer_display(question, draft.answers.get(question.name, "")))
                for question in section.questions.all()
            ],
        )
        for section in sections
    ]


def _declared_name(draft):
    answers = draft.answers
    return " ".join(filter(None, [answers.get("given_names"), answers.get("family_name")]))


@require_http_methods(["GET", "HEAD", "POST"])
@account_page
def draft_review(request, draft_id):
    draft = _draft(request, draft_id)
    if not draft.is_editable:
        return _closed(draft)
    sections = selectors.sections_for(draft.type)
    checklist = selectors.checklist_for(draft)
    documents = selectors.documents_of(draft)
    problems = services.draft_problems(draft, sections, checklist, documents)
    fee = draft.type.fee
    payment_next = bool(fee) and draft.fee_paid_at is None
    form = DeclarationForm(_posted(request), expected_name=_declared_name(draft))
    if request.method == "POST" and not problems and form.is_valid() and payment_next:
        try:
            services.draft_declare(
                draft_id=draft.pk,
                user=request.user,
                declaration_name=form.cleaned_data["full_name"],
            )
        except services.DraftClosed:
            return _closed(draft)
        return redirect("payment_pay", draft_id=draft.pk)
    if request.method == "POST" and not problems and form.is_valid():
        try:
            application = services.draft_submit(
                draft_id=draft.pk,
                user=request.user,
                declaration_name=form.cleaned_data["full_name"],
            )
        except services.SubmissionRefused as refused:
            problems = refused.problems
        except services.DraftClosed:
            return _closed(draft)
        else:
            messages.success(
                request,
                _(
                    "Your application is submitted. Your application number is %(number)s. "
                    "We sent you a message in your account to confirm."
                )
                % {"number": application.number},
            )
            return redirect("application_detail", application.number)
    held = {document.item_id: document for document in documents}
    context = {
        "page_title": gettext_lazy("Check your answers and submit"),
        "draft": draft,
        "summary": _summary(draft, sections),
        "documents": [(item, held.get(item.pk)) for item in checklist],
        "problems": problems,
        "fee": fee,
        "payment_next": payment_next,
        "form": form,
        "number": len(sections) + 2,
        "total": len(sections) + 2,
        "back_url": reverse("draft_documents", args=[draft.pk]),
        "breadcrumbs": _home_crumbs(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "apply_online/review.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@account_page
def draft_delete(request, draft_id):
    draft = _draft(request, draft_id)
    if not draft.is_editable:
        return _closed(draft)
    if request.method == "POST":
        try:
            services.draft_delete(draft_id=draft.pk, user=request.user)
        except services.DraftClosed:
            return _closed(draft)
        except services.FeePaid:
            messages.error(
                request,
                _(
                    "This application’s fee is paid, so it cannot be deleted. Submit it, or "
                    "contact us to ask for a refund."
                ),
            )
            return redirect("draft_review", draft_id=draft.pk)
        messages.success(request, _("Your unsubmitted application was deleted."))
        return redirect("account_home")
    context = {
        "page_title": gettext_lazy("Delete this application?"),
        "draft": draft,
        "breadcrumbs": _draft_crumbs(draft),
    }
    return render(request, "apply_online/delete.html", context)


@require_safe
@account_page
def submitted_document_file(request, number, item):
    document = selectors.submitted_document_get_for_user(
        user=request.user, number=number, item_code=item
    )
    if document is None:
        raise Http404
    return document_response(document)
