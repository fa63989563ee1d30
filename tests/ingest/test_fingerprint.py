"""Article identity: canonical URLs, content fingerprints, simhash distances."""

from __future__ import annotations

import pytest

from trocha.ingest.fingerprint import canonical_url, content_fingerprint, jaccard, lsh_bands

BASE = ("Colombian army troops clashed with ELN guerrillas on Monday in Tame, Arauca, and four rebels were killed, "
        "the army said in a statement on Tuesday. The fighting took place in a rural area near the road to Fortul, "
        "where the army has reinforced its presence after several attacks on oil infrastructure this year. Local "
        "officials said that dozens of families left their homes during the fighting and found shelter in the town "
        "school, while the regional ombudsman asked both sides to respect the civilian population and to allow "
        "humanitarian aid to reach the villages along the river.")


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://www.Example.com/a/b/?utm_source=rss&id=3#top", "https://example.com/a/b?id=3"),
    ("http://example.com:80/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com:8443/x/", "https://example.com:8443/x"),
    ("https://example.com", "https://example.com/"),
    ("  ", None),
    (None, None),
    ("urn:test:1", "urn:test:1"),
])
def test_canonical_url(url: str | None, canonical: str | None) -> None:
    assert canonical_url(url) == canonical


def test_fingerprint_ignores_spacing_case_and_accents_only() -> None:
    assert content_fingerprint("Ataque en  Cúcuta\n") == content_fingerprint("ataque en CUCUTA")
    assert content_fingerprint("Ataque en Cúcuta") != content_fingerprint("Ataque en Tibú")


def test_near_duplicates_share_a_band_and_a_high_jaccard() -> None:
    copy = "TAME (Wire) - " + BASE.replace("four rebels", "4 rebels") + " (Wire report)"
    other = ("Cientos de transportadores protestaron el martes en Cúcuta contra el alza del precio de la gasolina y "
             "bloquearon el puente internacional durante cuatro horas, mientras la policía vigilaba los accesos.")
    assert lsh_bands(BASE) == lsh_bands(" ".join(BASE.split()).upper())
    assert jaccard(BASE, copy) >= 0.8
    assert set(lsh_bands(BASE)) & set(lsh_bands(copy))
    assert jaccard(BASE, other) == 0.0
    assert not set(lsh_bands(BASE)) & set(lsh_bands(other))
    assert jaccard("", BASE) == 0.0
