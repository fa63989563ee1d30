"""Local readers: a folder of text, HTML and JSONL files with bad files among them, each reject with its reason."""

from __future__ import annotations

from pathlib import Path

from trocha.ingest.docs import Doc
from trocha.ingest.files import iter_path
from trocha.store import RejectIn

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "folder"


def test_folder_reads_every_kind_and_rejects_with_reasons() -> None:
    items = list(iter_path(FOLDER))
    docs = {i.ext_id: i for i in items if isinstance(i, Doc)}
    rejects = sorted((Path(r.ref.split(":")[0].split("#")[0]).name, r.reason) for r in items
                     if isinstance(r, RejectIn))
    assert sorted(docs) == ["es/nota", "es/pagina", "j1", "j2", "j4", "report-en"]
    assert rejects == [("batch.jsonl", "not_json"), ("batch.jsonl", "unsupported_language"),
                       ("empty.txt", "empty_text"), ("latin1.txt", "invalid_utf8"), ("notes.docx", "unsupported_file"),
                       ("photo.txt", "binary")]
    page = docs["es/pagina"]
    assert page.title == "Desplazamiento en Tibú"
    assert page.lang == "es" and str(page.published) == "2024-06-03"
    assert "Más de cien familias" in page.text and "todos los derechos" not in page.text  # boilerplate dropped
    assert str(docs["j1"].published) == "2024-06-02"
    # j2 has an empty text: parse_line accepts it, the extractor rejects it later as empty_text.
    assert all(d.source is not None and d.source.kind == "folder" for d in docs.values())


def test_single_file_and_missing_path(tmp_path: Path) -> None:
    one = list(iter_path(FOLDER / "report-en.txt"))
    assert len(one) == 1 and isinstance(one[0], Doc) and one[0].ext_id == "report-en"
    missing = list(iter_path(tmp_path / "nope"))
    assert isinstance(missing[0], RejectIn) and missing[0].reason == "not_found"


def test_too_large_file_is_rejected_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    (item,) = list(iter_path(big, max_bytes=1000))
    assert isinstance(item, RejectIn) and item.reason == "too_large"
