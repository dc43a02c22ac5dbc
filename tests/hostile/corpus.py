"""The bad-input corpus: broken files and the message each must produce.

A case is a throwaway content tree (``{relative path: text or bytes}``), the report to build,
and what standard error must say: a line starting with ``where`` (``path:line:``, the
column left open where it is not the point) that contains ``says``. Every case must fail
with exit status 1, no traceback and no PDF.

``STRANGE`` cases are valid but odd: they must build, and the PDF must show ``shows``.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

REPORT = "content/2024-07/report.md"
TEMPLATE = "content/2024-07/report.md.j2"
OFFICE_FILE = "content/offices/kasachstan.yaml"
OFFICE = "name: Auslandsbüro Kasachstan\ncity: Astana\n"

Files = dict[str, str | bytes]


def front(*lines: str, title: str | None = "Kasachstan und die SOZ") -> str:
    """Front matter with the required fields (lines 2–5: date, language, office, title)
    and ``lines`` after them (from line 6 on, or 5 without a title)."""
    fields = ["date: 2024-07-05", "language: de", "office: kasachstan"]
    if title is not None:
        fields.append(f"title: {title}")
    return "---\n" + "".join(f"{line}\n" for line in (*fields, *lines)) + "---\n"


def report(body: str, *lines: str) -> Files:
    """A report (front matter lines 1–6, body from line 7) with its office file."""
    return {REPORT: front(*lines) + body, OFFICE_FILE: OFFICE}


@dataclass(frozen=True)
class Case:
    name: str
    files: Files
    where: str
    says: str
    source: str = REPORT
    xfail: str | None = None
    symlinks: dict[str, str] = field(default_factory=dict)
    """``{link path: target}``; a target starting with ``/`` is absolute, else relative to
    the tree's root (written as an absolute link)."""


# A 1×1 PNG; the corrupt one is cut short.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
B = "content/2024-07/report.md"

CASES: list[Case] = [
    # --- front matter ---------------------------------------------------------------
    Case("empty-file", {REPORT: "", OFFICE_FILE: OFFICE}, f"{B}:1:", "the file is empty"),
    Case("only-whitespace", {REPORT: "\n \n\t\n", OFFICE_FILE: OFFICE}, f"{B}:1:", "file is empty"),
    Case(
        "no-front-matter",
        {REPORT: "title: x\n\nText.\n", OFFICE_FILE: OFFICE},
        f"{B}:1:1:",
        "missing front matter",
    ),
    Case(
        "unterminated-front-matter",
        {REPORT: "---\ntitle: x\ndate: 2024-07-05\n\nText.\n", OFFICE_FILE: OFFICE},
        f"{B}:1:1:",
        "front matter is not closed",
    ),
    Case(
        "malformed-yaml",
        {REPORT: '---\ntitle: "unclosed\ndate: 2024-07-05\n---\nText.\n', OFFICE_FILE: OFFICE},
        f"{B}:",
        "front matter: YAML syntax error",
    ),
    Case(
        "tab-indentation",
        {REPORT: front("authors:\n\t- Anna") + "Text.\n", OFFICE_FILE: OFFICE},
        f"{B}:7:",
        "use spaces, not tabs",
    ),
    Case(
        "list-instead-of-mapping",
        {REPORT: "---\n- title\n- date\n---\nText.\n", OFFICE_FILE: OFFICE},
        f"{B}:2:1:",
        "front matter: expected fields like `title: …`, one per line; got a list",
    ),
    Case(
        "scalar-instead-of-mapping",
        {REPORT: "---\njust a sentence\n---\nText.\n", OFFICE_FILE: OFFICE},
        f"{B}:2:1:",
        'got the text "just a sentence"',
    ),
    Case(
        "non-utf8-bytes",
        {REPORT: front().encode() + b"Gr\xfc\xdfe aus Astana.\n", OFFICE_FILE: OFFICE},
        f"{B}:7:3:",
        "file is not UTF-8 text: byte 0xFC",
    ),
    Case(
        "utf16-file",
        {REPORT: front().encode("utf-16"), OFFICE_FILE: OFFICE},
        f"{B}:1:1:",
        "file is not UTF-8 text",
    ),
    Case(
        "missing-title",
        {REPORT: front(title=None) + "Text.\n", OFFICE_FILE: OFFICE},
        f"{B}:1:",
        "title: missing",
    ),
    Case("title-is-a-list", report("Text.\n", "subtitle: [a, b]"), f"{B}:6:", "subtitle: expected"),
    Case(
        "title-is-a-mapping",
        {REPORT: front(title="{text: x}") + "Text.\n", OFFICE_FILE: OFFICE},
        f"{B}:5:",
        "title: expected the report's title",
    ),
    Case(
        "empty-title", {REPORT: front(title='""') + "T\n", OFFICE_FILE: OFFICE}, f"{B}:5:", "title"
    ),
    Case(
        "duplicate-field",
        report("Text.\n", "date: 2024-07-06"),
        f"{B}:6:1:",
        "date: duplicate field, it is already set on line 2",
    ),
    Case(
        "invalid-date",
        {REPORT: front().replace("2024-07-05", "2024-02-30") + "T\n", OFFICE_FILE: OFFICE},
        f"{B}:2:",
        "date: expected an ISO date like 2024-07-05",
    ),
    Case(
        "date-in-words",
        {REPORT: front().replace("2024-07-05", "5 July 2024") + "T\n", OFFICE_FILE: OFFICE},
        f"{B}:2:",
        'date: expected an ISO date like 2024-07-05, got "5 July 2024"',
    ),
    Case("unknown-key", report("Text.\n", "colour: red"), f"{B}:6:1:", "colour: unknown field"),
    Case("misspelt-key", report("Text.\n", "subtitel: x"), f"{B}:6:1:", 'did you mean "subtitle"'),
    Case(
        "unknown-language",
        {
            REPORT: front().replace("language: de", "language: klingonisch") + "T\n",
            OFFICE_FILE: OFFICE,
        },
        f"{B}:3:",
        "language: expected a language tag",
    ),
    Case(
        "draft-not-boolean",
        report("Text.\n", "draft: vielleicht"),
        f"{B}:6:",
        "draft: expected true or false",
    ),
    Case(
        "keywords-mapping",
        report("Text.\n", "keywords: {a: b}"),
        f"{B}:6:",
        "keywords: expected a list of words",
    ),
    Case(
        "author-without-name",
        report("Text.\n", "authors:", "  - role: Leiterin"),
        f"{B}:7:",
        "authors[1].name: missing",
    ),
    Case(
        "author-unknown-key",
        report("Text.\n", "authors:", "  - {name: Anna, email: a@b.de}"),
        f"{B}:7:",
        "authors[1].email: unknown field",
    ),
    Case(
        "alias-bomb",
        report(
            "Text.\n",
            "x0: &a0 [l, o, l, o, l, o, l, o, l]",
            *(f"x{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)),
        ),
        f"{B}:",
        "front matter: more than 1,000 uses of aliases",
    ),
    Case(
        "deep-nesting-front-matter",
        report("Text.\n", "subtitle: " + "[" * 200 + "]" * 200),
        f"{B}:6:",
        "subtitle: lists or mappings nested more than 100 levels deep",
    ),
    Case(
        "very-deep-nesting-front-matter",
        report("Text.\n", "subtitle: " + "[" * 20000 + "]" * 20000),
        f"{B}:2:",
        "front matter: lists or mappings are nested too deeply",
    ),
    # --- body -----------------------------------------------------------------------
    Case(
        "undefined-footnote",
        report("Text[^nirgends].\n"),
        f"{B}:7:5:",
        "footnote [^nirgends]: referenced but never defined",
    ),
    Case(
        "duplicate-footnote",
        report("Text[^a].\n\n[^a]: Eins.\n\n[^a]: Zwei.\n"),
        f"{B}:11:1:",
        "footnote [^a]: defined twice (first on line 9)",
    ),
    Case(
        "footnote-inside-footnote",
        report("Text[^a].\n\n[^a]: Siehe auch[^b].\n\n[^b]: Innen.\n"),
        f"{B}:9:17:",
        "footnote [^a]: a footnote cannot refer to another footnote ([^b])",
    ),
    Case("empty-footnote", report("Text[^a].\n\n[^a]:\n"), f"{B}:9:", "the note has no text"),
    Case(
        "heading-level-1",
        report("# Titel\n\nText.\n"),
        f"{B}:7:",
        "heading level 1 (`#`) is not allowed",
    ),
    Case("empty-heading", report("##\n\nText.\n"), f"{B}:7:", "the heading has no text"),
    Case(
        "deep-block-quotes",
        report(">" * 500 + " tief\n"),
        f"{B}:7:",
        "found a block quote",
    ),
    Case(
        "deep-list-nesting",
        report("".join("  " * n + "- Ebene\n" for n in range(60))),
        f"{B}:",
        "bullet",
    ),
    Case("code-block", report("```\ncode\n```\n"), f"{B}:7:", "code blocks are not supported"),
    Case("relative-link", report("Siehe [hier](seite.html).\n"), f"{B}:7:", 'got "seite.html"'),
    Case(
        "javascript-link",
        report("Siehe [hier](javascript:alert(1)).\n"),
        f"{B}:7:",
        "link: expected an address starting with https://",
    ),
    Case(
        "file-link",
        report("Siehe [hier](file:///etc/passwd).\n"),
        f"{B}:7:",
        "link: expected an address starting with https://",
    ),
    Case(
        "data-link",
        report("Siehe [hier](data:text/html;base64,PHNjcmlwdD4=).\n"),
        f"{B}:7:",
        "link: expected an address starting with https://",
    ),
    Case(
        "ftp-link-in-footnote",
        report("Text[^a].\n\n[^a]: Siehe [hier](ftp://example.org/x).\n"),
        f"{B}:9:",
        'link: expected an address starting with https://, http:// or mailto:, got "ftp:',
    ),
    Case(
        "relative-link-in-footnote",
        report("Text[^a].\n\n[^a]: Siehe [hier](../geheim.pdf).\n"),
        f"{B}:9:",
        'got "../geheim.pdf"',
    ),
    Case(
        "javascript-link-in-footnote",
        report("Text[^a].\n\n[^a]: Siehe [hier](javascript:alert(1)).\n"),
        f"{B}:9:",
        "link: expected an address starting with https://",
    ),
    Case(
        "link-in-summary",
        report("Text.\n", "summary: Siehe [hier](vbscript:x)."),
        f"{B}:6:",
        "link",
    ),
    Case(
        "control-character",
        report("Text mit \x07 Klingel.\n"),
        f"{B}:7:",
        "the control character U+0007 is not text",
    ),
    Case(
        "character-without-glyph",
        report("Ein Schneemann ☃ im Juli.\n"),
        f"{B}:7:",
        "the character U+2603 SNOWMAN (☃) cannot be printed (no glyph for it",
    ),
    Case(
        "escaped-control-character-in-title",
        {REPORT: front(title='"Astana\\u0007"') + "T\n", OFFICE_FILE: OFFICE},
        f"{B}:5:",
        "title: the character U+0007 cannot be printed (it is a control character)",
    ),
    Case(
        "emoji-in-title",
        {REPORT: front(title="Astana 😀") + "T\n", OFFICE_FILE: OFFICE},
        f"{B}:5:",
        "title: the character U+1F600 GRINNING FACE",
    ),
    Case(
        "nul-in-footnote",
        report("Text[^a].\n\n[^a]: Null \x00 hier.\n"),
        f"{B}:9:12:",
        "the control character U+0000 is not text",
    ),
    # --- images (the contract of issue 6) --------------------------------------------
    Case(
        "image-missing",
        report('![Karte](karte.png "Quelle")\n'),
        f"{B}:7:",
        "karte.png",
    ),
    Case(
        "image-corrupt",
        {**report('![Karte](karte.png "Quelle")\n'), "content/2024-07/karte.png": PNG[:30]},
        f"{B}:7:",
        "karte.png",
    ),
    Case(
        "image-not-an-image",
        {**report('![Karte](karte.png "Quelle")\n'), "content/2024-07/karte.png": b"%PDF-1.4\n"},
        f"{B}:7:",
        "karte.png",
    ),
    Case(
        "image-oversized",
        {
            **report('![Karte](karte.png "Quelle")\n'),
            "content/2024-07/karte.png": PNG[:16]
            + (60000).to_bytes(4, "big")
            + (60000).to_bytes(4, "big")
            + PNG[24:],
        },
        f"{B}:7:",
        "karte.png",
    ),
    Case(
        "image-outside-tree",
        {**report('![Karte](../../../secret.png "Quelle")\n'), "secret.png": PNG},
        f"{B}:7:",
        "outside",
    ),
    Case(
        "image-absolute-path",
        report('![Karte](/etc/passwd "Quelle")\n'),
        f"{B}:7:",
        "/etc/passwd",
    ),
    Case(
        "image-symlink-out",
        {**report('![Karte](karte.png "Quelle")\n'), "secret.png": PNG},
        f"{B}:7:",
        "outside",
        symlinks={"content/2024-07/karte.png": "secret.png"},
    ),
    Case(
        "image-url",
        report('![Karte](https://example.org/karte.png "Quelle")\n'),
        f"{B}:7:",
        "https://example.org/karte.png",
    ),
    # --- offices ----------------------------------------------------------------------
    Case(
        "unknown-office",
        {REPORT: front().replace("kasachstan", "kasachstn") + "T\n", OFFICE_FILE: OFFICE},
        f"{B}:4:9:",
        'office: unknown office "kasachstn"; did you mean "kasachstan"?',
    ),
    Case(
        "office-without-name",
        {REPORT: front() + "T\n", OFFICE_FILE: "city: Astana\n"},
        f"{OFFICE_FILE}:1:1:",
        "name: missing",
        source=REPORT,
    ),
    Case(
        "office-file-is-a-list",
        {REPORT: front() + "T\n", OFFICE_FILE: "- name: x\n"},
        f"{OFFICE_FILE}:1:1:",
        "office file: expected fields",
    ),
    Case(
        "office-file-malformed",
        {REPORT: front() + "T\n", OFFICE_FILE: "name: [Büro\ncity: Astana\n"},
        f"{OFFICE_FILE}:",
        "office file: YAML syntax error",
    ),
    Case(
        "office-file-not-utf8",
        {REPORT: front() + "T\n", OFFICE_FILE: b"name: Auslandsb\xfcro\n"},
        f"{OFFICE_FILE}:1:16:",
        "not UTF-8",
    ),
    Case(
        "office-web-javascript",
        {REPORT: front() + "T\n", OFFICE_FILE: OFFICE + "web: 'javascript:alert(1)'\n"},
        f"{OFFICE_FILE}:3:6:",
        "web: expected a web address starting with https:// or http://",
    ),
    Case(
        "office-web-file",
        {REPORT: front() + "T\n", OFFICE_FILE: OFFICE + "web: file:///etc/passwd\n"},
        f"{OFFICE_FILE}:3:6:",
        'got "file:///etc/passwd"',
    ),
    Case(
        "inline-office-web-data",
        {
            REPORT: front().replace("office: kasachstan", "office:\n  name: B\n  web: data:x")
            + "T\n"
        },
        f"{B}:6:8:",
        "office.web: expected a web address",
    ),
    Case(
        "inline-office-unknown-key",
        {REPORT: front().replace("office: kasachstan", "office:\n  name: B\n  fax: 1") + "T\n"},
        f"{B}:6:3:",
        "office.fax: unknown field",
    ),
    Case(
        "office-symlink-out",
        {REPORT: front() + "T\n", "secret.yaml": "name: Geheim\n"},
        f"{B}:4:9:",
        "is a link to a file outside",
        symlinks={OFFICE_FILE: "secret.yaml"},
    ),
    Case(
        "no-offices-folder",
        {REPORT: front() + "T\n"},
        f"{B}:4:9:",
        'office: cannot look up "kasachstan": no `offices` folder',
    ),
    # --- templates (*.md.j2) ------------------------------------------------------------
    Case(
        "template-syntax-error",
        {TEMPLATE: front() + "{% for x in %}\n{% endfor %}\n", OFFICE_FILE: OFFICE},
        "content/2024-07/report.md.j2:7:",
        "template syntax error",
        source=TEMPLATE,
    ),
    Case(
        "template-undefined",
        {TEMPLATE: front() + "Text.\n\nWert: {{ kennzahl }}\n", OFFICE_FILE: OFFICE},
        "content/2024-07/report.md.j2:9:",
        "kennzahl",
        source=TEMPLATE,
    ),
    Case(
        "template-sandbox-mro",
        {TEMPLATE: front() + "{{ ''.__class__.__mro__ }}\n", OFFICE_FILE: OFFICE},
        "content/2024-07/report.md.j2:7:",
        "__class__",
        source=TEMPLATE,
    ),
    Case(
        "template-sandbox-subclasses",
        {
            TEMPLATE: front() + "Text.\n{{ ().__class__.__base__.__subclasses__() }}\n",
            OFFICE_FILE: OFFICE,
        },
        "content/2024-07/report.md.j2:8:",
        "__class__",
        source=TEMPLATE,
    ),
    Case(
        "template-include",
        {TEMPLATE: front() + "{% include '/etc/passwd' %}\n", OFFICE_FILE: OFFICE},
        "content/2024-07/report.md.j2:7:",
        "template",
        source=TEMPLATE,
    ),
    Case(
        "template-huge-output",
        {
            TEMPLATE: front() + "{% for i in range(99999) %}{{ 'x' * 99 }}{% endfor %}\n",
            OFFICE_FILE: OFFICE,
        },
        "content/2024-07/report.md.j2:7:",
        "longer than 2 MB, the limit for a report",
        source=TEMPLATE,
    ),
    Case(
        "template-data-outside",
        {
            TEMPLATE: front("data: [../../geheim.yaml]") + "{{ geheim }}\n",
            OFFICE_FILE: OFFICE,
            "geheim.yaml": "a: b\n",
        },
        "content/2024-07/report.md.j2:6:",
        "outside the report's folder",
        source=TEMPLATE,
    ),
    Case(
        "template-data-symlink-out",
        {
            TEMPLATE: front("data: [zahlen.yaml]") + "{{ zahlen }}\n",
            OFFICE_FILE: OFFICE,
            "geheim.yaml": "a: b\n",
        },
        "content/2024-07/report.md.j2:6:",
        "outside the report's folder",
        source=TEMPLATE,
        symlinks={"content/2024-07/zahlen.yaml": "geheim.yaml"},
    ),
    # --- files ------------------------------------------------------------------------
    Case(
        "binary-file",
        {REPORT: b"\x89PNG\r\n\x1a\n" + PNG, OFFICE_FILE: OFFICE},
        f"{B}:1:1:",
        "not UTF-8",
    ),
    Case(
        "too-large",
        {REPORT: front() + ("Ein Satz. " * 210_000), OFFICE_FILE: OFFICE},
        f"{B}:1:",
        "the file is larger than 2 MB, the limit for a report",
    ),
]
