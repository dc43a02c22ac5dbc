"""lagebericht: a field office's Markdown situation report → branded, print-ready PDF.

The package is its pipeline. Its stages, lowest first: a module imports only from its own
stage and those listed before it (``tests/test_layering.py`` checks every import, also
those inside functions and under ``TYPE_CHECKING``):

    infrastructure  problems, limits, wording, word_lists, cache, job, lazy, document_date, project
    load            report file → RawDocument (front matter, body, line numbers); SVG files
    model           the frozen pydantic models of a validated report
    text            inline runs → typeset markup: quotes, dashes, dates, labels
    theme           ``templates/<name>/`` → Theme (found, merged, checked)
    validate        RawDocument → Report, or located Problems
    layout          Report → PDF bytes (reportlab Platypus, theme-driven)
    output          bytes → atomic file under output/
    archive         PDF/A; the output folder's manifest.json (written through output)
    build           one report checked or built, the outcome as a value; theme_choice
    batch           many reports: discover, plan what changed, build in parallel
    authoring       new, preview, watch, schema
    cli             the command line, the only package that prints or exits

The theme sits below validation: it is read and checked on its own (with load's YAML
reader and the shared wording), and every later stage may consult it. The text stage sits
below the theme: it typesets with the labels it is given (``text.labels.Labels``, a
``Protocol`` the theme's labels fulfil) and knows no theme. A helper two
stages need lives in the lower one or below both: SVG reading (validation proves a figure
can be drawn, the layout draws it) is in ``load/svg.py``, the content tree that bounds
figures in ``load/offices.py``, the wording of problems in ``wording.py``, the ``nohyphen:``
words of themes and reports in ``word_lists.py``.
"""

__version__ = "0.1.0"
