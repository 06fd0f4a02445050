"""Background work: emails that announce messages, so a slow mail server never slows staff."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task


@task()
def new_message_email(message_id):
    """Tell the applicant there is a new message: never its content, in their language."""
    from applications.models import Message

    message = Message.objects.select_related("application__account").filter(pk=message_id).first()
    account = message.application.account if message else None
    if account is None or not account.email:
        return False
    with translation.override(account.preferred_language or settings.LANGUAGE_CODE):
        context = {"sign_in_url": settings.PORTAL_BASE_URL + reverse("account_login")}
        email = EmailMultiAlternatives(
            subject=render_to_string("applications/email/new_message_subject.txt", context).strip(),
            body=render_to_string("applications/email/new_message_message.txt", context),
            to=[account.email],
        )
        email.attach_alternative(
            render_to_string("applications/email/new_message_message.html", context), "text/html"
        )
        email.send()
    return True
