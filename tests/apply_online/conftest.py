import io
import json

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from apply_online.demo import FIXTURE, forms_load

PERSONAL = {
    "family_name": "Côté-O’Brien",
    "given_names": "Marie Ève",
    "native_name": "",
    "date_of_birth": "1990-04-02",
    "sex": "f",
    "country_of_birth": "France",
    "citizenship": "France",
}
PASSPORT = {
    "passport_number": "AB123456",
    "passport_country": "France",
    "passport_issued": "2020-01-15",
    "passport_expiry": "2033-01-14",
}
CONTACT = {"email": "marie@example.com", "phone": "+33 1 23 45 67 89", "address": "1 rue de Paris"}
TRANSIT = {"arrival_date": "2030-06-01", "connecting_flight": "AC870", "destination": "Mexique"}
HISTORY = {"criminal_record": "no", "refused_before": "no", "refused_details": ""}
TRANSIT_ANSWERS = [PERSONAL, PASSPORT, CONTACT, TRANSIT, HISTORY]


@pytest.fixture
def forms(db):
    """The demo types, forms and checklists, as `seed_demo` loads them."""
    forms_load(json.loads(FIXTURE.read_text(encoding="utf-8")))
    from applications.models import ApplicationType

    return {t.code: t for t in ApplicationType.objects.filter(online=True)}


@pytest.fixture(autouse=True)
def documents_storage(monkeypatch, tmp_path):
    """Each test's documents in its own folder (the field's storage is fixed at start-up)."""
    from django.core.files.storage import FileSystemStorage

    from apply_online.models import DraftDocument

    location = tmp_path / "documents"
    field = DraftDocument._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=str(location)))
    return location


def png(width=40, height=30, color=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def jpeg(width=40, height=30):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def transit_draft(forms, applicant):
    from apply_online.services import draft_start

    return draft_start(user=applicant, application_type=forms["transit-visa"])


def fill(draft, *answers):
    """Answer the draft's sections, as Continue would."""
    from apply_online.services import draft_section_save

    for position, typed in enumerate(answers, start=1):
        draft = draft_section_save(
            draft_id=draft.pk, user=draft.account, position=position, typed=typed, complete=True
        )
    return draft


def attach(draft, code, data=None, mime="image/png", name="scan.png"):
    from apply_online.models import ChecklistItem
    from apply_online.services import document_attach

    item = ChecklistItem.objects.get(type=draft.type, code=code)
    return document_attach(
        draft_id=draft.pk,
        user=draft.account,
        item=item,
        content=ContentFile(data or png()),
        mime=mime,
        name=name,
    )


@pytest.fixture
def ready_draft(transit_draft):
    """A transit-visa draft with every answer and every required document."""
    draft = fill(transit_draft, *TRANSIT_ANSWERS)
    for code in ("passport", "photo", "onward_ticket"):
        attach(draft, code)
    return draft
