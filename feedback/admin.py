"""Triage in the Django admin: problem reports and support requests."""

import csv
from datetime import timedelta

from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from feedback.categories import Category
from feedback.models import ProblemReport, Status, SupportRequest
from feedback.services import report_triage
from portal.admin_widgets import CappedPaginator
from portal.redaction import MARKER, markers_localise

PAGES_CACHE_SECONDS = 300


class CategoryFilter(admin.SimpleListFilter):
    title = _("category")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return Category.choices

    def queryset(self, request, queryset):
        if self.value() in Category.values:
            return queryset.filter(categories__category=self.value())
        return queryset


class PageFilter(admin.SimpleListFilter):
    """The pages most reported in the last 30 days (counted every few minutes), or any page."""

    title = _("page")
    parameter_name = "path"

    def lookups(self, request, model_admin):
        pages = cache.get("feedback:admin:top-pages")
        if pages is None:
            since = timezone.now() - timedelta(days=30)
            pages = list(
                ProblemReport.objects.filter(received_at__gte=since)
                .values("path")
                .annotate(total=Count("id"))
                .order_by("-total", "path")
                .values_list("path", flat=True)[:20]
            )
            cache.set("feedback:admin:top-pages", pages, PAGES_CACHE_SECONDS)
        if self.value() and self.value() not in pages:
            pages = [self.value(), *pages]
        return [(page, page) for page in pages]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(path=self.value())
        return queryset


def in_language(text, language, *, block=False):
    """What a person wrote, marked with the language they wrote in (WCAG 3.1.2): a screen reader
    reads an English report on a French admin page with English pronunciation."""
    if not text:
        return "—"
    page = get_language()
    parts, last = [], 0
    for marker in MARKER.finditer(text):  # markers in the page's language, marked as such
        parts.append(escape(text[last : marker.start()]))
        parts.append(
            format_html('<span lang="{}">{}</span>', page, markers_localise(marker[0], page))
        )
        last = marker.end()
    parts.append(escape(text[last:]))
    body = mark_safe("".join(parts))  # noqa: S308  (each part escaped above)
    if block:
        return format_html('<div lang="{}">{}</div>', language, linebreaksbr(body))
    return format_html('<span lang="{}">{}</span>', language, body)


def csv_safe(value):
    """Spreadsheets run cells that start with these; a quote keeps them text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Echo:
    def write(self, value):
        return value


class TriageAdmin(admin.ModelAdmin):
    """What both lists share: statuses, assignment, notes and the CSV export."""

    paginator = CappedPaginator
    show_full_result_count = False
    list_per_page = 50
    list_select_related = ("assignee",)
    actions = ("mark_triaged", "mark_resolved", "mark_spam", "assign_to_me")
    change_list_template = "admin/feedback/change_list.html"
    csv_fields = ()

    def csv_rows(self, queryset):
        raise NotImplementedError

    def has_add_permission(self, request):
        return False  # they come from the public forms only

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _set_status(self, request, queryset, status):
        changed = report_triage(reports=queryset, status=status)
        self.message_user(
            request,
            ngettext(
                "%(count)d item marked “%(status)s”.",
                "%(count)d items marked “%(status)s”.",
                changed,
            )
            % {"count": changed, "status": Status(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as triaged"), permissions=["change"])
    def mark_triaged(self, request, queryset):
        self._set_status(request, queryset, Status.TRIAGED)

    @admin.action(description=_("Mark as resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        self._set_status(request, queryset, Status.RESOLVED)

    @admin.action(description=_("Mark as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Status.SPAM)

    @admin.action(description=_("Assign to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        changed = report_triage(reports=queryset, assignee=request.user)
        self.message_user(
            request,
            ngettext("%(count)d item assigned to you.", "%(count)d items assigned to you.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """The list as filtered and searched on screen, every row, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        rows = self.csv_rows(changelist.queryset)
        writer = csv.writer(Echo())
        header = [str(label) for _name, label in self.csv_fields]
        lines = _chain([header], ([csv_safe(value) for value in row] for row in rows))
        response = StreamingHttpResponse(
            (writer.writerow(line) for line in lines), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="{self.opts.model_name}-{stamp}.csv"'
        )
        return response

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "export_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_export")
            + ("?" + request.GET.urlencode() if request.GET else ""),
        }
        return super().changelist_view(request, extra_context)


def _midnight(moment):
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


def _chain(*iterables):
    for iterable in iterables:
        yield from iterable


@admin.register(ProblemReport)
class ProblemReportAdmin(TriageAdmin):
    list_display = ("received_at", "path", "category_labels", "language", "status", "assignee")
    list_display_links = ("received_at",)
    list_filter = (
        "status",
        CategoryFilter,
        "language",
        ("received_at", admin.DateFieldListFilter),
        PageFilter,
    )
    search_fields = ("path",)
    search_help_text = _("Search by page address.")
    readonly_fields = ("path", "page_title", "language", "received_at", "category_labels")
    fields = (*readonly_fields, "status", "assignee", "notes")
    change_list_template = "admin/feedback/problemreport/change_list.html"

    @admin.display(description=_("page title"))
    def page_title(self, report):
        return in_language(report.title, report.language)

    csv_fields = (
        ("id", "ID"),
        ("received_at", _("received")),
        ("path", _("page")),
        ("title", _("page title")),
        ("categories", _("categories")),
        ("language", _("language")),
        ("status", _("status")),
        ("assignee", _("assignee")),
        ("notes", _("internal notes")),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories")

    @admin.display(description=_("categories"))
    def category_labels(self, report):
        return "; ".join(str(Category(code).label) for code in report.category_list)

    def csv_rows(self, queryset):
        for report in queryset.iterator(chunk_size=2000):
            yield [
                report.pk,
                timezone.localtime(report.received_at).isoformat(),
                report.path,
                report.title,
                " ".join(report.category_list),
                report.language,
                report.status,
                report.assignee.get_username() if report.assignee else "",
                report.notes,
            ]

    def get_urls(self):
        return [
            path(
                "summary/",
                self.admin_site.admin_view(self.summary_view),
                name="feedback_problemreport_summary",
            ),
            *super().get_urls(),
        ]

    def summary_view(self, request):
        """Reports per page and per category over the last 7 and 30 days, most reported first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        since_7, since_30 = now - timedelta(days=7), now - timedelta(days=30)
        list_url = reverse("admin:feedback_problemreport_changelist")
        recent = ProblemReport.objects.filter(received_at__gte=since_30)
        pages = (
            recent.values("path")
            .annotate(
                last_7=Count("id", filter=Q(received_at__gte=since_7)),
                last_30=Count("id"),
            )
            .order_by("-last_30", "-last_7", "path")[:50]
        )
        # The same form of date as the admin's own date filter links, so that filter shows it.
        day_30 = {"received_at__gte": str(_midnight(since_30))}
        day_7 = {"received_at__gte": str(_midnight(since_7))}
        page_rows = [
            {
                **row,
                "url_7": f"{list_url}?{urlencode({'path': row['path'], **day_7})}",
                "url_30": f"{list_url}?{urlencode({'path': row['path'], **day_30})}",
            }
            for row in pages
        ]
        counts = dict(
            recent.values_list("categories__category")
            .annotate(total=Count("id"))
            .values_list("categories__category", "total")
        )
        counts_7 = dict(
            recent.filter(received_at__gte=since_7)
            .values_list("categories__category")
            .annotate(total=Count("id"))
            .values_list("categories__category", "total")
        )
        category_rows = sorted(
            (
                {
                    "label": category.label,
                    "last_7": counts_7.get(category.value, 0),
                    "last_30": counts.get(category.value, 0),
                    "url_7": f"{list_url}?{urlencode({'category': category.value, **day_7})}",
                    "url_30": f"{list_url}?{urlencode({'category': category.value, **day_30})}",
                }
                for category in Category
            ),
            key=lambda row: (-row["last_30"], -row["last_7"]),
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Problem reports: summary"),
            "pages": page_rows,
            "categories": category_rows,
        }
        return TemplateResponse(request, "admin/feedback/problemreport/summary.html", context)


@admin.register(SupportRequest)
class SupportRequestAdmin(TriageAdmin):
    list_display = (
        "reference",
        "received_at",
        "kind",
        "page_or_step",
        "language",
        "has_attachment",
        "status",
        "assignee",
    )
    list_filter = ("status", "kind", "language", ("received_at", admin.DateFieldListFilter))
    search_fields = ("reference", "where", "email")
    search_help_text = _("Search by reference number, page or step, or email address.")
    readonly_fields = (
        "reference",
        "received_at",
        "kind",
        "page_or_step",
        "request_description",
        "email",
        "attachment_link",
        "language",
        "consent_at",
    )
    fields = (*readonly_fields, "status", "assignee", "notes")
    csv_fields = (
        ("reference", _("reference number")),
        ("received_at", _("received")),
        ("kind", _("enquiry")),
        ("where", _("page or step")),
        ("description", _("description (redacted)")),
        ("email", _("contact email")),
        ("language", _("language")),
        ("status", _("status")),
        ("assignee", _("assignee")),
        ("notes", _("internal notes")),
    )

    @admin.display(description=_("page or step"), ordering="where")
    def page_or_step(self, support_request):
        return in_language(support_request.where, support_request.language)

    @admin.display(description=_("description (redacted)"))
    def request_description(self, support_request):
        return in_language(support_request.description, support_request.language, block=True)

    @admin.display(boolean=True, description=_("attachment"))
    def has_attachment(self, support_request):
        return bool(support_request.attachment)

    @admin.display(description=_("attachment"))
    def attachment_link(self, support_request):
        if not support_request.attachment:
            return "-"
        url = reverse("admin:feedback_supportrequest_attachment", args=[support_request.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the attachment"))

    def csv_rows(self, queryset):
        for item in queryset.iterator(chunk_size=2000):
            yield [
                item.reference,
                timezone.localtime(item.received_at).isoformat(),
                item.kind,
                item.where,
                item.description,
                item.email,
                item.language,
                item.status,
                item.assignee.get_username() if item.assignee else "",
                item.notes,
            ]

    def get_urls(self):
        return [
            path(
                "<int:pk>/attachment/",
                self.admin_site.admin_view(self.attachment_view),
                name="feedback_supportrequest_attachment",
            ),
            *super().get_urls(),
        ]

    def attachment_view(self, request, pk):
        """The attachment, to staff only, always as a download (never shown in the browser)."""
        support_request = get_object_or_404(SupportRequest, pk=pk)
        if not self.has_view_permission(request, support_request):
            raise PermissionDenied
        if not support_request.attachment:
            raise Http404
        extension = support_request.attachment.name.rsplit(".", 1)[-1]
        return FileResponse(
            support_request.attachment.open("rb"),
            as_attachment=True,
            filename=f"{support_request.reference}.{extension}",
            content_type=support_request.attachment_type or "application/octet-stream",
        )
