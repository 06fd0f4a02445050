"""Background work: emails that announce messages, so a slow mail server never slows staff."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from portal.mail import email_build, email_deliver_now


@task()
def new_message_email(message_id):
    """Tell the applicant there is a new message: never its content, in their language."""
    from applications.models import Message

    message = Message.objects.select_related("application__account").filter(pk=message_id).first()
    account = message.application.account if message else None
    if account is None or not account.email:
        return False
    language = account.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        sign_in_url = settings.PORTAL_BASE_URL + reverse("account_login")
    email = email_build(
        to=[account.email],
        template_prefix="applications/email/new_message",
        context={"sign_in_url": sign_in_url},
        language=language,
    )
    html = next((body for body, mimetype in email.alternatives if mimetype == "text/html"), "")
    email_deliver_now(
        to=email.to, subject=email.subject, body=email.body, html=html, from_email=email.from_email
    )
    return True
