"""The typography report of issue 13: lagebericht's line breaking against Typst's.

    python -m benchmarks.typography [--markdown]      the de, en and ru seeds, both setters
    python -m benchmarks.typography --pdf FILE…       the metrics of any PDFs

(or ``python3 tasks.py typo``). ``to_typst`` converts a report to Typst markup set like the
theme, ``metrics`` measures the body lines of a PDF, ``run`` builds and prints the table.
"""
