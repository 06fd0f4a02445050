"""Reading rendered pages in tests."""

from bs4 import BeautifulSoup


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def page_facts(response):
    soup = parse(response)
    toggle = soup.select_one(".language-toggle a")
    return {
        "lang": soup.html.get("lang"),
        "title": soup.title.get_text(strip=True),
        "h1": [h.get_text(" ", strip=True) for h in soup.find_all("h1")],
        "toggle": toggle["href"] if toggle else None,
        "alternates": {
            link["hreflang"]: link["href"]
            for link in soup.select('link[rel="alternate"][hreflang]')
        },
    }


def internal_links(response):
    soup = parse(response)
    return sorted({a["href"] for a in soup.find_all("a", href=True) if a["href"].startswith("/")})
