"""Themes as data: ``templates/<theme>/theme.yaml`` (+ Jinja2 boilerplate, logo) → ``Theme``."""

from lagebericht.theme.load import DEFAULT_THEME_NAME, THEMES_DIR, load_theme
from lagebericht.theme.model import Theme

__all__ = ["DEFAULT_THEME_NAME", "THEMES_DIR", "Theme", "load_theme"]
