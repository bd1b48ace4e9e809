"""Briefing Builder: EU meeting briefings (PowerPoint deck + Excel annex) from a YAML content store."""

__version__ = "0.1.0"
