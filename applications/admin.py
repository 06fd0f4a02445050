from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from applications import services
from applications.models import Application, ApplicationType, Message, Step, StepChange
from portal.admin_widgets import LabelledTabularInline


@admin.register(ApplicationType)
class ApplicationTypeAdmin(TranslationAdmin):
    list_display = ("code", "name")


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
    readonly_fields = ("account", "linked_at", "history")
    inlines = [StepInline, MessageInline]
    fieldsets = (
        (None, {"fields": ("number", "uci", "type", "received_on", "status")}),
        (_("Applicant as submitted"), {"fields": ("family_name", "given_names", "date_of_birth")}),
        (_("Secure account"), {"fields": ("account", "linked_at")}),
        (
            _("Message to the applicant"),
            {"fields": ("notify", *ApplicationAdminForm.MESSAGE_FIELDS)},
        ),
        (_("History"), {"fields": ("history",)}),
    )

    @admin.display(boolean=True, description=_("linked"))
    def linked(self, application):
        return application.account_id is not None

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
