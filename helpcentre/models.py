"""The help centre's content: bilingual questions and answers, kept by content editors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from helpcentre.richtext import answer_clean, html_to_text


class HelpTopicQuerySet(models.QuerySet):
    def published(self, language):
        """Topics an applicant may read in ``language``: published, with that language written."""
        question = f"question_{language}"
        return self.filter(is_published=True, **{f"slug_{language}__isnull": False}).exclude(
            Q(**{f"{question}__isnull": True}) | Q(**{question: ""})
        )


class HelpTopic(models.Model):
    """A bilingual question and its answer, kept by content editors in the admin."""

    class Category(models.TextChoices):
        SIGNING_IN = "signing-in", _("Signing in")
        GCKEY = "gckey", _("GCKey")
        PARTNER = "partner", _("Sign-In Partner")
        TWO_STEP = "two-step", _("Two-step verification")
        APPLICATIONS = "applications", _("Applications and status")
        TECHNICAL = "technical", _("Technical problems")

    category = models.CharField(_("category"), max_length=20, choices=Category)
    question = models.CharField(_("question"), max_length=250, blank=True)
    slug = models.SlugField(
        _("address"),
        max_length=100,
        blank=True,
        help_text=_("The end of the page's address; made from the question when left empty."),
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        help_text=_(
            "HTML limited to paragraphs, lists, emphasis and links; anything else is removed "
            "when saved."
        ),
    )
    # The answer as plain text, kept in step on save: what search reads and quotes.
    answer_text = models.TextField(editable=False, blank=True, default="")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    on_signin_page = models.BooleanField(
        _("listed on the sign-in page"),
        default=False,
        help_text=_("Listed under the sign-in page's frequently asked questions."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only a topic written in both English and French can be published."),
    )
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    objects = HelpTopicQuerySet.as_manager()

    class Meta:
        ordering = ["category", "order", "pk"]
        # The table kept its name when the help centre left `portal` (migration 0001).
        db_table = "portal_helptopic"
        verbose_name = _("help topic")
        verbose_name_plural = _("help topics")
        constraints = [
            # One address per topic and language; an unwritten language has no address (NULL).
            models.UniqueConstraint(fields=["slug_en"], name="helptopic_unique_slug_en"),
            models.UniqueConstraint(fields=["slug_fr"], name="helptopic_unique_slug_fr"),
        ]

    def __str__(self):
        # In the reader's language when written, so the French admin lists French questions.
        preferred = f"question_{get_language()}"
        return (
            getattr(self, preferred, None) or self.question_en or self.question_fr or f"#{self.pk}"
        )

    def save(self, *args, **kwargs):
        for language in ("en", "fr"):
            answer = answer_clean(getattr(self, f"answer_{language}") or "")
            setattr(self, f"answer_{language}", answer)
            setattr(self, f"answer_text_{language}", html_to_text(answer))
            if not getattr(self, f"slug_{language}"):
                setattr(self, f"slug_{language}", None)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "answer_text_en", "answer_text_fr"}
        super().save(*args, **kwargs)

    def get_absolute_url(self, language=None):
        language = language or get_language()
        slug = getattr(self, f"slug_{language}")
        with override(language):
            return reverse("help_topic", kwargs={"slug": slug})

    def missing_languages(self):
        """Languages in which the question, its address or its answer is still empty."""
        return [
            language
            for language in ("en", "fr")
            if not all(
                getattr(self, f"{field}_{language}") for field in ("question", "slug", "answer")
            )
        ]

    def clean(self):
        for language in ("en", "fr"):
            question = getattr(self, f"question_{language}")
            if question and not getattr(self, f"slug_{language}"):
                setattr(self, f"slug_{language}", slugify(question)[:100].strip("-") or None)
            answer = getattr(self, f"answer_{language}")
            if answer:
                setattr(self, f"answer_{language}", answer_clean(answer))
        if not (self.question_en or self.question_fr):
            raise ValidationError(_("Write the question in English, in French or in both."))
        if self.is_published and (missing := self.missing_languages()):
            names = ", ".join(str(dict(settings.LANGUAGES)[code]) for code in missing)
            raise ValidationError(
                _("Publish a topic only once it is written in both languages. Missing: %(names)s.")
                % {"names": names}
            )

    def answer_html(self, language):
        """The answer in ``language``, sanitised again on the way out (rows written by
        ``update()`` or ``bulk_create()`` skipped save())."""
        return mark_safe(answer_clean(getattr(self, f"answer_{language}") or ""))  # noqa: S308
