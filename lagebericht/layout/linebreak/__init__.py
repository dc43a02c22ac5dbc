"""lagebericht's own paragraph engine: optimal line breaking as TeX does it.

A paragraph becomes a list of *items* (``items``): boxes (pieces of words, of fixed
width), glue (spaces that stretch and shrink) and penalties (places a line may end at a
cost: hyphenation points, explicit hyphens, the paragraph's end). ``builder`` makes them
from styled text — break opportunities by Unicode line breaking (UAX #14), hyphenation
points from the language's dictionary, soft hyphens, the language rules of ``rules``
(ties), and emergency breaks inside anything wider than the line. ``knuth_plass`` chooses
the breaks with the least total demerits over the whole paragraph, in TeX's passes: first
without the dictionary's hyphens, then with them, then with emergency stretch and
emergency breaks, and last a rescue pass that accepts any line within its measure. The
result names, per line, its first item, the item it breaks at and its adjustment ratio;
drawing the lines is the caller's part.
"""
