"""The Python package against the CLI: the same records and groups as `pith clean --json` and
`pith group --json`, in input order whatever the thread count, and errors that name the input.

The CLI is the binary in $PITH_BIN (.ci/python-check builds it), else target/release/pith of
the cargo target directory; the tests that compare with it are skipped when neither exists."""

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

import pith

ROOT = Path(__file__).resolve().parents[2]
HTML = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "fixtures" / "html").glob("*.html"))
SEEDS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "fixtures").glob("0*.txt"))
RULES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "fixtures" / "rules").iterdir())
ARTICLE = (ROOT / "fixtures" / "html" / "byline-element.html").read_bytes()


def read(name):
    return (ROOT / name).read_bytes()


def same(a, b):
    """Equal keys, values and key order: the JSON texts are the same."""
    return json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


def find_cli():
    given = os.environ.get("PITH_BIN")
    if given:
        assert Path(given).is_file(), f"PITH_BIN={given} is not a file"
        return str(Path(given).resolve())
    target = os.environ.get("CARGO_TARGET_DIR") or str(ROOT / "target")
    built = Path(target) / "release" / "pith"
    return str(built) if built.is_file() else None


@pytest.fixture(scope="session")
def cli():
    binary = find_cli()
    if binary is None:
        pytest.skip("no pith binary: set PITH_BIN or run `cargo build --release` (.ci/python-check does)")

    def run(*args, cwd=ROOT, ok=(0,)):
        done = subprocess.run([binary, *args], cwd=cwd, capture_output=True, check=False)
        assert done.returncode in ok, done.stderr.decode()
        return json.loads(done.stdout)

    return run


# --- clean: the record of `pith clean --json` -------------------------------------------------


@pytest.mark.parametrize("path", HTML + SEEDS + RULES)
def test_clean_gives_the_record_of_the_cli(cli, path):
    assert same(pith.clean(read(path), name=path), cli("clean", "--json", path))


def test_an_html_page_keeps_its_article_and_ledger():
    record = pith.clean(ARTICLE, name="page.html")
    assert record["schema_version"] == 1
    assert record["source"] == "page.html"
    assert record["format"] == "html"
    assert record["text"].startswith("The harbour reopened on Monday")
    assert record["provenance"]["authors"] == ["Maria Gonzalez"]
    segments = record["segments"]
    assert segments[0]["start"] == 0 and segments[-1]["end"] == len(ARTICLE)
    assert all(a["end"] == b["start"] for a, b in zip(segments, segments[1:]))
    assert "".join(s["text"] for s in segments).encode() == ARTICLE


def test_str_and_bytes_give_the_same_record():
    assert same(pith.clean(ARTICLE.decode("utf-8")), pith.clean(ARTICLE))
    assert same(pith.clean(bytearray(ARTICLE)), pith.clean(ARTICLE))
    latin1 = read("fixtures/bad/latin1.txt")
    assert pith.clean(latin1)["encoding"] == "windows-1252"


def test_the_url_goes_into_provenance(cli):
    url = "https://www.example.org/2024/03/04/harbour-reopens"
    record = pith.clean(ARTICLE, url=url, name="fixtures/html/byline-element.html")
    assert record["provenance"]["url"] == url
    assert record["provenance"]["host"] == "example.org"
    assert record["provenance"]["evidence"]["url"]["rule"] == "cli:url"
    assert same(record, cli("clean", "--json", "--url", url, "fixtures/html/byline-element.html"))


def test_the_format_is_sniffed_or_forced(cli):
    assert pith.clean(ARTICLE)["format"] == "html"
    as_text = pith.clean(ARTICLE, format="text", name="fixtures/html/byline-element.html")
    assert as_text["format"] == "text"
    assert all("path" not in s for s in as_text["segments"])
    assert same(as_text, cli("clean", "--json", "--format", "text", "fixtures/html/byline-element.html"))
    markdown = read("fixtures/rules/related.md")
    assert pith.clean(markdown, name="related.md")["format"] == "markdown"
    assert pith.clean(markdown, name="related.md", format="text")["format"] == "text"


def test_favor_is_the_cli_flag(cli):
    path = "fixtures/html/listing.html"
    for favor in ["precision", "recall"]:
        assert same(pith.clean(read(path), name=path, favor=favor), cli("clean", "--json", f"--favor-{favor}", path))


def test_bad_options_are_value_errors():
    with pytest.raises(ValueError, match='format must be "text", "markdown" or "html"'):
        pith.clean(ARTICLE, format="pdf")
    with pytest.raises(ValueError, match='favor must be "precision" or "recall"'):
        pith.clean(ARTICLE, favor="speed")
    with pytest.raises(ValueError, match="threads must be at least 1"):
        pith.clean_many([ARTICLE], threads=0)
    with pytest.raises(ValueError, match="threshold must be between 0 and 1"):
        pith.group([ARTICLE], threshold=50)
    with pytest.raises(ValueError, match="containment must be between 0 and 1"):
        pith.group([ARTICLE], containment=1.5)


def test_empty_input_gives_a_record_with_a_warning(cli):
    for data in [b"", "", b"  \n\n "]:
        record = pith.clean(data, name="empty.txt")
        assert record["text"] == ""
        assert any(w.startswith("empty input") for w in record["warnings"]), record["warnings"]
    path = "fixtures/bad/empty.txt"
    assert same(pith.clean(read(path), name=path), cli("clean", "--json", path))


def test_bad_input_raises_naming_the_document():
    binary = bytes(range(256)) * 8
    with pytest.raises(pith.PithError, match=r"^photo\.jpg: not text: .*control bytes") as caught:
        pith.clean(binary, name="photo.jpg")
    assert isinstance(caught.value, ValueError)
    with pytest.raises(pith.PithError, match=r"^page\.html: input is over the limit of 100 bytes"):
        pith.clean(ARTICLE, name="page.html", max_bytes=100)
    with pytest.raises(pith.PithError, match=r"^doc-2: not text"):
        pith.clean_many([ARTICLE, ARTICLE, binary])
    with pytest.raises(pith.PithError, match=r"^scan\.pdf: not text"):
        pith.clean_many([ARTICLE, ("scan.pdf", binary)])
    with pytest.raises(pith.PithError, match=r'^doc-1: has neither a "html" nor a "text" string field'):
        pith.clean_many([ARTICLE, {"id": "x", "body": "no page here"}])
    with pytest.raises(pith.PithError, match=r"^doc-0: not text: not valid Unicode"):
        pith.clean_many(["a lone surrogate \ud800 here"])


def test_return_exceptions_puts_the_error_in_its_place():
    out = pith.clean_many([ARTICLE, b"\x00" * 64, ARTICLE], return_exceptions=True)
    assert [type(x).__name__ for x in out] == ["dict", "PithError", "dict"]
    assert str(out[1]).startswith("doc-1: not text")


def test_an_item_of_the_wrong_type_is_a_type_error_naming_its_index():
    with pytest.raises(TypeError, match=r"^item 1: expected bytes, str, a \(name, data\) tuple or a dict"):
        pith.clean_many([ARTICLE, 3])
    with pytest.raises(TypeError, match=r"^item 0: a tuple must be \(name: str, data: bytes \| str\)"):
        pith.clean_many([(1, ARTICLE)])
    with pytest.raises(TypeError, match=r"^item 2: a dict must hold JSON values"):
        pith.clean_many([ARTICLE, ARTICLE, {"html": ARTICLE}])
    with pytest.raises(TypeError, match=r"^item 0: expected bytes, str, a \(name, data\) tuple, a dict"):
        pith.group([None])
    with pytest.raises(TypeError, match="data must be bytes or str, got int"):
        pith.clean(3)
    with pytest.raises(TypeError):
        pith.clean_many(7)


# --- clean_many: input order, whatever the threads ---------------------------------------------


def corpus():
    return [(path, read(path)) for path in HTML + SEEDS + RULES]


def test_clean_many_keeps_input_order_and_is_the_same_for_any_thread_count():
    items = corpus() * 3
    runs = [pith.clean_many(items, threads=n) for n in [1, 2, 3, None]]
    assert [r["source"] for r in runs[0]] == [name for name, _ in items]
    first = json.dumps(runs[0], ensure_ascii=False)
    for other in runs[1:]:
        assert json.dumps(other, ensure_ascii=False) == first
    assert same(runs[0][: len(corpus())], [pith.clean(data, name=name) for name, data in corpus()])


def test_clean_many_reads_a_generator_as_it_goes():
    taken = []

    def pages():
        for i in range(50):
            taken.append(i)
            yield f"Paragraph {i} of a page that is long enough to be kept as the body of an article."

    records = pith.clean_many(pages(), threads=2)
    assert taken == list(range(50))
    assert [r["source"] for r in records] == [f"doc-{i}" for i in range(50)]


def test_clean_many_reads_dicts_as_the_cli_reads_jsonl(cli, tmp_path):
    lines = [
        {"id": "a", "url": "https://www.example.org/a", "html": ARTICLE.decode(), "crawl": 7},
        {"id": 2, "text": read("fixtures/000_3cf22583a51e9ceb.txt").decode(), "tags": ["x", {"y": None}]},
    ]
    corpus_file = tmp_path / "in.jsonl"
    corpus_file.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    done = subprocess.run(
        [find_cli(), "clean", "--jsonl-in", "--jsonl", str(corpus_file)], capture_output=True, check=True
    )
    expected = [json.loads(line) for line in done.stdout.decode().splitlines()]
    records = pith.clean_many(lines)
    assert same(records, expected)
    assert records[0]["source"] == "a" and records[1]["source"] == "2"
    assert records[0]["provenance"]["evidence"]["url"]["rule"] == "jsonl:url"
    assert records[0]["extra"] == {"crawl": 7}


# --- group: the groups of `pith group --json` ---------------------------------------------------


def test_group_finds_two_copies_of_one_article(cli):
    groups = pith.group([(path, read(path)) for path in SEEDS])
    assert same(groups, cli("group", "--json", *SEEDS))
    assert [len(g["members"]) for g in groups] == [2, 1, 1, 1]
    assert {m["source"] for m in groups[0]["members"]} == set(SEEDS[:2])
    assert all(m["word_similarity"] == 1.0 for m in groups[0]["members"])


def test_group_reads_records_as_it_reads_pages(cli, tmp_path):
    # A copy of a seed a few words shorter: a copy with a diff.
    text = read(SEEDS[2]).decode()
    edited = text.replace("the", "a", 3)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(edited, encoding="utf-8")
    pages = [("a.txt", text), ("b.txt", edited), ("c.txt", ARTICLE)]
    (tmp_path / "c.txt").write_bytes(ARTICLE)
    groups = pith.group(pages, threads=1)
    assert same(groups, cli("group", "--json", "a.txt", "b.txt", "c.txt", cwd=tmp_path))
    assert same(pith.group(pith.clean_many(pages)), groups)
    member = groups[0]["members"][1]
    assert member["diff"] != "" and 0.9 < member["word_similarity"] < 1.0
    assert same(pith.group(pages, threshold=1.0), cli("group", "--json", "--threshold", "1", "a.txt", "b.txt", "c.txt", cwd=tmp_path))


def test_group_joins_a_truncated_copy_unless_containment_is_none(cli, tmp_path):
    # The first two fifths of a seed: held in the seed, below Jaccard 0.5.
    text = read(SEEDS[3]).decode()
    paragraphs = text.split("\n\n")
    truncated = "\n\n".join(paragraphs[: len(paragraphs) * 2 // 5]) + "\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(truncated, encoding="utf-8")
    pages = [("a.txt", text), ("b.txt", truncated)]
    groups = pith.group(pages)
    assert [len(g["members"]) for g in groups] == [2]
    assert same(groups, cli("group", "--json", "a.txt", "b.txt", cwd=tmp_path))
    apart = pith.group(pages, containment=None)
    assert [len(g["members"]) for g in apart] == [1, 1]
    assert same(apart, cli("group", "--json", "--no-containment", "a.txt", "b.txt", cwd=tmp_path))


def test_a_dict_that_is_not_a_record_is_an_error_naming_it():
    record = pith.clean(ARTICLE)
    del record["segments"]
    with pytest.raises(pith.PithError, match=r"^doc-1: not a pith record: missing field `segments`"):
        pith.group([ARTICLE, record])


# --- ledger and restore: the record gives back its input ---------------------------------------

PAGE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Harbour reopens | Example News</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour reopens</h1>
<p>The harbour reopened on Monday after a storm closed it for three weeks, the port authority said.</p>
<p>Fishing boats were the first to leave, followed by the ferry to the islands at noon — café owners cheered.</p>
</article>
<footer>Subscribe to our newsletter</footer></body></html>
"""
PAGE_TEXT = (
    "Home | World | Sport\n\n"
    "The council passed the budget on Monday after a debate that lasted six hours.\n\n"
    "The vote was seven to two, with the two members against asking for more time.\n\n"
    "Share this article\n"
)
# Not UTF-8: restoring encodes the ledger's text back into windows-1252.
PAGE_LATIN1 = "Le café du port a rouvert lundi après trois semaines de fermeture, a dit la mairie.\n".encode("cp1252")
PAGES = [("page.html", PAGE_HTML.encode()), ("page.txt", PAGE_TEXT.encode()), ("latin1.txt", PAGE_LATIN1)]


@pytest.mark.parametrize("name, data", PAGES)
def test_an_offsets_ledger_holds_byte_ranges_only(name, data):
    full = pith.clean(data, name=name)
    offsets = pith.clean(data, name=name, ledger="offsets")
    assert "ledger" not in full
    assert offsets["ledger"] == "offsets"
    assert all("text" not in s and "content" not in s for s in offsets["segments"])
    assert all("text" in s for s in full["segments"])
    # The same record otherwise: the same body, provenance and segments, less their bytes.
    assert offsets["text"] == full["text"] and same(offsets["provenance"], full["provenance"])
    stripped = [{k: v for k, v in s.items() if k not in ("text", "content")} for s in full["segments"]]
    assert same(offsets["segments"], stripped)


def test_an_offsets_record_is_that_of_the_cli(cli, tmp_path):
    (tmp_path / "page.html").write_text(PAGE_HTML, encoding="utf-8")
    record = pith.clean(PAGE_HTML, name="page.html", ledger="offsets")
    assert same(record, cli("clean", "--json", "--ledger", "offsets", "page.html", cwd=tmp_path))


@pytest.mark.parametrize("name, data", PAGES)
def test_restore_gives_back_the_input_of_a_full_record(name, data):
    restored = pith.restore(pith.clean(data, name=name))
    assert isinstance(restored, bytes) and restored == data
    # The input is checked when given, and need not be.
    assert pith.restore(pith.clean(data, name=name), input=data) == data


@pytest.mark.parametrize("name, data", PAGES)
def test_restore_gives_back_the_input_of_an_offsets_record_from_the_input(name, data):
    record = pith.clean(data, name=name, ledger="offsets")
    assert pith.restore(record, input=data) == data
    assert pith.restore(record, data) == data
    assert pith.restore(record, input=bytearray(data)) == data
    # A record read back from the CLI's JSON text restores alike.
    assert pith.restore(json.loads(json.dumps(record)), input=data) == data


def test_a_str_page_restores_as_its_utf8_bytes():
    record = pith.clean(PAGE_HTML, ledger="offsets")
    assert pith.restore(record, input=PAGE_HTML) == PAGE_HTML.encode()
    assert pith.restore(pith.clean(PAGE_HTML)) == PAGE_HTML.encode()


def test_an_offsets_record_without_its_input_raises():
    record = pith.clean(PAGE_TEXT, name="page.txt", ledger="offsets")
    with pytest.raises(pith.PithError, match=r"^page\.txt: the record's ledger holds byte offsets only") as caught:
        pith.restore(record)
    assert isinstance(caught.value, ValueError)


def test_restore_from_another_input_raises():
    record = pith.clean(PAGE_TEXT, name="page.txt", ledger="offsets")
    other = PAGE_TEXT.replace("Monday", "Friday").encode()
    with pytest.raises(pith.PithError, match=r"^page\.txt: the input given is not the one this record was made from"):
        pith.restore(record, input=other)
    with pytest.raises(pith.PithError, match="not the one this record was made from"):
        pith.restore(pith.clean(PAGE_TEXT, name="page.txt"), input=other)


def test_an_edited_record_does_not_restore():
    record = pith.clean(PAGE_TEXT, name="page.txt")
    # One word for another of the same length: the ledger still covers the input, but not its bytes.
    segment = next(s for s in record["segments"] if "Monday" in s["text"])
    segment["text"] = segment["text"].replace("Monday", "Friday")
    with pytest.raises(pith.PithError, match=r"^page\.txt: the restored bytes do not match the record's input_sha256"):
        pith.restore(record)
    cut = pith.clean(PAGE_TEXT, name="page.txt", ledger="offsets")
    del cut["segments"][-1]
    with pytest.raises(pith.PithError, match=r"^page\.txt: the ledger has a gap or overlap"):
        pith.restore(cut, input=PAGE_TEXT)


def test_restore_takes_records_only():
    record = pith.clean(PAGE_TEXT, name="page.txt")
    del record["segments"]
    with pytest.raises(pith.PithError, match=r"^page\.txt: not a pith record: missing field `segments`"):
        pith.restore(record)
    with pytest.raises(TypeError, match="record must be a dict as pith.clean returns it, got str"):
        pith.restore(PAGE_TEXT)
    with pytest.raises(TypeError, match="record must hold JSON values"):
        pith.restore({"source": "x", "segments": b"bytes"})
    with pytest.raises(TypeError, match="input must be bytes or str, got int"):
        pith.restore(pith.clean(PAGE_TEXT), input=3)


def test_a_bad_ledger_is_a_value_error():
    with pytest.raises(ValueError, match=r'^ledger must be "full" or "offsets", not "bytes"$'):
        pith.clean(PAGE_TEXT, ledger="bytes")
    with pytest.raises(ValueError, match='ledger must be "full" or "offsets"'):
        pith.clean_many([PAGE_TEXT], ledger="Offsets")
    with pytest.raises(TypeError):
        pith.clean(PAGE_TEXT, ledger=None)


def test_clean_many_makes_offsets_records_that_restore_from_their_inputs():
    records = pith.clean_many(PAGES, threads=2, ledger="offsets")
    assert [r["source"] for r in records] == [name for name, _ in PAGES]
    assert all(r["ledger"] == "offsets" for r in records)
    assert all("text" not in s for r in records for s in r["segments"])
    assert [pith.restore(r, input=data) for r, (_, data) in zip(records, PAGES)] == [data for _, data in PAGES]
    full = pith.clean_many(PAGES, threads=2)
    assert [r["text"] for r in records] == [r["text"] for r in full]
    # Grouping reads no ledger: records of either shape give the same groups.
    assert same(pith.group(records), pith.group(full))


# --- the module ------------------------------------------------------------------------------


def test_the_gil_is_released_while_cleaning():
    page = "\n\n".join(f"Paragraph {i} of a long page, with words enough to be read as prose." for i in range(40000))
    ticks = []
    worker = threading.Thread(target=pith.clean, args=(page,))
    started = time.perf_counter()
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.002)
    took = time.perf_counter() - started
    # Holding the GIL, pith would let this thread tick at most once or twice while it cleans.
    assert took > 0.1, f"the page took {took:.3f} s: too quick to tell"
    assert len(ticks) >= 10, f"{len(ticks)} ticks in {took:.3f} s"


def test_version_docstrings_and_type_stubs():
    assert pith.__version__ == pith.clean(b"text")["provenance"]["pith_version"]
    for function in [pith.clean, pith.clean_many, pith.group, pith.restore]:
        assert "GIL" in function.__doc__ or "Raises" in function.__doc__
    package = Path(pith.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "__init__.pyi").is_file() or (package / "pith.pyi").is_file()

