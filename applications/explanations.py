"""What each step means for the applicant, in each state: short, plain, in both languages."""

from django.utils.translation import gettext_lazy as _

from applications.models import Step

K, S = Step.Kind, Step.State

EXPLANATIONS = {
    (K.ELIGIBILITY, S.NOT_STARTED): _(
        "We have not started reviewing whether you meet the requirements."
    ),
    (K.ELIGIBILITY, S.IN_PROGRESS): _(
        "We are reviewing whether you meet the requirements. We will contact you if we need more information."
    ),
    (K.ELIGIBILITY, S.COMPLETED): _(
        "We have finished reviewing whether you meet the requirements."
    ),
    (K.ELIGIBILITY, S.NOT_APPLICABLE): _(
        "You do not need an eligibility review for this application."
    ),
    (K.MEDICAL, S.NOT_STARTED): _("We have not received your medical exam results yet."),
    (K.MEDICAL, S.IN_PROGRESS): _("We are reviewing your medical exam results."),
    (K.MEDICAL, S.COMPLETED): _(
        "We have received and processed your medical exam results. You do not need to do anything."
    ),
    (K.MEDICAL, S.NOT_APPLICABLE): _("You do not need a medical exam for this application."),
    (K.DOCUMENTS, S.NOT_STARTED): _("We have not asked you for more documents."),
    (K.DOCUMENTS, S.IN_PROGRESS): _(
        "We asked you for more documents. Check your messages for what to send and by when."
    ),
    (K.DOCUMENTS, S.COMPLETED): _("We have received the documents we asked for."),
    (K.DOCUMENTS, S.NOT_APPLICABLE): _("We do not need more documents from you."),
    (K.INTERVIEW, S.NOT_STARTED): _("We have not decided whether you need an interview."),
    (K.INTERVIEW, S.IN_PROGRESS): _(
        "You need an interview. We will send you a message with the date, time and place."
    ),
    (K.INTERVIEW, S.COMPLETED): _("Your interview is done."),
    (K.INTERVIEW, S.NOT_APPLICABLE): _("You do not need an interview."),
    (K.BIOMETRICS, S.NOT_STARTED): _(
        "We have not received your biometrics (fingerprints and photo) yet."
    ),
    (K.BIOMETRICS, S.IN_PROGRESS): _("We are processing your biometrics."),
    (K.BIOMETRICS, S.COMPLETED): _(
        "We have received and processed your biometrics. You do not need to do anything."
    ),
    (K.BIOMETRICS, S.NOT_APPLICABLE): _("You do not need to give biometrics for this application."),
    (K.BACKGROUND, S.NOT_STARTED): _("We have not started your background check."),
    (K.BACKGROUND, S.IN_PROGRESS): _(
        "We are doing your background check. You do not need to do anything unless we contact you."
    ),
    (K.BACKGROUND, S.COMPLETED): _("Your background check is done."),
    (K.BACKGROUND, S.NOT_APPLICABLE): _("You do not need a background check for this application."),
    (K.FINAL_DECISION, S.NOT_STARTED): _("We have not made a final decision on your application."),
    (K.FINAL_DECISION, S.IN_PROGRESS): _("We are making a final decision on your application."),
    (K.FINAL_DECISION, S.COMPLETED): _(
        "We have made a final decision. Check your messages for the decision and next steps."
    ),
    (K.FINAL_DECISION, S.NOT_APPLICABLE): _("A final decision is not needed for this application."),
}


def explanation(step):
    return EXPLANATIONS[(step.kind, step.state)]
