"""Renderers: lay out a route view for a terminal, JSON or a document."""
