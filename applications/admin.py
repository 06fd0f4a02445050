from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat, linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from applications import services
from applications.files import letter_response
from applications.models import Application, ApplicationType, Message, Step, StepChange
from portal.admin_widgets import LabelledTabularInline
from portal.redaction import markers_localise
from portal.uploads import check_attachment, upload_rebuild


@admin.register(ApplicationType)
class ApplicationTypeAdmin(TranslationAdmin):
    list_display = ("code", "name", "online", "fee")
    list_filter = ("online",)


class StepInline(LabelledTabularInline):
    model = Step
    fields = ("kind", "state", "updated_on")
    readonly_fields = ("kind", "updated_on")
    extra = 0
    can_delete = False
    ordering = ("id",)

    def has_add_permission(self, request, obj=None):
        return False


def _with_reply_counts(messages):
    return messages.annotate(
        reply_count=Count("replies"),
        unread_reply_count=Count("replies", filter=Q(replies__read_at__isnull=True)),
    )


def _replies_summary(message):
    """ "2 replies, 1 unread", linking to the thread; "—" for a message nobody answered."""
    total, unread = message.reply_count, message.unread_reply_count
    if not total:
        return _("Replies allowed, none yet") if message.allows_reply else "—"
    text = ngettext("%(count)d reply", "%(count)d replies", total) % {"count": total}
    if unread:
        text += ", " + ngettext("%(count)d unread", "%(count)d unread", unread) % {"count": unread}
    url = reverse("admin:applications_message_change", args=[message.pk])
    if unread:
        return format_html('<a href="{}"><strong>{}</strong></a>', url, text)
    return format_html('<a href="{}">{}</a>', url, text)


def _letter_link(message):
    if not message.letter:
        return "—"
    return format_html(
        '<a href="{}">{}</a> ({})',
        reverse("admin:applications_message_letter", args=[message.pk]),
        message.letter_name,
        filesizeformat(message.letter_size or 0),
    )


class MessageInline(LabelledTabularInline):
    model = Message
    fields = ("subject", "sent_at", "read_at", "sender", "letter_shown", "replies_shown")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Messages sent")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return _with_reply_counts(super().get_queryset(request).select_related("sent_by"))

    @admin.display(description=_("Sent by"))
    def sender(self, message):
        return message.sent_by or "—"

    @admin.display(description=_("Letter"))
    def letter_shown(self, message):
        return _letter_link(message)

    @admin.display(description=_("Replies"))
    def replies_shown(self, message):
        return _replies_summary(message)


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """A message as the applicant got it, with its letter and the applicant's replies.

    Read-only: what was sent stays as it was sent. Opening a message marks its replies read.
    """

    list_display = ("subject", "application", "sent_at", "allows_reply", "replies_shown")
    list_filter = ("allows_reply",)
    search_fields = ("application__number", "subject_en", "subject_fr")
    list_select_related = ("application",)
    date_hierarchy = "sent_at"
    fields = (
        "application",
        "subject_english",
        "subject_french",
        "body_english",
        "body_french",
        "sent_at",
        "sent_by_shown",
        "read_at",
        "allows_reply",
        "letter_shown",
        "thread",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return _with_reply_counts(super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Each language's text marked with its language, whatever the admin's language.
    @admin.display(description=_("subject in English"))
    def subject_english(self, message):
        return format_html('<span lang="en">{}</span>', message.subject_en)

    @admin.display(description=_("subject in French"))
    def subject_french(self, message):
        return format_html('<span lang="fr">{}</span>', message.subject_fr)

    @admin.display(description=_("message in English"))
    def body_english(self, message):
        return format_html('<div lang="en">{}</div>', linebreaksbr(message.body_en))

    @admin.display(description=_("message in French"))
    def body_french(self, message):
        return format_html('<div lang="fr">{}</div>', linebreaksbr(message.body_fr))

    @admin.display(description=_("Sent by"))
    def sent_by_shown(self, message):
        return message.sent_by or "—"

    @admin.display(description=_("Replies"))
    def replies_shown(self, message):
        return _replies_summary(message)

    @admin.display(description=_("Letter"))
    def letter_shown(self, message):
        return _letter_link(message)

    @admin.display(description=_("Replies from the applicant (redacted), oldest first"))
    def thread(self, message):
        replies = message.replies.select_related("sent_by")
        if not replies:
            return _("No replies.")
        language = get_language()
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(reply.sent_at).strftime("%Y-%m-%d %H:%M %Z"),
                    reply.sent_by or "—",
                    _("new") if reply.read_at is None else "",
                    linebreaksbr(markers_localise(reply.body, language)),
                )
                for reply in replies
            ),
        )
        header = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            _("sent"),
            _("account"),
            _("status"),
            _("reply (redacted)"),
        )
        return format_html('<table class="reply-thread">{}{}</table>', header, rows)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        message = self.get_object(request, object_id)
        if message is not None and request.method in ("GET", "HEAD"):

            def mark_read(rendered):
                # Shown as new this once, then read: marked once the page is rendered (a
                # callback that returned something would replace the response).
                services.replies_mark_read(message=message)

            response.add_post_render_callback(mark_read)
        return response

    def get_urls(self):
        letter = path(
            "<path:object_id>/letter/",
            self.admin_site.admin_view(self.letter_download),
            name="applications_message_letter",
        )
        return [letter, *super().get_urls()]

    def letter_download(self, request, object_id):
        if not self.has_view_permission(request):
            raise Http404
        message = self.get_object(request, object_id)
        if message is None or not message.letter:
            raise Http404
        return letter_response(message)


class UnlinkForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Kept in the application's history. The applicant does not see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ApplicationAdminForm(forms.ModelForm):
    """The application, plus an optional message to the applicant in both languages."""

    notify = forms.BooleanField(
        label=_("Send a message to the applicant"),
        required=False,
        help_text=_("They get an email saying they have a new message (never its content)."),
    )
    message_subject_en = forms.CharField(
        label=_("Subject (English)"), max_length=200, required=False
    )
    message_subject_fr = forms.CharField(
        label=_("Subject (French)"), max_length=200, required=False
    )
    message_body_en = forms.CharField(
        label=_("Message (English)"), widget=forms.Textarea, required=False
    )
    message_body_fr = forms.CharField(
        label=_("Message (French)"), widget=forms.Textarea, required=False
    )
    message_allows_reply = forms.BooleanField(
        label=_("The applicant may reply to this message"),
        required=False,
        help_text=_(
            "Their replies (2,000 characters at most, personal numbers removed) show on the "
            "message's page in the admin."
        ),
    )
    message_letter = forms.FileField(
        label=_("Letter (PDF)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_(
            "Optional. A PDF of 4 MB or less, which the applicant downloads from the message. "
            "It is checked and rebuilt before it is kept."
        ),
    )
    MESSAGE_FIELDS = (
        "message_subject_en",
        "message_subject_fr",
        "message_body_en",
        "message_body_fr",
    )

    class Meta:
        model = Application
        fields = [
            "number",
            "uci",
            "type",
            "received_on",
            "status",
            "family_name",
            "given_names",
            "date_of_birth",
        ]

    letter_name = ""

    def clean_message_letter(self):
        """The letter, checked by its content and rebuilt (``portal.uploads``), or None."""
        upload = self.cleaned_data.get("message_letter")
        if not upload:
            return None
        try:
            mime, _extension = check_attachment(upload)
        except ValidationError as error:
            if error.code != "bad_type":
                raise
            mime = None
        if mime != "application/pdf":
            raise ValidationError(
                _(
                    "A letter must be a PDF document, and this file is not one. Save it as a PDF "
                    "and choose it again."
                ),
                code="not_pdf",
            )
        self.letter_name = upload.name
        return upload_rebuild(upload, mime, name="letter.pdf")

    def clean(self):
        data = super().clean()
        if data.get("notify"):
            for name in self.MESSAGE_FIELDS:
                if not data.get(name, "").strip():
                    self.add_error(name, _("Write the message in both languages."))
        elif data.get("message_letter") or data.get("message_allows_reply"):
            self.add_error(
                "notify",
                _("A letter or replies go with a message: tick this box and write the message."),
            )
        return data


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    form = ApplicationAdminForm
    list_display = (
        "number",
        "family_name",
        "given_names",
        "type",
        "status",
        "received_on",
        "linked",
    )
    list_filter = ("status", "type")
    search_fields = ("number", "uci", "family_name", "given_names")
    list_select_related = ("type",)
    readonly_fields = (
        "account",
        "linked_at",
        "unlink",
        "link_history",
        "document_requests",
        "history",
    )
    inlines = [StepInline, MessageInline]
    fieldsets = (
        (None, {"fields": ("number", "uci", "type", "received_on", "status")}),
        (_("Applicant as submitted"), {"fields": ("family_name", "given_names", "date_of_birth")}),
        (_("Secure account"), {"fields": ("account", "linked_at", "unlink", "link_history")}),
        (
            _("Message to the applicant"),
            {
                "fields": (
                    "notify",
                    *ApplicationAdminForm.MESSAGE_FIELDS,
                    "message_allows_reply",
                    "message_letter",
                )
            },
        ),
        (_("Documents"), {"fields": ("document_requests",)}),
        (_("History"), {"fields": ("history",)}),
    )

    @admin.display(boolean=True, description=_("linked"))
    def linked(self, application):
        return application.account_id is not None

    @admin.display(description=_("Document requests"))
    def document_requests(self, application):
        """Links to the document requests app's admin (by URL name: this app imports none)."""
        if application.pk is None:
            return "—"
        add = reverse("admin:document_requests_documentrequest_add")
        listed = reverse("admin:document_requests_documentrequest_changelist")
        return format_html(
            '<a class="button" href="{}?application={}">{}</a> <a href="{}?q={}">{}</a>',
            add,
            application.pk,
            _("Ask the applicant for documents"),
            listed,
            application.number,
            _("This application's requests"),
        )

    @admin.display(description=_("Unlink"))
    def unlink(self, application):
        if application.account_id is None:
            return _("Not linked to an account.")
        url = reverse("admin:applications_application_unlink", args=[application.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Unlink from this account"))

    @admin.display(description=_("Links and unlinks"))
    def link_history(self, application):
        changes = application.link_changes.select_related("account", "changed_by")
        if not changes:
            return _("Never linked.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(change.at).strftime("%Y-%m-%d %H:%M %Z"),
                    change.get_action_display(),
                    change.account or "—",
                    change.changed_by or "—",
                    change.reason or "—",
                )
                for change in changes
            ),
        )
        header = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            _("time"),
            _("action"),
            _("account"),
            _("by"),
            _("reason"),
        )
        return format_html("<table>{}{}</table>", header, rows)

    def get_urls(self):
        unlink = path(
            "<path:object_id>/unlink/",
            self.admin_site.admin_view(self.unlink_view),
            name="applications_application_unlink",
        )
        return [unlink, *super().get_urls()]

    def unlink_view(self, request, object_id):
        """Take an application back from an account, with a reason kept in its history."""
        if not request.user.has_perm("applications.unlink_application"):
            raise PermissionDenied
        application = self.get_object(request, object_id)
        if application is None:
            raise Http404
        form = UnlinkForm(request.POST or None)
        change_url = reverse("admin:applications_application_change", args=[application.pk])
        if application.account_id is None:
            return redirect(change_url)
        if request.method == "POST" and form.is_valid():
            services.application_unlink(
                application=application,
                changed_by=request.user,
                reason=form.cleaned_data["reason"],
            )
            self.message_user(request, _("The application is no longer linked to the account."))
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Unlink application %(number)s") % {"number": application.number},
            "application": application,
            "form": form,
            "opts": self.opts,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/applications/application/unlink.html", context)

    @admin.display(description=_("Changes to the steps"))
    def history(self, application):
        changes = StepChange.objects.filter(step__application=application).select_related(
            "step", "changed_by"
        )
        if not changes:
            return _("No changes yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    change.changed_at.strftime("%Y-%m-%d %H:%M"),
                    change.step.get_kind_display(),
                    change.get_old_state_display(),
                    change.get_new_state_display(),
                    change.changed_by or "—",
                    _("message sent") if change.message_id else "",
                )
                for change in changes
            ),
        )
        return format_html("<table>{}</table>", rows)

    def save_related(self, request, form, formsets, change):
        application = form.instance
        message = None
        if form.cleaned_data.get("notify"):
            letter = form.cleaned_data.get("message_letter")
            try:
                message = services.message_send(
                    application=application,
                    sent_by=request.user,
                    allows_reply=form.cleaned_data.get("message_allows_reply", False),
                    letter=letter,
                    letter_name=form.letter_name,
                    **{
                        name.removeprefix("message_"): form.cleaned_data[name]
                        for name in ApplicationAdminForm.MESSAGE_FIELDS
                    },
                )
            finally:
                if letter is not None:
                    letter.close()  # a temporary file, gone when closed
        for formset in formsets:
            if formset.model is Step:
                formset.save(commit=False)  # what changed, for the admin's log; saved below
                for step_form in formset.forms:
                    if step_form.instance.pk and "state" in step_form.changed_data:
                        services.step_update(
                            step=Step.objects.get(pk=step_form.instance.pk),
                            state=step_form.cleaned_data["state"],
                            changed_by=request.user,
                            message=message,
                        )
            else:
                formset.save()
        services.application_steps_ensure(application=application)
