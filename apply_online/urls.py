from django.urls import path
from django.utils.translation import gettext_lazy as _

import applications.urls  # noqa: F401  (registers the application_number converter)
from apply_online import views

urlpatterns = [
    path(_("apply/eligibility/"), views.eligibility_index, name="eligibility_index"),
    path(
        _("apply/eligibility/<slug:programme>/question-<int:number>/"),
        views.eligibility_question,
        name="eligibility_question",
    ),
    path(
        _("apply/eligibility/<slug:programme>/result/"),
        views.eligibility_result,
        name="eligibility_result",
    ),
    path(_("account/apply/"), views.apply_start, name="apply_start"),
    path(
        _("account/apply/<uuid:draft_id>/section-<int:position>/"),
        views.draft_step,
        name="draft_step",
    ),
    path(
        _("account/apply/<uuid:draft_id>/documents/"),
        views.draft_documents,
        name="draft_documents",
    ),
    path(
        _("account/apply/<uuid:draft_id>/documents/<slug:item>/"),
        views.draft_document_file,
        name="draft_document_file",
    ),
    path(
        _("account/apply/<uuid:draft_id>/documents/<slug:item>/delete/"),
        views.draft_document_delete,
        name="draft_document_delete",
    ),
    path(_("account/apply/<uuid:draft_id>/review/"), views.draft_review, name="draft_review"),
    path(_("account/apply/<uuid:draft_id>/delete/"), views.draft_delete, name="draft_delete"),
    path(
        _("account/applications/<application_number:number>/documents/<slug:item>/"),
        views.submitted_document_file,
        name="submitted_document_file",
    ),
]
