"""Reads for the web pages, on top of engine.selectors."""
