"""The parity crawl's list stays in step with the URL configuration."""

from tests import crawl


def test_every_named_url_is_crawled_or_has_a_reason(db):
    _entries, unlisted, _missing = crawl.crawl_plan()
    assert unlisted == [], f"add these to tests/crawl.py (PAGES or NOT_PAGES): {unlisted}"


def test_the_crawl_list_names_only_urls_that_exist():
    names = set(crawl.url_names())
    stale = {entry.name for entry in crawl.PAGES} - names
    stale |= set(crawl.NOT_PAGES) - names
    assert stale == set(), f"remove these from tests/crawl.py: {sorted(stale)}"


def test_every_role_has_pages_to_crawl():
    roles = {entry.role for entry in crawl.PAGES}
    assert roles == set(crawl.ROLES) - {
        crawl.TRIAGE,
        crawl.CASE_OFFICER,
        crawl.FINANCE,
        crawl.ADMIN,
    }
