"""Every email the portal sends: built in the reader's language, delivered by a background task.

A request never talks to the mail server. It builds the message (so the words are those of the
reader's language and the links those of this site), then queues its parts once the transaction
that caused it has committed. The answer is therefore the same, and as fast, whether the address
belongs to an account or not, and whether the mail server is up, slow or down.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


def email_build(*, to, template_prefix, context, language) -> EmailMultiAlternatives:
    """The message from ``<prefix>_subject.txt``, ``_message.txt`` and ``_message.html``."""
    with translation.override(language):
        context = {**context, "language": language}
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{template_prefix}_message.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=list(to),
        )
        html: str
        try:
            html = render_to_string(f"{template_prefix}_message.html", context)
        except TemplateDoesNotExist:
            html = ""
    if html:
        message.attach_alternative(html, "text/html")
    return message


def email_queue(message: EmailMultiAlternatives) -> None:
    """Queue a built message for the background worker, after the current transaction commits."""
    html = next(
        (content for content, mimetype in message.alternatives if mimetype == "text/html"), ""
    )
    payload = {
        "to": list(message.to),
        "subject": message.subject,
        "body": message.body,
        "html": html,
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
    }
    # Robust: a queue that fails is logged and never turns an answer already committed (a stored
    # request, a changed password) into an error page.
    transaction.on_commit(lambda: email_deliver.enqueue(**payload), robust=True)


def email_send(*, to, template_prefix, context, language) -> None:
    """Build and queue: what most callers want."""
    email_queue(
        email_build(to=to, template_prefix=template_prefix, context=context, language=language)
    )


def email_deliver_now(*, to, subject, body, html="", from_email=None, headers=None) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@task()
def email_deliver(*, to, subject, body, html="", from_email=None, headers=None):
    """The background half: talk to the mail server. A failure is the worker's, never a page's."""
    email_deliver_now(
        to=to, subject=subject, body=body, html=html, from_email=from_email, headers=headers
    )
    return True
