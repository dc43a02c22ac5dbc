"""Paragraphs set by lagebericht's own line breaker and drawn through reportlab's public API.

``inline`` reads the paragraph markup of ``text.markup`` into styled spans; ``lines``
breaks them with ``layout.linebreak`` (Knuth-Plass) and places each line's pieces;
``draw`` puts the lines on a canvas; ``flowable`` is the Platypus flowable (wrap, split
across pages and columns with widow and orphan control, footnote references).
"""
