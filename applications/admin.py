from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from applications import services
from applications.models import Application, ApplicationType, Message, Step, StepChange
from portal.admin_widgets import LabelledTabularInline


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


class MessageInline(LabelledTabularInline):
    model = Message
    fields = ("subject", "sent_at", "read_at", "sender")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Messages sent")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Sent by"))
    def sender(self, message):
        return message.sent_by or "—"


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

    def clean(self):
        data = super().clean()
        if data.get("notify"):
            for name in self.MESSAGE_FIELDS:
                if not data.get(name, "").strip():
                    self.add_error(name, _("Write the message in both languages."))
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
    readonly_fields = ("account", "linked_at", "unlink", "link_history", "history")
    inlines = [StepInline, MessageInline]
    fieldsets = (
        (None, {"fields": ("number", "uci", "type", "received_on", "status")}),
        (_("Applicant as submitted"), {"fields": ("family_name", "given_names", "date_of_birth")}),
        (_("Secure account"), {"fields": ("account", "linked_at", "unlink", "link_history")}),
        (
            _("Message to the applicant"),
            {"fields": ("notify", *ApplicationAdminForm.MESSAGE_FIELDS)},
        ),
        (_("History"), {"fields": ("history",)}),
    )

    @admin.display(boolean=True, description=_("linked"))
    def linked(self, application):
        return application.account_id is not None

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
            message = services.message_send(
                application=application,
                sent_by=request.user,
                **{
                    name.removeprefix("message_"): form.cleaned_data[name]
                    for name in ApplicationAdminForm.MESSAGE_FIELDS
                },
            )
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
