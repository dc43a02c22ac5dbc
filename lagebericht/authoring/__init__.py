"""Authoring helpers: scaffold a report, JSON Schema, page previews, rebuild on save."""
