"""Ingest into the store on both backends: folders and feeds, re-runs add nothing, near-duplicates are linked."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ingest.server import Site
from trocha.api import Extractor
from trocha.config import Settings
from trocha.ingest import Ingestor
from trocha.ingest.feeds import Feed
from trocha.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
FAST = Settings(fetch_timeout=1, fetch_retries=1, host_delay_ms=0, fetch_max_bytes=2_000_000)
LONG = ("Colombian army troops clashed with ELN guerrillas on Monday in Tame, Arauca, and four rebels were killed, "
        "the army said in a statement on Tuesday. The fighting took place in a rural area near the road to Fortul, "
        "where the army has reinforced its presence after several attacks on oil infrastructure this year. Local "
        "officials said that dozens of families left their homes during the fighting and found shelter in the town "
        "school, while the regional ombudsman asked both sides to respect the civilian population.")


def test_folder_twice_adds_nothing_the_second_time(store: Store, extractor: Extractor) -> None:
    first = Ingestor(store, FAST, extractor).run(Ingestor(store, FAST).targets([str(FIXTURES / "folder")]))
    counts = store.counts()
    assert first.stored == 5 and first.events > 0
    assert dict(first.rejected) == {"not_json": 1, "unsupported_language": 1, "empty_text": 2, "invalid_utf8": 1,
                                    "unsupported_file": 1, "binary": 1}
    assert counts.articles == 5 and counts.rejected == 7  # j2 (empty) is rejected by the extractor
    second = Ingestor(store, FAST, extractor).run(Ingestor(store, FAST).targets([str(FIXTURES / "folder")]))
    assert (second.stored, second.duplicates, second.events) == (0, 5, 0)
    after = store.counts()
    assert after == counts  # rejects were seen again, not added again
    assert {r.seen for r in store.rejected()} == {2}


def test_near_duplicate_is_linked_not_coded(store: Store, extractor: Extractor, tmp_path: Path) -> None:
    rows = [{"id": "orig", "text": LONG, "published": "2024-05-14"},
            {"id": "copy", "text": "TAME (Wire) - " + LONG.replace("four rebels", "4 rebels"),
             "published": "2024-05-14"},
            {"id": "other", "text": "Police arrested a man in Quito.", "published": "2024-05-14"}]
    src = tmp_path / "b.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ing = Ingestor(store, FAST, extractor)
    s = ing.run(ing.targets([str(src)]))
    assert (s.stored, s.near_duplicates) == (2, 1)
    c = store.counts()
    assert (c.articles, c.near_duplicates) == (3, 1)
    coded = {r.data["article_id"] for r in store.events()}
    assert "copy" not in coded and "orig" in coded


def test_feeds_over_http_with_failures(store: Store, extractor: Extractor, site: Site) -> None:
    feeds = [Feed("Test Courier", site.url("/feed.rss")), Feed("Correo del Sur", site.url("/feed.atom"), lang="es"),
             Feed("Broken feed", site.url("/malformed.xml")), Feed("Dead feed", site.url("/gone.rss"))]
    ing = Ingestor(store, FAST, extractor)
    s = ing.run(ing.feeds(feeds))
    ing.close()
    assert s.stored == 3  # news 1, 2 and 3; news/1.html from the Atom feed is the same canonical URL
    assert dict(s.rejected) == {"http_404": 2, "http_500": 1, "timeout": 1, "too_large": 1, "not_html": 1,
                                "invalid_encoding": 1, "malformed_feed": 1}
    titles = {h.title for h in store.search("Tame")}
    assert titles == {"Clash in Tame leaves four dead"}
    pages_before = sum(n for p, n in site.hits.items() if p in ("/news/1.html", "/news/2.html", "/news/3.html"))
    again = Ingestor(store, FAST, extractor)
    s2 = again.run(again.feeds(feeds[:2]))
    again.close()
    assert s2.stored == 0
    pages_after = sum(n for p, n in site.hits.items() if p in ("/news/1.html", "/news/2.html", "/news/3.html"))
    assert pages_after == pages_before  # stored pages are not fetched again
    sources = {r.source for r in store.events()}
    assert sources <= {"Test Courier", "Correo del Sur"} and "Test Courier" in sources


def test_single_page_url(store: Store, extractor: Extractor, site: Site) -> None:
    ing = Ingestor(store, FAST, extractor)
    s = ing.run(ing.targets([site.url("/news/2.html?utm_campaign=x"), site.url("/news/2.html"),
                             site.url("/feed.atom")]))
    ing.close()
    assert s.stored == 3 and s.duplicates == 1
    urls = {r.url for r in store.events()}
    assert any(u and u.endswith("/news/2.html") for u in urls)
