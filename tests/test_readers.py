"""Readers (bytes -> Documents) and page-furniture removal, on small fixtures and the seed article."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.errors import LoaderError
from loaders.furniture import credit_agencies, is_headline_like, strip_furniture
from loaders.model import Document
from loaders.readers import feed as feed_module
from loaders.registry import get_reader, readers
from tests.mutate import mutate

FIX = Path(__file__).parent / "fixtures" / "readers"
DEV = Path("/work/shared/corpus/dev")
SEED = DEV / "000_0de029b275bb23bd.txt"
BUILTIN = ("txt.v1", "html.v1", "rss.v1", "jsonl.v1")


def run(reader: str, data: bytes, name: str = "x") -> list:
    """Every item a reader yields: Documents and per-item LoaderErrors."""
    return list(get_reader(reader)(data, name=name))


def docs(reader: str, data: bytes, name: str = "x") -> list[Document]:
    items = run(reader, data, name)
    assert all(isinstance(i, Document) for i in items), items
    return items


def code_of(reader: str, data: bytes, name: str = "x") -> str:
    with pytest.raises(LoaderError) as exc:
        run(reader, data, name)
    return exc.value.code


def test_builtin_readers_are_registered_with_sniffers():
    specs = readers()
    for name in BUILTIN:
        assert specs[name].sniff is not None and specs[name].extensions


# ---------------------------------------------------------------- txt.v1

def test_txt_front_matter_gives_metadata_and_url_as_source():
    [d] = docs("txt.v1", (FIX / "front_matter.txt").read_bytes(), "front_matter.txt")
    assert d.url == d.source == "https://news.example/2005/11/14/treaty"
    assert d.title == "Russia and Uzbekistan sign alliance treaty"
    assert d.published == "2005-11-14" and isinstance(d.published, str)
    assert (d.publisher, d.license, d.reader) == ("Example News", "CC BY 4.0", "txt.v1")
    assert "---" not in d.text and "extra:" not in d.text


def test_txt_dateline_credit_becomes_provenance():
    [d] = docs("txt.v1", (FIX / "front_matter.txt").read_bytes(), "front_matter.txt")
    assert d.credits == ("Reuters",)
    assert d.text.startswith("Russia and Uzbekistan signed an alliance treaty on Monday")


def test_txt_without_front_matter_has_no_date_and_file_name_as_source():
    [d] = docs("txt.v1", b"Russia and Uzbekistan signed a treaty on Monday.", "plain.txt")
    assert d.published is None and d.url is None and d.source == "plain.txt"


@pytest.mark.parametrize("value, expected", [
    ("2005-11-14", "2005-11-14"),  # YAML date object
    ("2005-11-14 23:30:00", "2005-11-14"),  # YAML datetime
    ('"14 November 2005"', "2005-11-14"),
    ('"Nov 14, 2005"', "2005-11-14"),
    ('"sometime in 2005"', None),  # not a whole date: never completed with today's day or month
    ('"yesterday"', None),
    ("", None),
])
def test_txt_published_is_normalised_to_iso_or_none(value, expected):
    data = f"---\npublished: {value}\n---\nThe talks ended on Monday.\n".encode()
    [d] = docs("txt.v1", data, "a.txt")
    assert d.published == expected


@pytest.mark.parametrize("front, needle", [
    ('---\ntitle: "unclosed\n---\nBody.\n', "not valid YAML"),
    ("---\ntitle: A\nBody without a closing line.\n", "never closed"),
    ("---\n- a\n- b\n---\nBody.\n", "key: value"),
    ("---\ntitle: [a, b]\n---\nBody.\n", "single value"),
])
def test_txt_bad_front_matter_is_E109_saying_what_is_wrong(front, needle):
    with pytest.raises(LoaderError) as exc:
        run("txt.v1", front.encode(), "a.txt")
    assert exc.value.code == "E109" and needle in exc.value.message


def test_txt_bad_front_matter_fixture_names_the_line():
    with pytest.raises(LoaderError, match=r"E109.*line \d"):
        run("txt.v1", (FIX / "bad_front_matter.txt").read_bytes(), "bad_front_matter.txt")


def test_txt_yaml_alias_bomb_in_front_matter_is_refused_not_expanded():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"a{i}: &a{i} [*{'a' if i == 1 else 'a' + str(i - 1)}, *{'a' if i == 1 else 'a' + str(i - 1)}]\n"
    bomb += "title: *a8\n---\nBody text.\n"
    assert code_of("txt.v1", bomb.encode(), "a.txt") == "E109"


def test_txt_legacy_encoding_is_detected():
    [d] = docs("txt.v1", (FIX / "cp1252.txt").read_bytes(), "cp1252.txt")
    assert d.text.startswith("Uzbekistan\u2019s president") and "\u201cstrategic partnership\u201d" in d.text


def test_txt_utf16_with_bom_and_crlf_are_read():
    data = codecs.BOM_UTF16_LE + "Talks began.\r\nThey ended.\r\n".encode("utf-16-le")
    [d] = docs("txt.v1", data, "a.txt")
    assert d.text == "Talks began.\nThey ended."


@pytest.mark.parametrize("data, code", [
    (b"", "E101"),
    (b" \n\t\n", "E101"),
    (b"Talks\x00\x00 began.", "E103"),
    (b"abc \xc3\x28 then valid \xc3\xa9", "E104"),  # damaged UTF-8 is not guessed as another encoding
    (b"The summit \xed\xa0\x80 ended.", "E105"),  # a surrogate encoded in UTF-8 bytes
    (b"---\ntitle: Only metadata\n---\n", "E116"),
])
def test_txt_bad_input_gets_numbered_error(data, code):
    assert code_of("txt.v1", data, "a.txt") == code


def test_txt_over_the_size_limit_is_E106():
    from loaders.readers import MAX_TEXT_BYTES

    assert code_of("txt.v1", b"a" * (MAX_TEXT_BYTES + 1)) == "E106"


# ---------------------------------------------------------------- the seed article

@pytest.fixture
def seed() -> Document:
    if not SEED.exists():
        pytest.skip("dev corpus not present")
    [d] = docs("txt.v1", SEED.read_bytes(), SEED.name)
    return d


def test_seed_has_no_date_and_its_file_name_as_source(seed):
    assert seed.published is None and seed.source == "000_0de029b275bb23bd.txt" and seed.url is None


def test_seed_credit_line_is_provenance_not_body(seed):
    assert seed.credits == ("Reuters", "AP", "AFP")
    assert "(Reuters" not in seed.text


def test_seed_related_articles_and_promo_lines_are_gone(seed):
    for furniture in ("RELATED ARTICLES", "Germany Likely To Leave Uzbek Base", "Factbox Of Uzbek-Russian Relations",
                      "THE COMPLETE STORY", "CHRONOLOGY", "click here"):
        assert furniture not in seed.text
    assert seed.text.endswith("partnership agreement with Uzbekistan.\"")


def test_seed_prose_and_mid_article_headings_are_kept(seed):
    for body in ("Putin today signed into law a bill", "Moscow has supported the Uzbek government's rejection",
                 "BETWEEN EAST AND WEST: One of the ramifications", "Uzbekistan kicked the United States out of the "
                 "Karshi-Khanabad air base", "Uzbekistan, Russia, And The West"):
        assert body in seed.text


@pytest.mark.skipif(not DEV.exists(), reason="dev corpus not present")
@pytest.mark.parametrize("path", sorted(DEV.glob("*.txt")) if DEV.exists() else [], ids=lambda p: p.name[:3])
def test_dev_article_long_lines_all_survive(path):
    # Furniture removal must never eat prose: every long line of the body is still there.
    [d] = docs("txt.v1", path.read_bytes(), path.name)
    body = path.read_text().split("\n---\n", 1)[-1]
    for line in body.split("\n"):
        if len(line) > 180:
            assert line.strip() in d.text


# ---------------------------------------------------------------- furniture

@pytest.mark.parametrize("heading", ["Related articles", "RELATED STORIES", "Related links:", "See also",
                                     "Read more", "More on this story", "Most popular", "Most read",
                                     "You may also like", "Related"])
def test_furniture_heading_drops_the_link_list_after_it(heading):
    text = ("Russia and China held joint naval drills on Friday. Officials called them routine.\n"
            f"{heading}\nBases On Opposite Tracks\nthe geopolitical game in central asia\n"
            "Officials in Beijing said the drills would continue next year. They gave no details.")
    c = strip_furniture(text)
    assert heading not in c.text and "Opposite Tracks" not in c.text and "geopolitical game" not in c.text
    assert c.text.startswith("Russia and China") and c.text.endswith("They gave no details.")


@pytest.mark.parametrize("line", ["For the full timeline, click here.", "Subscribe to our newsletter",
                                  "SUBSCRIBE", "Share this article", "Follow us on Twitter",
                                  "Copyright 2005 Example News. All rights reserved.", "Advertisement"])
def test_furniture_promo_lines_are_dropped(line):
    c = strip_furniture(f"Talks began in Moscow.\n{line}\nThey ended in agreement.")
    assert c.text == "Talks began in Moscow.\nThey ended in agreement."


def test_furniture_keeps_prose_that_mentions_subscribing():
    text = "Kyrgyzstan will subscribe to the treaty's terms, officials said.\nThe vote is due in May."
    assert strip_furniture(text).text == text


@pytest.mark.parametrize("line, agencies", [
    ("(Reuters, AP, AFP)", ("Reuters", "AP", "AFP")),
    ("(AP)", ("AP",)),
    ("— Reuters", ("Reuters",)),
    ("- AFP/Reuters", ("AFP", "Reuters")),
    ("Reporting by Reuters and Interfax", ("Reuters", "Interfax")),
    ("(with reporting from AFP and dpa)", ("AFP", "dpa")),
    ("(Voice of America)", ("Voice of America",)),  # one agency list for credits and for "never an actor"
])
def test_furniture_credit_lines_become_credits(line, agencies):
    assert credit_agencies(line) == agencies
    c = strip_furniture(f"The treaty was signed on Monday.\n{line}\nIt takes effect next year.")
    assert c.credits == agencies and c.text == "The treaty was signed on Monday.\nIt takes effect next year."


@pytest.mark.parametrize("line", ["Reuters said on Monday that talks had failed.", "AP", "Apple",
                                  "Reuters reported that the base would close."])
def test_furniture_sentences_naming_agencies_are_not_credit_lines(line):
    text = f"Talks were held.\n{line}\nThey failed."
    c = strip_furniture(text)
    assert line in c.text or line == "AP"  # a lone "AP" is a credit, the sentences are not
    assert c.credits == (("AP",) if line == "AP" else ())


def test_furniture_dateline_credit_is_removed_with_its_place():
    c = strip_furniture("TASHKENT, Uzbekistan (AP) — Uzbekistan ordered U.S. troops out on Friday.")
    assert c.text == "Uzbekistan ordered U.S. troops out on Friday." and c.credits == ("AP",)


def test_furniture_run_of_headlines_without_heading_is_a_link_list():
    text = ("The base closed in November. Troops left.\nGermany Likely To Leave Uzbek Base\n"
            "The Geopolitical Game In Central Asia\nSwiss Spokeswoman Explains Arms Ban\n"
            "Officials said the handover went smoothly. No incidents were reported.")
    c = strip_furniture(text)
    assert "Germany" not in c.text and "Swiss" not in c.text and c.text.endswith("No incidents were reported.")


def test_furniture_single_subheading_and_salutations_are_kept():
    text = ("Mr President,\n\nColleagues,\n\nWe discussed trade. Both sides agreed.\nA New Partnership\n"
            "The leaders signed a treaty. It enters into force next year.")
    assert strip_furniture(text).text == text


def test_furniture_trailing_labels_are_dropped():
    c = strip_furniture("The summit ended with a joint statement. Leaders left.\n\nCHRONOLOGY\nMORE")
    assert c.text == "The summit ended with a joint statement. Leaders left."


def test_furniture_zone_ends_where_prose_resumes():
    text = ("Talks began. They lasted hours.\nSee also\nSome Other Story\n"
            "Later, both ministers met the press. They declined to comment.")
    assert strip_furniture(text).text == ("Talks began. They lasted hours.\n"
                                         "Later, both ministers met the press. They declined to comment.")


def test_headline_like_needs_capitals_and_no_sentence_end():
    assert is_headline_like("Central Asia: Russia And U.S. Often At Odds In Region")
    assert not is_headline_like("the talks went on until late in the evening")
    assert not is_headline_like("Ladies and gentlemen,")


# ---------------------------------------------------------------- html.v1

@pytest.fixture
def page() -> Document:
    [d] = docs("html.v1", (FIX / "page.html").read_bytes(), "page.html")
    return d


def test_html_metadata_from_the_page(page):
    assert page.title == "Kyrgyzstan keeps Manas air base open to U.S."
    assert page.url == page.source == "https://steppe-herald.example/2005/07/manas-open"
    assert (page.published, page.publisher, page.reader) == ("2005-07-26", "Steppe Herald", "html.v1")


def test_html_body_is_the_article_only(page):
    assert page.text.startswith("BISHKEK, Kyrgyzstan - Kyrgyz Defense Minister Ismail Isakov")
    assert "continued support of the mission." in page.text
    for furniture in ("Central Asia\n", "Opinion", "Related stories", "180 Days To Leave Base", "Share this",
                      "All rights reserved", "About us", "(Reuters", "Kyrgyzstan keeps Manas"):
        assert furniture not in page.text
    assert page.credits == ("Reuters", "AFP")


def test_html_entity_declarations_are_refused_before_parsing():
    assert code_of("html.v1", (FIX / "billion_laughs.html").read_bytes()) == "E110"
    assert code_of("html.v1", b'<!DOCTYPE html SYSTEM "about:legacy-compat" [<!ENTITY x "y">]><p>&x;</p>') == "E110"


def test_html_without_any_text_is_E111():
    assert code_of("html.v1", b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>") == "E111"


def test_html_with_only_navigation_is_E116():
    with pytest.raises(LoaderError, match="only page furniture") as exc:
        run("html.v1", b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert exc.value.code == "E116"


# ---------------------------------------------------------------- rss.v1

def test_rss2_one_document_per_entry_and_an_error_for_the_empty_one():
    items = run("rss.v1", (FIX / "feed_rss2.xml").read_bytes(), "feed_rss2.xml")
    first, second, third = items
    assert isinstance(third, LoaderError) and third.code == "E116" and "entry 3" in third.message
    assert first.url == first.source == "https://wire.example/2005/11/alliance"
    assert first.publisher == "Central Asia Wire" and first.title == "Russia and Uzbekistan sign alliance treaty"
    assert first.text == ("Russian President Vladimir Putin and Uzbek President Islam Karimov signed an alliance "
                          "treaty in Moscow.\nThe treaty allows mutual use of military facilities & bases.")
    assert first.credits == ("AP",)


def test_rss2_date_is_the_local_date_as_published():
    # 01:30 at +03:00 on the 15th is the 14th in UTC: the article's own date is the 15th
    first = run("rss.v1", (FIX / "feed_rss2.xml").read_bytes())[0]
    assert first.published == "2005-11-15"


def test_rss2_full_content_is_preferred_to_the_summary():
    second = run("rss.v1", (FIX / "feed_rss2.xml").read_bytes())[1]
    assert second.text.startswith("Troops from Russia, Kazakhstan and Tajikistan") and "Short summary" not in second.text


def test_atom_entries_published_else_updated():
    a, b = docs("rss.v1", (FIX / "feed_atom.xml").read_bytes(), "feed_atom.xml")
    assert (a.published, a.publisher, a.url) == ("2006-05-12", "Caspian Monitor", "https://caspian.example/2006/05/sochi")
    assert a.text.startswith("President Vladimir Putin welcomed") and "<p>" not in a.text
    assert b.published == "2005-10-26" and b.text.startswith("Heads of government")


def test_feed_entity_declarations_are_refused_before_parsing():
    assert code_of("rss.v1", (FIX / "billion_laughs.rss").read_bytes()) == "E110"


def test_feed_string_that_looks_like_a_url_or_path_is_not_opened():
    assert code_of("rss.v1", b"http://127.0.0.1:9/feed.xml") == "E112"
    assert code_of("rss.v1", str(FIX / "feed_rss2.xml").encode()) == "E112"


def test_feed_invalid_character_reference_is_a_loader_error():
    data = b'<rss version="2.0"><channel><title>W</title><item><title>T&#xD800;</title>' \
           b'<description>Talks began.</description></item></channel></rss>'
    with pytest.raises(LoaderError):
        run("rss.v1", data)


def test_feed_entries_past_the_cap_are_reported(monkeypatch):
    monkeypatch.setattr(feed_module, "MAX_FEED_ENTRIES", 3)
    entries = "".join(f"<item><title>T{i}</title><link>https://w.example/{i}</link><description>Talks number {i} "
                      f"ended.</description></item>" for i in range(5))
    items = run("rss.v1", f'<rss version="2.0"><channel><title>W</title>{entries}</channel></rss>'.encode())
    assert [type(i).__name__ for i in items] == ["Document"] * 3 + ["LoaderError"]
    assert items[-1].code == "E113" and "2 entries" in items[-1].message


# ---------------------------------------------------------------- jsonl.v1

def test_jsonl_bad_lines_are_errors_with_line_numbers_and_the_rest_still_read():
    items = run("jsonl.v1", (FIX / "articles.jsonl").read_bytes(), "articles.jsonl")
    kinds = [i.code if isinstance(i, LoaderError) else "doc" for i in items]
    assert kinds == ["doc", "doc", "E114", "E114", "doc"]
    assert "line 3" in items[2].message and "line 4" in items[3].message
    first, second = items[0], items[1]
    assert (first.url, first.title, first.published, first.publisher, first.license) == (
        "https://a.example/1", "Manas stays open", "2005-07-26", "A Wire", "CC BY 4.0")
    assert second.published == "2005-08-01" and second.source == "articles.jsonl#L2"


@pytest.mark.parametrize("line, code", [
    ('[1, 2]', "E114"),
    ('{"text": 5}', "E114"),
    ('{"text": "Talks.", "title": ["a"]}', "E114"),
    ('{"text": "Talks \\ud800 ended."}', "E105"),
])
def test_jsonl_bad_line_kinds(line, code):
    [err] = run("jsonl.v1", line.encode())
    assert isinstance(err, LoaderError) and err.code == code and "line 1" in err.message


def test_jsonl_is_utf8_only():
    assert code_of("jsonl.v1", '{"text": "caf\u00e9"}'.encode("latin-1")) == "E104"


# ---------------------------------------------------------------- any bytes

ARTICLE = (FIX / "front_matter.txt").read_bytes()
SAMPLES = [ARTICLE, (FIX / "page.html").read_bytes(), (FIX / "feed_rss2.xml").read_bytes(),
           (FIX / "feed_atom.xml").read_bytes(), (FIX / "articles.jsonl").read_bytes()]


def _only_loader_errors(reader: str, data: bytes) -> None:
    try:
        for item in get_reader(reader)(data, name="fuzz"):
            assert isinstance(item, (Document, LoaderError))
    except LoaderError:
        pass


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), reader=st.sampled_from(BUILTIN))
def test_random_bytes_never_raise_anything_but_loader_error(data, reader):
    _only_loader_errors(reader, data)


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=st.sampled_from(SAMPLES), seed=st.integers(0, 2**32), n=st.integers(1, 12),
       reader=st.sampled_from(BUILTIN))
def test_mutated_articles_never_raise_anything_but_loader_error(sample, seed, n, reader):
    data = mutate(sample, seed, n)
    _only_loader_errors(reader, data)
