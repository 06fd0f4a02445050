from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.models import Notice
from tests.factories import NoticeFactory
from tests.html import parse

pytestmark = pytest.mark.django_db


def notice_texts(client, url):
    soup = parse(client.get(url))
    return [n.get_text(" ", strip=True) for n in soup.select(".featured .notice, .alert")]


def test_notice_is_shown_only_inside_its_dates(client):
    now = timezone.now()
    NoticeFactory(body_en="Current notice", starts_at=now - timedelta(days=1))
    NoticeFactory(body_en="Future notice", starts_at=now + timedelta(days=1))
    NoticeFactory(
        body_en="Expired notice",
        starts_at=now - timedelta(days=10),
        ends_at=now - timedelta(seconds=1),
    )
    NoticeFactory(
        body_en="Ending notice", starts_at=now - timedelta(days=1), ends_at=now + timedelta(hours=1)
    )
    texts = " ".join(notice_texts(client, "/en/sign-in/"))
    assert "Current notice" in texts
    assert "Ending notice" in texts
    assert "Future notice" not in texts
    assert "Expired notice" not in texts


def test_notice_is_shown_in_the_pages_language(client):
    NoticeFactory(
        title_en="Outage", title_fr="Panne", body_en="Down tonight", body_fr="En panne ce soir"
    )
    assert notice_texts(client, "/en/sign-in/") == ["Outage Down tonight"]
    assert notice_texts(client, "/fr/ouvrir-session/") == ["Panne En panne ce soir"]


def test_alert_notices_are_shown_as_alerts(client):
    NoticeFactory(kind=Notice.Kind.WARNING, title_en="Maintenance", body_en="Saturday")
    soup = parse(client.get("/en/sign-in/"))
    alert = soup.select_one(".alert-warning")
    assert alert is not None
    assert "Maintenance" in alert.get_text()
    assert soup.select_one(".featured") is None


def test_notice_text_is_escaped(client):
    NoticeFactory(body_en="<script>alert(1)</script>")
    html = client.get("/en/sign-in/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_notice_must_end_after_it_starts():
    now = timezone.now()
    notice = NoticeFactory.build(starts_at=now, ends_at=now - timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert "ends_at" in error.value.message_dict


def test_date_modified_follows_the_newest_notice(client):
    notice = NoticeFactory()
    Notice.objects.filter(pk=notice.pk).update(updated_at=timezone.now() + timedelta(days=400))
    expected = timezone.localdate(timezone.now() + timedelta(days=400)).isoformat()
    soup = parse(client.get("/en/sign-in/"))
    assert soup.select_one(".date-modified time")["datetime"] == expected


def test_admin_edits_both_languages_side_by_side(admin_client):
    response = admin_client.get("/en/admin/portal/notice/add/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("title_en", "title_fr", "body_en", "body_fr"):
        assert f'name="{field}"' in html
    assert "cdn" not in html.lower()


def test_admin_requires_the_french_text(admin_client):
    response = admin_client.post(
        "/en/admin/portal/notice/add/",
        {
            "slug": "outage",
            "kind": "info",
            "order": "0",
            "title_en": "Outage",
            "body_en": "Down tonight",
            "title_fr": "",
            "body_fr": "",
            "starts_at_0": "2026-01-01",
            "starts_at_1": "00:00:00",
        },
    )
    assert response.status_code == 200
    assert not Notice.objects.filter(slug="outage").exists()
