"""Render-text stage: inline runs and front-matter strings → typeset markup per language."""
