"""End to end: the German and the Russian edition of the seed report, built by the CLI.

The German edition exercises umlauts and ß, German quotes and dates and a Kazakh author's
name in Kazakh Cyrillic; the Russian one Russian quotes, dates and page labels, the Kazakh
letters and the distribution marking on every page.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.pdf_inspect import BASE14, chars, fonts, page_texts

REPO = Path(__file__).resolve().parents[2]
GERMAN = "content/2024-07/astana-sco.de.md"
RUSSIAN = "content/2024-07/astana-sco.ru.md"

# The nine letters of the Kazakh alphabet beyond Russian's, each in at least one case.
KAZAKH_LETTERS = ("Әә", "Ғғ", "Ққ", "Ңң", "Өө", "Ұұ", "Үү", "Һһ", "Іі")
# The Kazakh letter forms the Russian edition uses (names, places and terms).
RUSSIAN_KAZAKH_FORMS = "ӘәҚқғңӨөҰұүһі"


@dataclass(frozen=True)
class Note:
    """A footnote: its number, the last character before its reference mark, and the
    first words of its text."""

    number: int
    before: str
    opening: str


GERMAN_NOTES = (
    Note(1, "n", "Belarus, China, Indien"),  # "Mitgliedstaaten¹"
    Note(2, ".", "Zitate nach den Redetexten"),  # "… Satelliten“ entstanden.²"
)
RUSSIAN_NOTES = (
    Note(1, "ы", "Беларусь, Индия, Иран"),  # "Государства-члены¹"
    Note(2, ".", "Цитаты приводятся по текстам"),  # "… сателлитов».²"
)


def cli(command: str, path: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lagebericht", command, path, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def build(source: str, out: Path) -> bytes:
    result = cli("build", source, "-o", str(out))
    assert result.returncode == 0, f"build exited {result.returncode}:\n{result.stderr}"
    pdf = out / (Path(source).stem + ".pdf")
    assert pdf.is_file(), f"no {pdf.name} in {sorted(p.name for p in out.iterdir())}"
    return pdf.read_bytes()


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build(GERMAN, tmp_path_factory.mktemp("de"))


@pytest.fixture(scope="module")
def russian(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build(RUSSIAN, tmp_path_factory.mktemp("ru"))


def pattern(phrase: str) -> re.Pattern[str]:
    """``phrase`` as printed: any space may be a line break, and the phrase may be
    hyphenated at the end of a line anywhere (an added hyphen, or after one of its own)."""
    parts = []
    for ch in phrase:
        if ch == " ":
            parts.append(r"\s+")
        elif ch == "-":
            parts.append(r"-\n?")
        else:
            parts.append(re.escape(ch) + r"(?:-\n)?")
    return re.compile("".join(parts))


def assert_printed(text: str, *phrases: str) -> None:
    missing = [p for p in phrases if not pattern(p).search(text)]
    assert not missing, f"not printed: {missing}"


def all_text(pdf: bytes) -> str:
    """The text of every page, without the lines that hold only footnote reference marks
    (pdfplumber puts a raised mark on a line of its own, inside the sentence)."""
    text = "\n".join(page_texts(pdf))
    return "\n".join(line for line in text.splitlines() if not line.strip().isdigit())


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def num(char: dict[str, object], key: str) -> float:
    value = char[key]
    assert isinstance(value, int | float), (key, value)
    return float(value)


def reference_pages(pdf: bytes, number: int, before: str) -> list[int]:
    """The pages (0-based) with a superscript ``number`` set right after a body-size
    ``before``: the footnote's reference mark in the text."""
    pages = chars(pdf)
    sizes = Counter(round(num(c, "size"), 2) for page in pages for c in page)
    body = sizes.most_common(1)[0][0]
    found = []
    for index, page in enumerate(pages):
        for mark in page:
            if mark["text"] != str(number) or num(mark, "size") > 0.85 * body:
                continue
            if any(
                c["text"] == before
                and abs(num(c, "size") - body) < 0.01
                and abs(num(c, "x1") - num(mark, "x0")) < 1.5
                and num(c, "top") <= num(mark, "bottom")
                and num(mark, "top") <= num(c, "bottom")
                for c in page
            ):
                found.append(index)
    return found


def assert_notes_on_reference_pages(pdf: bytes, notes: tuple[Note, ...]) -> None:
    texts = page_texts(pdf)
    for note in notes:
        refs = reference_pages(pdf, note.number, note.before)
        assert len(refs) == 1, f"note {note.number}: reference marks on pages {refs}"
        page = texts[refs[0]]
        assert pattern(f"{note.number} {note.opening}").search(page), (
            f"note {note.number} ({note.opening!r}…) is not on page {refs[0] + 1}, "
            f"the page of its reference"
        )


def assert_fonts_embedded(pdf: bytes) -> None:
    found = fonts(pdf)
    assert found
    assert all(f.embedded for f in found), [f.name for f in found if not f.embedded]
    assert not [f.name for f in found if BASE14.match(f.name.lstrip("/").split("+")[-1])]


@pytest.mark.parametrize("source", [GERMAN, RUSSIAN])
def test_check_passes_without_warnings(source: str) -> None:
    result = cli("check", source)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


# --- German ------------------------------------------------------------------------------


def test_german_page_one_header(german: bytes) -> None:
    first = page_texts(german)[0]
    assert "5. Juli 2024" in first
    assert "Lagebericht" in lines(first)
    assert_printed(
        page_texts(german)[0],
        "Kasachstan – Schanghaier Organisation für Zusammenarbeit",
        "Dr. Anna Müller",
        "Leiterin des Auslandsbüros Kasachstan",
        "Әлия Сұлтанова",
        "Beim Gipfel der Schanghaier Organisation",
    )


def test_german_quotes_are_typographic(german: bytes) -> None:
    text = all_text(german)
    assert '"' not in text
    assert text.count("„") == text.count("“") >= 4
    assert_printed(
        text,
        "„drei Übel“",
        # Longer quotes by their ends: a page break may fall inside.
        "„absolut unverfrorenen",
        "ihrer Satelliten“ entstanden.",
        "dass „Sanktionskonflikte",
        "Schaden zufügen“ und „die Aussichten",
        "schmälern“.",
    )


def test_german_letters_names_and_dashes(german: bytes) -> None:
    text = all_text(german)
    assert set("äöüÄÖÜß") <= set(text)
    assert_printed(
        text,
        "Kassym-Schomart Tokajew (kasachisch Qasym-Jomart Toqaev)",
        "Geopolitik – und wie sehr",
        "Achse China – Russland:",
        "Öl, Gas und erneuerbaren Energien",
        "Außenpolitik",
    )
    assert " - " not in text


def test_german_section_headings(german: bytes) -> None:
    printed = [line for text in page_texts(german) for line in lines(text)]
    headings = [
        "Sicherheit und Terrorismusbekämpfung",
        "Wirtschaftliche Zusammenarbeit",
        "Geopolitische Verschiebungen",
        "Fazit",
    ]
    positions = [printed.index(h) for h in headings]  # each a line of its own
    assert positions == sorted(positions)


def test_german_footnotes_on_their_pages(german: bytes) -> None:
    assert_notes_on_reference_pages(german, GERMAN_NOTES)


def test_german_fonts_embedded(german: bytes) -> None:
    assert_fonts_embedded(german)


# --- Russian -----------------------------------------------------------------------------


def test_russian_page_one_header(russian: bytes) -> None:
    texts = page_texts(russian)
    assert "5 июля 2024 г." in texts[0]
    # The label starts its line (the date beside it stands over the marking).
    assert any(line.startswith("Обзор ситуации") for line in lines(texts[0]))
    assert_printed(
        texts[0],
        "Казахстан — Шанхайская организация сотрудничества",
        "Әлия Сұлтанова",
        "Зуһра Әбдікәрімова",
        f"Страница 1 из {len(texts)}",
    )


def test_russian_marking_and_page_numbers_on_every_page(russian: bytes) -> None:
    texts = page_texts(russian)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert "Для служебного пользования" in text, f"page {number} lacks the marking"
        assert f"Страница {number} из {len(texts)}" in text, f"page {number}"


def test_russian_quotes_are_typographic(russian: bytes) -> None:
    text = all_text(russian)
    assert '"' not in text
    assert text.count("«") == text.count("»") >= 7
    assert_printed(
        text,
        "«тремя злами»",
        "«үш зұлымдық»",
        "«Пояс и путь»",
        "«абсолютно бесцеремонной",
        "их сателлитов».",
        "мнение, что «санкционные",
        "экономике» и «сужают",
        "развития».",
        "«Әділетті Қазақстан» («Справедливый Казахстан»)",
    )


def test_russian_dash_is_the_spaced_em_dash(russian: bytes) -> None:
    # Russian sets a dash between words as "—" with spaces, never the en dash; the
    # source writes " - " 10 times (title and summary included), the title is repeated
    # in the running head of pages 2 and 3.
    text = all_text(russian)
    assert not re.search(r"\s–\s", text)
    assert len(re.findall(r"\s—\s", text)) >= 12
    assert "2019–2022" in text  # a range keeps its unspaced en dash


def test_russian_kazakh_letters(russian: bytes) -> None:
    text = all_text(russian)
    for letter in KAZAKH_LETTERS:
        assert set(letter) & set(text), f"no {letter[0]} printed"
    missing = [c for c in RUSSIAN_KAZAKH_FORMS if c not in text]
    assert not missing, f"Kazakh letters lost: {missing}"
    assert_printed(
        text,
        "Қасым-Жомарт Тоқаев",
        "Нұр-Сұлтан",
        "Теңіз и Қашаған",
        "от Өскемен и Көкшетау до Қарағанды, Ұлытау и Түркістан",
    )


def test_russian_kazakh_term_in_italics(russian: bytes) -> None:
    term = "Әділетті"
    for page in chars(russian):
        text = "".join(str(c["text"]) for c in page)
        start = text.find(term)
        if start >= 0:
            names = {str(c["fontname"]).split("+")[-1] for c in page[start : start + len(term)]}
            assert all("Italic" in n or n.endswith("-It") for n in names), names
            return
    pytest.fail(f"{term!r} not printed as one run")


def test_russian_section_headings(russian: bytes) -> None:
    printed = [line for text in page_texts(russian) for line in lines(text)]
    headings = [
        "Безопасность и борьба с терроризмом",
        "Экономическое сотрудничество",
        "Геополитическая расстановка сил",
        "Выводы",
    ]
    positions = [printed.index(h) for h in headings]
    assert positions == sorted(positions)


def test_russian_footnotes_on_their_pages(russian: bytes) -> None:
    assert_notes_on_reference_pages(russian, RUSSIAN_NOTES)


def test_russian_fonts_embedded(russian: bytes) -> None:
    assert_fonts_embedded(russian)
